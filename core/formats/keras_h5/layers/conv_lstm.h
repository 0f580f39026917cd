// SPDX-License-Identifier: Apache-2.0
// What the unrolled ConvLSTM2D (conv_lstm.cpp) and its while-loop form (conv_lstm_loop.cpp)
// share, so both compute each step with the same nodes.
#pragma once
#include <string>

#include "formats/keras_h5/layers/recurrent.h"

namespace wb::formats::keras {

struct ConvLstmInputs {
    std::string xw_flat;  // input convolution (+ bias) of every step: [batch*time, Ho, Wo, 4F]
    std::string rk;       // recurrent kernel [kh, kw, F, 4F] (root frame)
    int64_t Ho = 0, Wo = 0, F = 0;
    std::string activation, recurrent_activation;
};

// Channels-last results: `output` is the sequence [batch, time, Ho, Wo, F] (return_sequences)
// or the last h; h and c are the final states.
struct ConvLstmRun {
    std::string output, h, c;
};

// One ConvLSTM2DCell step from the input part z [batch, Ho, Wo, 4F]: adds the recurrent
// convolution of prev.h ('same', stride 1; none when prev.h is empty = zero state), gates
// i,f,c,o split on the channel axis.
Expected<CellState> conv_lstm_step(LayerContext& ctx, const ConvLstmInputs& p, const std::string& rk, const std::string& z,
                                   const CellState& prev, const std::string& prefix);

// The while-loop form over a dynamic time axis of x (channels last, [batch, None, H, W, C]).
// `initial` empty = zero states.
Expected<ConvLstmRun> loop_conv_lstm(LayerContext& ctx, const KTensor& x, const ConvLstmInputs& p, const std::string& tag,
                                     bool go_backwards, bool time_ordered, bool return_sequences, const CellState& initial);

}  // namespace wb::formats::keras
