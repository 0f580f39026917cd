// SPDX-License-Identifier: Apache-2.0
// Stateful recurrent layers (stateful=True): Keras keeps the states in variables of shape
// [batch, units] ([batch, rows, cols, filters] for ConvLSTM2D; zeros when built and after
// reset_states), starts each call from them and assigns them the call's final states. Lowered
// as TensorFlow does it: a VarHandleOp per state, ReadVariableOp as the initial state,
// AssignVariableOp of the final state, and the layer's outputs behind control edges on the
// assignments so every call performs them.
//
// An initial_state passed with a stateful layer follows Keras 2.1+ (RNN._process_inputs): when
// every recorded state is zero the given initial_state is used, else the recorded states.
#include "formats/keras_h5/layers/recurrent_state.h"

namespace wb::formats::keras {

namespace {

// x != 0 anywhere in x, as a bool scalar.
std::string any_nonzero(LayerContext& ctx, const std::string& x, int rank, const std::string& prefix) {
    Builder& b = ctx.b;
    std::string ne = b.binary(ctx.node(prefix + "/nonzero"), "NotEqual", x, b.scalar(ctx.node(prefix + "/zero"), 0.f));
    std::vector<int32_t> axes;
    for (int k = 0; k < rank; ++k) axes.push_back(k);
    std::string any = b.reduce(ctx.node(prefix + "/any_nonzero"), "Any", ne, axes, false);
    b.model().graph.find(any)->attrs.erase("T");  // Any has no T attr
    return any;
}

}  // namespace

Expected<std::vector<KTensor>> with_kept_states(LayerContext& ctx, const std::string& tag, const ir::Shape& state_shape,
                                                int count, const std::vector<KTensor>& initial, bool return_state,
                                                const KeptStatesBody& body) {
    Builder& b = ctx.b;
    const char* names[] = {"h", "c"};
    std::vector<std::string> handles, reads;
    for (int k = 0; k < count; ++k) {
        const std::string base = ctx.node(rnn_suffix(tag, std::string("states/") + names[k]));
        ir::AttrMap a;
        a["dtype"] = ir::DType::Float32;
        a["shape"] = state_shape;
        a["container"] = std::string();
        a["shared_name"] = base;
        handles.push_back(b.add(base, "VarHandleOp", {}, std::move(a), false));
        ir::AttrMap r;
        r["dtype"] = ir::DType::Float32;
        reads.push_back(b.add(base + "/read", "ReadVariableOp", {handles.back()}, std::move(r), false));
    }
    std::vector<KTensor> start;
    for (int k = 0; k < count; ++k) start.push_back({reads[k], state_shape});
    if (!initial.empty()) {
        if (initial.size() != size_t(count))
            return ctx.fail("expects " + std::to_string(count) + " initial state tensors, got " + std::to_string(initial.size()));
        const int rank = state_shape.rank();
        std::string recorded = any_nonzero(ctx, reads[0], rank, rnn_suffix(tag, "states/h"));
        if (count > 1)
            recorded = b.add(ctx.node(rnn_suffix(tag, "states/any_recorded")), "LogicalOr",
                             {recorded, any_nonzero(ctx, reads[1], rank, rnn_suffix(tag, "states/c"))}, {}, false);
        for (int k = 0; k < count; ++k)
            start[k].ref = b.add(ctx.node(rnn_suffix(tag, std::string("states/") + names[k] + "/initial")), "SelectV2",
                                 {recorded, reads[k], initial[k].ref});
    }
    auto outs = body(start);
    if (!outs) return outs.error();
    if (outs->size() != size_t(count) + 1) return ctx.fail("internal: a stateful recurrence must return its final states");
    std::vector<std::string> deps;
    for (int k = 0; k < count; ++k) {
        ir::AttrMap a;
        a["dtype"] = ir::DType::Float32;
        deps.push_back("^" + b.add(ctx.node(rnn_suffix(tag, std::string("states/") + names[k] + "/assign")),
                                   "AssignVariableOp", {handles[k], (*outs)[size_t(k) + 1].ref}, std::move(a), false));
    }
    std::vector<KTensor> result(outs->begin(), return_state ? outs->end() : outs->begin() + 1);
    for (size_t i = 0; i < result.size(); ++i) {
        std::vector<std::string> in{result[i].ref};
        in.insert(in.end(), deps.begin(), deps.end());
        result[i].ref = b.add(ctx.node(rnn_suffix(tag, "with_state_update_" + std::to_string(i))), "Identity", std::move(in));
    }
    return result;
}

Expected<std::vector<KTensor>> run_rnn(LayerContext& ctx, const KTensor& x, const RnnSpec& spec,
                                       const std::vector<KerasWeight>& ws, const std::string& tag,
                                       const std::vector<KTensor>& initial) {
    if (!spec.stateful) return unroll_rnn(ctx, x, spec, ws, tag, initial);
    const int64_t batch = x.rank() == 3 ? x.dim(0) : -1;
    if (batch < 0)
        return ctx.fail("a stateful recurrent layer needs a fixed batch size (batch_input_shape), as Keras requires");
    RnnSpec with_states = spec;
    with_states.return_state = true;
    return with_kept_states(ctx, tag, ir::Shape{batch, spec.units}, spec.kind == RnnSpec::Kind::Lstm ? 2 : 1, initial,
                            spec.return_state, [&](const std::vector<KTensor>& start) {
                                return unroll_rnn(ctx, x, with_states, ws, tag, start);
                            });
}

}  // namespace wb::formats::keras
