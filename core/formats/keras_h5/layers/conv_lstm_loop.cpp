// SPDX-License-Identifier: Apache-2.0
// ConvLSTM2D over a dynamic time axis ([batch, None, rows, cols, channels]) as a TensorFlow 1
// while loop, built like the other recurrent layers' (recurrent_loop.h): the input convolution
// of every step is computed once before the loop, the body gathers step t, adds the recurrent
// convolution of h and applies the gates (conv_lstm_step, the same nodes as the unrolled form),
// and a returned sequence is collected in a TensorArrayV3.
#include "formats/keras_h5/layers/conv_lstm.h"
#include "formats/keras_h5/layers/recurrent_loop.h"

namespace wb::formats::keras {

Expected<ConvLstmRun> loop_conv_lstm(LayerContext& ctx, const KTensor& x, const ConvLstmInputs& p, const std::string& tag,
                                     bool go_backwards, bool time_ordered, bool return_sequences, const CellState& initial) {
    LoopBuilder L{ctx, tag, {}};
    Builder& b = ctx.b;
    using ir::DType;
    auto [batch, time] = L.batch_and_time(x.ref);
    auto dim = [&](const std::string& name, int64_t v) { return L.int_const(L.n(name), {int32_t(v)}, true); };
    const std::string rows = dim("out_rows", p.Ho), cols = dim("out_cols", p.Wo);
    ir::AttrMap ra;
    ra["Tshape"] = DType::Int32;
    std::string xw = b.add(L.n("unfold_time"), "Reshape",
                           {p.xw_flat, L.shape_of(L.n("projected_shape"), {batch, time, rows, cols, dim("gate_width", 4 * p.F)})},
                           std::move(ra));
    std::string zeros = L.zeros(L.n("zero_state"), L.shape_of(L.n("state_shape"), {batch, rows, cols, dim("filters", p.F)}));
    std::string last = L.typed(L.n("last_step"), "Sub", {time, L.int_const(L.n("one_step"), {1}, true)}, DType::Int32);
    const std::string ta = return_sequences ? L.tensor_array(time) : std::string();

    std::string time_e = L.enter_frame(time);
    std::string last_e = L.enter("last_step", last, DType::Int32, true);
    std::string xw_e = L.enter("projected", xw, DType::Float32, true);
    std::string rk_e = L.enter("recurrent_kernel", p.rk, DType::Float32, true);
    std::string ta_e = ta.empty() ? std::string() : L.enter("outputs", ta, DType::Resource, true);

    LoopVar iv = L.var("step", L.int_const(L.n("first_step"), {0}, true), DType::Int32);
    LoopVar hv = L.var("h", initial.h.empty() ? zeros : initial.h, DType::Float32);
    LoopVar cv = L.var("c", initial.c.empty() ? zeros : initial.c, DType::Float32);
    LoopVar fv = ta.empty() ? LoopVar{} : L.var("flow", ta + ":1", DType::Float32);
    std::string cond = b.add(L.n("while/loop_cond"), "LoopCond",
                             {L.typed(L.n("while/less"), "Less", {iv.merge, time_e}, DType::Int32)}, {}, false);
    L.open(iv, "step", cond);
    L.open(hv, "h", cond);
    L.open(cv, "c", cond);
    if (!ta.empty()) L.open(fv, "flow", cond);

    const size_t body_start = b.model().graph.size();
    const bool reversed = go_backwards || (time_ordered && return_sequences);
    std::string rev = reversed ? L.typed(L.n("while/time_index"), "Sub", {last_e, iv.body}, DType::Int32) : std::string();
    std::string z = L.step_of(L.n("while/x"), xw_e, go_backwards ? rev : iv.body);
    auto st = conv_lstm_step(ctx, p, rk_e, z, CellState{hv.body, cv.body}, rnn_suffix(tag, "while/cell"));
    if (!st) return st.error();
    std::string flow_next;
    if (!ta.empty()) {
        // Processing order, as Keras returns it; Bidirectional's backward pass flips to time order.
        flow_next = L.typed(L.n("while/write"), "TensorArrayWriteV3", {ta_e, time_ordered ? rev : iv.body, st->h, fv.body},
                            DType::Float32);
    }
    std::string i_next = L.typed(L.n("while/next_step"), "AddV2", {iv.body, L.int_const(L.n("while/one"), {1}, true)}, DType::Int32);
    L.tie_constants(body_start, iv.body);
    L.close(iv, "step", i_next);
    L.close(hv, "h", st->h);
    L.close(cv, "c", st->c);
    if (!ta.empty()) L.close(fv, "flow", flow_next);

    ConvLstmRun run{hv.exit, hv.exit, cv.exit};
    if (return_sequences) run.output = b.transpose(L.n("sequence"), L.gather_all(ta, time, fv.exit), {1, 0, 2, 3, 4});
    return run;
}

}  // namespace wb::formats::keras
