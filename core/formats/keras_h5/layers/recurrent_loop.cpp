// SPDX-License-Identifier: Apache-2.0
// Recurrent layers over a dynamic time axis ([batch, None, features]) as a TensorFlow 1 while
// loop, the form tf.while_loop writes: per loop variable Enter -> Merge -> Switch(LoopCond) ->
// Identity (body) -> NextIteration back into the Merge, Exit on the false side. Everything
// the body reads from outside comes in through a constant Enter; constants created inside the
// body hang on the loop counter by a control edge so they live in the loop frame. The output
// sequence is collected in a TensorArrayV3 and gathered after the loop.
#include "formats/keras_h5/layers/recurrent_loop.h"

namespace wb::formats::keras {

using ir::AttrMap;
using ir::DType;

std::string LoopBuilder::typed(const std::string& name, const std::string& op, std::vector<std::string> in, DType t,
                               AttrMap a) {
    a["T"] = t;
    return b().add(name, op, std::move(in), std::move(a), false);
}

std::string LoopBuilder::enter(const std::string& name, const std::string& x, DType t, bool constant) {
    AttrMap a;
    a["frame_name"] = frame;
    a["is_constant"] = constant;
    a["parallel_iterations"] = int64_t(32);
    return typed(n("while/" + name), "Enter", {x}, t, std::move(a));
}

std::string LoopBuilder::enter_frame(const std::string& time) {
    std::string e = enter("time", time, DType::Int32, true);
    frame = e;
    b().model().graph.find(e)->attrs["frame_name"] = frame;
    return e;
}

LoopVar LoopBuilder::var(const std::string& name, const std::string& init, DType t) {
    std::string e = enter(name + "/enter", init, t, false);
    AttrMap a;
    a["N"] = int64_t(2);
    return LoopVar{typed(n("while/" + name + "/merge"), "Merge", {e, e}, t, std::move(a)), {}, {}, t};
}

void LoopBuilder::open(LoopVar& v, const std::string& name, const std::string& cond) {
    std::string sw = typed(n("while/" + name + "/switch"), "Switch", {v.merge, cond}, v.dtype);
    v.exit = typed(n("while/" + name + "/exit"), "Exit", {sw}, v.dtype);
    v.body = typed(n("while/" + name + "/body"), "Identity", {sw + ":1"}, v.dtype);
}

void LoopBuilder::close(const LoopVar& v, const std::string& name, const std::string& next_value) {
    std::string next = typed(n("while/" + name + "/next"), "NextIteration", {next_value}, v.dtype);
    b().model().graph.find(v.merge)->inputs[1] = next;
}

std::string LoopBuilder::int_const(const std::string& name, std::vector<int32_t> v, bool scalar) {
    if (scalar) return b().constant(name, ir::Tensor::scalar<int32_t>(DType::Int32, v.at(0)));
    return b().ints(name, v);
}

std::string LoopBuilder::element(const std::string& name, const std::string& x, int k) {
    std::string s = b().slice_axis(name, x, 1, 0, k, k + 1, true);
    b().model().graph.find(s)->attrs["T"] = DType::Int32;
    return s;
}

std::pair<std::string, std::string> LoopBuilder::batch_and_time(const std::string& x) {
    AttrMap sa;
    sa["out_type"] = DType::Int32;
    std::string shape = b().add(n("shape"), "Shape", {x}, std::move(sa));
    return {element(n("batch"), shape, 0), element(n("time"), shape, 1)};
}

std::string LoopBuilder::shape_of(const std::string& name, const std::vector<std::string>& parts) {
    AttrMap a;
    a["N"] = int64_t(parts.size());
    a["axis"] = int64_t(0);
    return typed(name, "Pack", parts, DType::Int32, std::move(a));
}

std::string LoopBuilder::zeros(const std::string& name, const std::string& shape) {
    AttrMap fa;
    fa["index_type"] = DType::Int32;
    return b().add(name, "Fill", {shape, b().scalar(name + "/zero", 0.f)}, std::move(fa));
}

std::string LoopBuilder::step_of(const std::string& name, const std::string& x, const std::string& t) {
    AttrMap ga;
    ga["Tparams"] = DType::Float32;
    ga["Tindices"] = DType::Int32;
    ga["Taxis"] = DType::Int32;
    ga["batch_dims"] = int64_t(0);
    return b().add(name, "GatherV2", {x, t, int_const(name + "/axis", {1}, true)}, std::move(ga), false);
}

std::string LoopBuilder::tensor_array(const std::string& time) {
    AttrMap a;
    a["dtype"] = DType::Float32;
    a["element_shape"] = ir::Shape::unknown();
    a["dynamic_size"] = false;
    a["clear_after_read"] = true;
    a["identical_element_shapes"] = true;
    a["tensor_array_name"] = std::string();
    return b().add(n("outputs"), "TensorArrayV3", {time}, std::move(a), false);
}

std::string LoopBuilder::gather_all(const std::string& ta, const std::string& time, const std::string& flow_exit) {
    AttrMap ra;
    ra["Tidx"] = DType::Int32;
    std::string range = b().add(n("time_range"), "Range", {int_const(n("range_start"), {0}, true), time,
                                                          int_const(n("range_delta"), {1}, true)}, std::move(ra), false);
    AttrMap ga;
    ga["dtype"] = DType::Float32;
    ga["element_shape"] = ir::Shape::unknown();
    return b().add(n("gather_outputs"), "TensorArrayGatherV3", {ta, range, flow_exit}, std::move(ga), false);
}

void LoopBuilder::tie_constants(size_t body_start, const std::string& counter) {
    for (size_t k = body_start; k < b().model().graph.size(); ++k) {
        auto& node = b().model().graph.nodes()[k];
        if (node.inputs.empty()) node.inputs.push_back("^" + counter);
    }
}

Expected<std::vector<KTensor>> loop_rnn(LayerContext& ctx, const KTensor& x, const RnnSpec& s,
                                        const RnnProjection& p, const std::string& tag,
                                        const std::vector<KTensor>& initial) {
    LoopBuilder L{ctx, tag, {}};
    Builder& b = ctx.b;
    const int64_t U = s.units, G = s.gates();
    const bool lstm = s.kind == RnnSpec::Kind::Lstm;

    // Dynamic [batch, time] from x; xw back to [batch, time, G*U]; zero initial states.
    auto [batch, time] = L.batch_and_time(x.ref);
    std::string gu = L.int_const(L.n("gate_width"), {int32_t(G * U)}, true);
    AttrMap ra;
    ra["Tshape"] = DType::Int32;
    std::string xw = b.add(L.n("restore_time"), "Reshape", {p.xw_flat, L.shape_of(L.n("projected_shape"), {batch, time, gu})},
                           std::move(ra));
    std::string zeros = L.zeros(L.n("zero_state"), L.shape_of(L.n("state_shape"), {batch, L.int_const(L.n("units"), {int32_t(U)}, true)}));
    std::string h0 = initial.size() > 0 ? initial[0].ref : zeros;
    std::string c0 = initial.size() > 1 ? initial[1].ref : zeros;
    std::string last = L.typed(L.n("last_step"), "Sub", {time, L.int_const(L.n("one_step"), {1}, true)}, DType::Int32);
    const std::string ta = s.return_sequences ? L.tensor_array(time) : std::string();

    std::string time_e = L.enter_frame(time);
    std::string last_e = L.enter("last_step", last, DType::Int32, true);
    std::string xw_e = L.enter("projected", xw, DType::Float32, true);
    std::string mask_e;
    if (!x.mask.empty()) {
        if (!initial.empty())
            return ctx.fail("a mask together with an initial_state needs a static time dimension (batch_input_shape)");
        mask_e = L.enter("mask", mask_as_float(ctx, x.mask, L.n("mask")), DType::Float32, true);
    }
    CellRefs refs;
    for (auto [from, to, nm] : {std::tuple{&p.refs.U, &refs.U, "recurrent_kernel"}, {&p.refs.U_zr, &refs.U_zr, "recurrent_kernel_zr"},
                                {&p.refs.U_h, &refs.U_h, "recurrent_kernel_h"}, {&p.refs.b_rec, &refs.b_rec, "recurrent_bias"},
                                {&p.refs.one, &refs.one, "one"}})
        if (!from->empty()) *to = L.enter(nm, *from, DType::Float32, true);
    std::string ta_e = ta.empty() ? std::string() : L.enter("outputs", ta, DType::Resource, true);

    LoopVar iv = L.var("step", L.int_const(L.n("first_step"), {0}, true), DType::Int32);
    LoopVar hv = L.var("h", h0, DType::Float32);
    LoopVar cv = lstm ? L.var("c", c0, DType::Float32) : LoopVar{};
    LoopVar fv = ta.empty() ? LoopVar{} : L.var("flow", ta + ":1", DType::Float32);
    std::string cond = b.add(L.n("while/loop_cond"), "LoopCond",
                             {L.typed(L.n("while/less"), "Less", {iv.merge, time_e}, DType::Int32)}, {}, false);
    L.open(iv, "step", cond);
    L.open(hv, "h", cond);
    if (lstm) L.open(cv, "c", cond);
    if (!ta.empty()) L.open(fv, "flow", cond);

    const size_t body_start = b.model().graph.size();
    const bool reversed = s.go_backwards || (s.time_ordered_output && s.return_sequences);
    std::string rev = reversed ? L.typed(L.n("while/time_index"), "Sub", {last_e, iv.body}, DType::Int32) : std::string();
    std::string t = s.go_backwards ? rev : iv.body;
    std::string xt = L.step_of(L.n("while/x"), xw_e, t);
    auto st = rnn_cell_step(ctx, s, refs, xt, CellState{hv.body, lstm ? cv.body : std::string()}, rnn_suffix(tag, "while/cell"));
    if (!st) return st.error();
    std::string out = st->h;
    if (!mask_e.empty()) {
        // Masked steps keep the previous states (and output); see unroll_rnn.
        std::string m = b.reshape(L.n("while/mask_t/column"), L.step_of(L.n("while/mask_t"), mask_e, t), {-1, 1});
        const std::string fresh = st->h;
        st->h = mask_blend(ctx, m, fresh, hv.body, rnn_suffix(tag, "while/masked_h"));
        if (lstm) st->c = mask_blend(ctx, m, st->c, cv.body, rnn_suffix(tag, "while/masked_c"));
        out = s.zero_output_for_mask ? mask_blend(ctx, m, fresh, {}, rnn_suffix(tag, "while/masked_output")) : st->h;
    }
    std::string flow_next;
    if (!ta.empty()) {
        // Keras returns a sequence in processing order; Bidirectional flips its backward pass.
        std::string at = s.time_ordered_output ? rev : iv.body;
        flow_next = L.typed(L.n("while/write"), "TensorArrayWriteV3", {ta_e, at, out, fv.body}, DType::Float32);
    }
    std::string i_next = L.typed(L.n("while/next_step"), "AddV2", {iv.body, L.int_const(L.n("while/one"), {1}, true)}, DType::Int32);
    L.tie_constants(body_start, iv.body);
    L.close(iv, "step", i_next);
    L.close(hv, "h", st->h);
    if (lstm) L.close(cv, "c", st->c);
    if (!ta.empty()) L.close(fv, "flow", flow_next);

    const ir::Shape state{x.dim(0), U};
    std::vector<KTensor> result;
    if (s.return_sequences)
        result.push_back({b.transpose(L.n("sequence"), L.gather_all(ta, time, fv.exit), {1, 0, 2}), ir::Shape{x.dim(0), -1, U}});
    else
        result.push_back({hv.exit, state});
    if (s.return_state) {
        result.push_back({hv.exit, state});
        if (lstm) result.push_back({cv.exit, state});
    }
    return result;
}

}  // namespace wb::formats::keras
