// SPDX-License-Identifier: Apache-2.0
// Graph plumbing: constants, placeholders, identities, no-ops and assertions.
#include <cmath>
#include <cstring>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

Status forward_all(KernelContext& ctx) {
    for (int i = 0; i < ctx.num_inputs(); ++i) ctx.set_output(i, ctx.input(i));
    return Ok{};
}

}  // namespace

void register_basic_kernels(KernelRegistry& r) {
    r.add("Const", simple_kernel([](KernelContext& ctx) -> Status {
        const ir::Tensor* value = ir::attr_tensor(ctx.node().attrs, "value");
        if (!value) return ku::fail(ctx, "Const without a 'value' tensor");
        ctx.set_output(0, *value);  // shared, never copied
        return Ok{};
    }));
    for (const char* op : {"Identity", "StopGradient", "Snapshot", "PreventGradient", "IdentityN",
                           "CheckNumerics", "EnsureShape", "DeepCopy", "DebugIdentity", "LoopCond"})
        r.add(op, simple_kernel([](KernelContext& ctx) -> Status {
            if (ctx.num_inputs() < 1) return ku::fail(ctx, "needs an input");
            if (ctx.node().op == "DeepCopy") {
                ctx.set_output(0, ctx.input(0).clone());
                return Ok{};
            }
            if (ctx.node().op == "CheckNumerics" && ir::is_floating(ctx.input(0).dtype())) {
                const auto& t = ctx.input(0);
                for (int64_t i = 0; i < t.num_elements(); ++i)
                    if (!std::isfinite(t.value_as_double(i)))
                        return ku::fail(ctx, ir::attr_string(ctx.node().attrs, "message") +
                                                 " : Tensor had NaN or Inf values");
            }
            return forward_all(ctx);
        }));
    r.add("NoOp", simple_kernel([](KernelContext&) -> Status { return Ok{}; }));
    r.add("Assert", simple_kernel([](KernelContext& ctx) -> Status {
        if (ctx.num_inputs() < 1 || ctx.input(0).num_elements() != 1) return ku::fail(ctx, "bad condition");
        if (ctx.input(0).value_as_double(0) == 0.0) return ku::fail(ctx, "assertion failed");
        return Ok{};
    }));
    r.add("Placeholder", simple_kernel([](KernelContext& ctx) -> Status {
        return ku::fail(ctx, "placeholder '" + ctx.node().name + "' was not fed");
    }));
    r.add("PlaceholderWithDefault", simple_kernel([](KernelContext& ctx) -> Status {
        ctx.set_output(0, ctx.input(0));
        return Ok{};
    }));
    // Bitcast: same bytes, another dtype; the last dim grows or shrinks by the size ratio.
    r.add("Bitcast", simple_kernel([](KernelContext& ctx) -> Status {
        const ir::Tensor& in = ctx.input(0);
        const ir::DType to = ir::attr_type(ctx.node().attrs, "type");
        const std::size_t from_w = ir::dtype_size(in.dtype()), to_w = ir::dtype_size(to);
        if (!from_w || !to_w) return ku::fail(ctx, "Bitcast needs fixed-size dtypes");
        auto dims = in.shape().dims;
        if (from_w > to_w) {
            dims.push_back(static_cast<int64_t>(from_w / to_w));
        } else if (from_w < to_w) {
            if (dims.empty() || dims.back() * static_cast<int64_t>(from_w) != static_cast<int64_t>(to_w))
                return ku::fail(ctx, "Bitcast: last dimension must match the size ratio");
            dims.pop_back();
        }
        ir::Tensor& out = ctx.allocate_output(0, to, ir::Shape(dims));
        if (in.byte_size()) std::memcpy(out.raw(), in.raw(), in.byte_size());
        return Ok{};
    }));
}

}  // namespace wb::runtime
