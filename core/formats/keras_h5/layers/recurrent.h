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
    bool stateful = false;  // states kept between calls in resource variables (recurrent_state.cpp)
    // Masked steps output zeros instead of the previous output (Keras forces it inside
    // Bidirectional when returning sequences).
    bool zero_output_for_mask = false;
    // Bidirectional's backward pass: the output sequence is reversed, as Keras reverses it
    // whatever go_backwards is (backward of a go_backwards layer runs forward, then flips).
    bool time_ordered_output = false;
    int gates() const { return kind == Kind::Lstm ? 4 : kind == Kind::Gru ? 3 : 1; }
};

// Fused weights: W [features, G*units], U [units, G*units], b [G*units] (input bias) and, for
// GRU reset_after, b_rec [G*units] (recurrent bias). Gate order: LSTM i,f,c,o; GRU z,r,h.
struct RnnWeights {
    ir::Tensor W, U, b, b_rec;
};
Expected<RnnWeights> fuse_rnn_weights(LayerContext& ctx, const RnnSpec& spec, const std::vector<KerasWeight>& ws);

Expected<RnnSpec> rnn_spec(LayerContext& ctx, const std::string& class_name, const nlohmann::json& cfg);

// Names under a layer: "<scope>/<tag>/<suffix>" ("forward"/"backward" inside Bidirectional).
inline std::string rnn_suffix(const std::string& tag, const std::string& suffix) {
    return tag.empty() ? suffix : tag + "/" + suffix;
}

// Node references one cell step reads: recurrent kernel, GRU (no reset_after) split kernels
// [U_z U_r] and U_h, GRU reset_after recurrent bias, the scalar 1 for GRU's (1 - z).
struct CellRefs {
    std::string U, U_zr, U_h, b_rec, one;
};
struct CellState {
    std::string h, c;  // empty = the zero state (first unrolled step)
};
// One Keras cell step on the projected input xt [batch, gates*units]; `prefix` names the nodes.
Expected<CellState> rnn_cell_step(LayerContext& ctx, const RnnSpec& s, const CellRefs& w, const std::string& xt,
                                  const CellState& prev, const std::string& prefix);

// Weight Consts and the input projection x @ W + b over [batch*time, features].
struct RnnProjection {
    std::string xw_flat;  // [batch*time, gates*units]
    CellRefs refs;        // root-frame nodes
    int64_t features = 0;
};
Expected<RnnProjection> project_rnn_inputs(LayerContext& ctx, const KTensor& x, const RnnSpec& s,
                                           const std::vector<KerasWeight>& ws, const std::string& tag);

// Masked steps (x.mask, bool [batch, time]): x * m + prev * (1 - m) with m the step's mask as
// 0/1 [batch, 1]; prev empty = the zero state. keras.backend.rnn selects with where(); the
// blend gives the same values for finite inputs.
std::string mask_blend(LayerContext& ctx, const std::string& m, const std::string& x, const std::string& prev,
                       const std::string& prefix);
// The mask as float32 0/1 [batch, time].
std::string mask_as_float(LayerContext& ctx, const std::string& mask, const std::string& name);

// Runs the recurrence over x ([batch, time, features]) with the layer weights `ws` (kernel,
// recurrent kernel, bias; or Keras 1 per-gate weights): unrolled when the time dimension is
// static, else a TensorFlow while loop. `initial` holds optional initial states (h, or h and c).
// Returns [output, states...] per return_state.
Expected<std::vector<KTensor>> unroll_rnn(LayerContext& ctx, const KTensor& x, const RnnSpec& spec,
                                          const std::vector<KerasWeight>& ws, const std::string& tag,
                                          const std::vector<KTensor>& initial);
// unroll_rnn for a layer that may be stateful: its states live in resource variables
// (VarHandleOp) read as the initial state and assigned the final state on every call.
Expected<std::vector<KTensor>> run_rnn(LayerContext& ctx, const KTensor& x, const RnnSpec& spec,
                                       const std::vector<KerasWeight>& ws, const std::string& tag,
                                       const std::vector<KTensor>& initial);
// The while-loop form (Enter/Merge/Switch/LoopCond/NextIteration/Exit + TensorArrayV3), as
// TensorFlow 1 builds tf.while_loop: any time length, one cell step per iteration.
Expected<std::vector<KTensor>> loop_rnn(LayerContext& ctx, const KTensor& x, const RnnSpec& spec,
                                        const RnnProjection& p, const std::string& tag,
                                        const std::vector<KTensor>& initial);

// ConvLSTM2D over [batch, time, rows, cols, channels] (or channels_first), unrolled over a static
// time axis, a while loop over a dynamic one; ctx.cfg is the ConvLSTM2D config (stateful too).
// Returns [output, h, c per return_state].
Expected<std::vector<KTensor>> conv_lstm2d(LayerContext& ctx, const KTensor& x, const std::vector<KerasWeight>& ws,
                                           const std::string& tag, bool go_backwards, bool time_ordered);

}  // namespace wb::formats::keras
