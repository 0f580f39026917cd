// SPDX-License-Identifier: Apache-2.0
// Comparisons with broadcasting; the result is bool. Half types compare as float32.
#include <cmath>
#include <string>

#include "runtime/kernels/elementwise.h"

namespace wb::runtime {

namespace {

Status compare(KernelContext& ctx) {
    if (ctx.num_inputs() != 2) return ku::fail(ctx, "needs two inputs");
    ir::Tensor a = ctx.input(0), b = ctx.input(1);
    if (a.dtype() != b.dtype()) return ku::fail(ctx, "input dtypes differ");
    ir::Shape shape;
    if (!ku::broadcast_shape(a.shape(), b.shape(), shape))
        return ku::fail(ctx, "shapes " + a.shape().to_string() + " and " + b.shape().to_string() +
                                 " do not broadcast");
    const std::string& op = ctx.node().op;
    if (a.dtype() == ir::DType::String) {
        if (op != "Equal" && op != "NotEqual") return ku::fail(ctx, ku::dtype_error(a.dtype()));
        ir::Tensor out(ir::DType::Bool, shape);
        const auto st_a = ku::broadcast_strides(a.shape(), shape), st_b = ku::broadcast_strides(b.shape(), shape);
        const auto st_o = ku::strides_of(shape);
        for (int64_t i = 0; i < out.num_elements(); ++i) {
            int64_t ia = 0, ib = 0, rem = i;
            for (int d = 0; d < shape.rank(); ++d) {
                const int64_t k = rem / st_o[d];
                rem %= st_o[d];
                ia += k * st_a[d];
                ib += k * st_b[d];
            }
            out.data<bool>()[i] = (a.strings()[ia] == b.strings()[ib]) == (op == "Equal");
        }
        ctx.set_output(0, out);
        return Ok{};
    }
    if (ku::is_half(a.dtype())) {
        a = ku::to_float32(a);
        b = ku::to_float32(b);
    }
    ir::Tensor& out = ctx.allocate_output(0, ir::DType::Bool, shape);
    const float tolerance = ir::attr_float(ctx.node().attrs, "tolerance", 1e-5f);
    bool known = true;
    const bool ok = ku::dispatch(a.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        auto go = [&](auto fn) {
            ku::binary_loop(ctx.pool(), a.data<T>(), a.shape(), b.data<T>(), b.shape(), out.data<bool>(),
                            shape, fn);
        };
        if (op == "Equal") go([](T x, T y) { return x == y; });
        else if (op == "NotEqual") go([](T x, T y) { return x != y; });
        else if (op == "Less") go([](T x, T y) { return x < y; });
        else if (op == "LessEqual") go([](T x, T y) { return x <= y; });
        else if (op == "Greater") go([](T x, T y) { return x > y; });
        else if (op == "GreaterEqual") go([](T x, T y) { return x >= y; });
        else if (op == "ApproximateEqual")
            go([&](T x, T y) { return std::abs(static_cast<double>(x) - static_cast<double>(y)) < tolerance; });
        else known = false;
    });
    if (!ok || !known) return ku::fail(ctx, ku::dtype_error(a.dtype()));
    return Ok{};
}

}  // namespace

void register_compare_kernels(KernelRegistry& r) {
    for (const char* op : {"Equal", "NotEqual", "Less", "LessEqual", "Greater", "GreaterEqual",
                           "ApproximateEqual"})
        r.add(op, simple_kernel(compare));
}

}  // namespace wb::runtime
