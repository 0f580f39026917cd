// SPDX-License-Identifier: Apache-2.0
// Special functions through Eigen's implementations, which TensorFlow's own kernels call:
// Digamma, Igamma / Igammac (regularised incomplete gamma), Polygamma, Zeta (Hurwitz) with
// broadcasting, and Betainc (regularised incomplete beta; a, b, x of one shape or scalars).
// float16/bfloat16 are computed in float32.
#include <unsupported/Eigen/SpecialFunctions>

#include <string>

#include "runtime/kernels/elementwise.h"

namespace wb::runtime {

namespace {

template <class T>
T binary_fn(const std::string& op, T a, T b) {
    if (op == "Igamma") return Eigen::numext::igamma(a, b);
    if (op == "Igammac") return Eigen::numext::igammac(a, b);
    if (op == "Polygamma") return Eigen::numext::polygamma(a, b);
    return Eigen::numext::zeta(a, b);
}

template <class F>
Status floating(KernelContext& ctx, ir::DType t, F&& f) {
    if (t == ir::DType::Float32) return f(ku::Tag<float>{});
    if (t == ir::DType::Float64) return f(ku::Tag<double>{});
    return ku::fail(ctx, "needs float16, bfloat16, float32 or float64, got " + std::string(ir::dtype_name(t)));
}

std::vector<ir::Tensor> float_inputs(KernelContext& ctx) {
    std::vector<ir::Tensor> in;
    for (int i = 0; i < ctx.num_inputs(); ++i) in.push_back(ku::is_half(ctx.input(i).dtype()) ? ku::to_float32(ctx.input(i)) : ctx.input(i));
    return in;
}

Status finish(KernelContext& ctx, ir::Tensor out) {
    const ir::DType t = ctx.input(0).dtype();
    ctx.set_output(0, ku::is_half(t) ? ku::from_float32(out, t) : out);
    return Ok{};
}

Status digamma(KernelContext& ctx) {
    const auto in = float_inputs(ctx);
    ir::Tensor out(in[0].dtype(), in[0].shape());
    auto st = floating(ctx, in[0].dtype(), [&](auto tag) -> Status {
        using T = typename decltype(tag)::type;
        ku::unary_loop(ctx.pool(), in[0].data<T>(), out.data<T>(), in[0].num_elements(), [](T x) { return Eigen::numext::digamma(x); });
        return Ok{};
    });
    return st ? finish(ctx, out) : st;
}

Status binary_special(KernelContext& ctx) {
    const auto in = float_inputs(ctx);
    if (in[0].dtype() != in[1].dtype()) return ku::fail(ctx, "inputs differ in dtype");
    ir::Shape shape;
    if (!ku::broadcast_shape(in[0].shape(), in[1].shape(), shape)) return ku::fail(ctx, "shapes do not broadcast");
    ir::Tensor out(in[0].dtype(), shape);
    const std::string& op = ctx.node().op;
    auto st = floating(ctx, in[0].dtype(), [&](auto tag) -> Status {
        using T = typename decltype(tag)::type;
        ku::binary_loop(ctx.pool(), in[0].data<T>(), in[0].shape(), in[1].data<T>(), in[1].shape(), out.data<T>(), shape,
                        [&](T a, T b) { return binary_fn(op, a, b); });
        return Ok{};
    });
    return st ? finish(ctx, out) : st;
}

Status betainc(KernelContext& ctx) {
    const auto in = float_inputs(ctx);
    ir::Shape shape;  // the one non-scalar shape, if any
    for (const auto& t : in) {
        if (t.dtype() != in[0].dtype()) return ku::fail(ctx, "a, b and x differ in dtype");
        if (t.shape().rank() == 0) continue;
        if (shape.rank() && t.shape() != shape) return ku::fail(ctx, "a, b and x must have one shape or be scalars");
        shape = t.shape();
    }
    ir::Tensor out(in[0].dtype(), shape);
    auto st = floating(ctx, in[0].dtype(), [&](auto tag) -> Status {
        using T = typename decltype(tag)::type;
        auto at = [&](const ir::Tensor& t, int64_t i) { return t.data<T>()[t.shape().rank() ? i : 0]; };
        for (int64_t i = 0; i < out.num_elements(); ++i)
            out.data<T>()[i] = Eigen::numext::betainc(at(in[0], i), at(in[1], i), at(in[2], i));
        return Ok{};
    });
    return st ? finish(ctx, out) : st;
}

}  // namespace

void register_special_math_kernels(KernelRegistry& r) {
    r.add("Digamma", simple_kernel(digamma));
    for (const char* op : {"Igamma", "Igammac", "Polygamma", "Zeta"}) r.add(op, simple_kernel(binary_special));
    r.add("Betainc", simple_kernel(betainc));
}

}  // namespace wb::runtime
