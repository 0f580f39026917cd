// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "formats/keras_h5/layers/layer_context.h"

namespace wb::formats::keras {

// One SimpleRNN/LSTM/GRU configuration, Keras 1 and 2 keys merged.
struct RnnSpec {
    enum class Kind { Simple, Lstm, Gru } kind = Kind::Lstm;
    int64_t units = 0;
    std::string activation = "tanh";
    std::string recurrent_activation = "hard_sigmoid";
    bool reset_after = false;
    bool return_sequences = false;
    bool return_state = false;
    bool go_backwards = false;
    bool time_ordered_output = false;  // Bidirectional: pack a backward pass in time order
    int gates() const { return kind == Kind::Lstm ? 4 : kind == Kind::Gru ? 3 : 1; }
};

// Fused weights: W [features, G*units], U [units, G*units], b [G*units] (input bias) and, for
// GRU reset_after, b_rec [G*units] (recurrent bias). Gate order: LSTM i,f,c,o; GRU z,r,h.
struct RnnWeights {
    ir::Tensor W, U, b, b_rec;
};
Expected<RnnWeights> fuse_rnn_weights(LayerContext& ctx, const RnnSpec& spec, const std::vector<KerasWeight>& ws);

Expected<RnnSpec> rnn_spec(LayerContext& ctx, const std::string& class_name, const nlohmann::json& cfg);

// Unrolls the recurrence over the static time axis of x ([batch, time, features]) with the
// layer weights `ws` (kernel, recurrent kernel, bias; or Keras 1 per-gate weights). `tag`
// prefixes node names ("forward", "backward" inside Bidirectional). `initial` holds optional
// initial states (h, or h and c). Returns [output, states...] per return_state.
Expected<std::vector<KTensor>> unroll_rnn(LayerContext& ctx, const KTensor& x, const RnnSpec& spec,
                                          const std::vector<KerasWeight>& ws, const std::string& tag,
                                          const std::vector<KTensor>& initial);

}  // namespace wb::formats::keras
