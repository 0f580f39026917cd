// SPDX-License-Identifier: Apache-2.0
// The TensorFlow 1 while-loop form shared by the recurrent layers over a dynamic time axis
// (recurrent_loop.cpp for SimpleRNN/LSTM/GRU, conv_lstm_loop.cpp for ConvLSTM2D): per loop
// variable Enter -> Merge -> Switch(LoopCond) -> Identity (body) -> NextIteration back into the
// Merge, Exit on the false side, as tf.while_loop writes it.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "formats/keras_h5/layers/recurrent.h"

namespace wb::formats::keras {

struct LoopVar {
    std::string merge, body, exit;
    ir::DType dtype = ir::DType::Float32;
};

struct LoopBuilder {
    LayerContext& ctx;
    std::string tag;
    std::string frame;  // frame_name of every Enter; set by enter_frame()

    Builder& b() { return ctx.b; }
    std::string n(const std::string& suffix) const { return ctx.node(rnn_suffix(tag, suffix)); }
    std::string typed(const std::string& name, const std::string& op, std::vector<std::string> in, ir::DType t,
                      ir::AttrMap a = {});
    std::string enter(const std::string& name, const std::string& x, ir::DType t, bool constant);
    // The first Enter (of the time length) opens the frame, named after that Enter's unique name.
    std::string enter_frame(const std::string& time);
    LoopVar var(const std::string& name, const std::string& init, ir::DType t);
    void open(LoopVar& v, const std::string& name, const std::string& cond);
    // The Merge's second input becomes the NextIteration of `next_value`.
    void close(const LoopVar& v, const std::string& name, const std::string& next_value);
    std::string int_const(const std::string& name, std::vector<int32_t> v, bool scalar = false);
    // x[k] of a 1-D int32 tensor as a scalar.
    std::string element(const std::string& name, const std::string& x, int k);
    // Dynamic batch and time (dims 0 and 1 of x) as int32 scalars.
    std::pair<std::string, std::string> batch_and_time(const std::string& x);
    // An int32 shape vector from scalar/const parts (Pack).
    std::string shape_of(const std::string& name, const std::vector<std::string>& parts);
    // float32 zeros of a dynamic shape.
    std::string zeros(const std::string& name, const std::string& shape);
    // x[:, t] (GatherV2 on axis 1) inside the loop body.
    std::string step_of(const std::string& name, const std::string& x, const std::string& t);
    // A TensorArrayV3 of `time` float32 elements (flow = ta:1) and, after the loop, its elements
    // gathered in order [time, ...] from the flow's Exit.
    std::string tensor_array(const std::string& time);
    std::string gather_all(const std::string& ta, const std::string& time, const std::string& flow_exit);
    // Body nodes without inputs (constants) from `body_start` on run once per iteration: tie them
    // to the loop frame through a control edge on the counter's body Identity.
    void tie_constants(size_t body_start, const std::string& counter);
};

}  // namespace wb::formats::keras
