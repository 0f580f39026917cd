// SPDX-License-Identifier: Apache-2.0
// OneHot, Cumsum/Cumprod (exclusive, reverse), AddN, ClipByValue and TopKV2 (stable: equal
// values keep the lower index first, as TensorFlow does).
#include <algorithm>
#include <cstring>
#include <numeric>
#include <string>
#include <type_traits>

#include "runtime/kernels/elementwise.h"

namespace wb::runtime {

namespace {

Status one_hot(KernelContext& ctx) {
    const auto idx = ku::ints(ctx.input(0));
    const ir::Shape& is = ctx.input(0).shape();
    const int64_t depth = ku::ints(ctx.input(1)).at(0);
    const ir::Tensor& on = ctx.input(2);
    const ir::Tensor& off = ctx.input(3);
    int64_t axis = ir::attr_int(ctx.node().attrs, "axis", -1);
    if (axis < 0) axis = is.rank();
    if (axis > is.rank() || depth < 0) return ku::fail(ctx, "bad axis or depth");
    std::vector<int64_t> dims = is.dims;
    dims.insert(dims.begin() + axis, depth);
    int64_t outer = 1, inner = 1;
    for (int d = 0; d < axis; ++d) outer *= is.dims[d];
    for (int d = static_cast<int>(axis); d < is.rank(); ++d) inner *= is.dims[d];
    if (on.dtype() == ir::DType::String) return ku::fail(ctx, ku::dtype_error(on.dtype()));
    ir::Tensor& out = ctx.allocate_output(0, on.dtype(), ir::Shape(dims));
    const std::size_t w = ir::dtype_size(on.dtype());
    for (int64_t o = 0; o < outer; ++o)
        for (int64_t k = 0; k < depth; ++k)
            for (int64_t i = 0; i < inner; ++i) {
                const bool hot = idx[o * inner + i] == k;
                std::memcpy(out.raw() + ((o * depth + k) * inner + i) * w, (hot ? on : off).raw(), w);
            }
    return Ok{};
}

Status cumulative(KernelContext& ctx) {
    ir::Tensor x = ctx.input(0);
    int64_t axis = ku::ints(ctx.input(1)).at(0);
    if (!ku::norm_axis(axis, x.shape().rank())) return ku::fail(ctx, "axis out of range");
    const bool exclusive = ir::attr_bool(ctx.node().attrs, "exclusive");
    const bool reverse = ir::attr_bool(ctx.node().attrs, "reverse");
    const bool prod = ctx.node().op == "Cumprod";
    const ir::DType dtype = x.dtype();
    const bool half = ku::is_half(dtype);
    if (half) x = ku::to_float32(x);
    ir::Tensor out = half ? ir::Tensor(ir::DType::Float32, x.shape()) : ctx.allocate_output(0, dtype, x.shape());
    int64_t outer = 1, inner = 1;
    const int64_t n = x.shape().rank() ? x.shape().dims[axis] : 1;
    for (int d = 0; d < axis; ++d) outer *= x.shape().dims[d];
    for (int d = static_cast<int>(axis) + 1; d < x.shape().rank(); ++d) inner *= x.shape().dims[d];
    const bool ok = ku::dispatch(x.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        if constexpr (!std::is_same_v<T, bool>) {
            const T* in = x.data<T>();
            T* o = out.data<T>();
            for (int64_t a = 0; a < outer; ++a)
                for (int64_t i = 0; i < inner; ++i) {
                    T acc = prod ? T(1) : T(0);
                    for (int64_t s = 0; s < n; ++s) {
                        const int64_t k = reverse ? n - 1 - s : s;
                        const int64_t pos = (a * n + k) * inner + i;
                        if (exclusive) {
                            o[pos] = acc;
                            acc = prod ? static_cast<T>(acc * in[pos]) : static_cast<T>(acc + in[pos]);
                        } else {
                            acc = prod ? static_cast<T>(acc * in[pos]) : static_cast<T>(acc + in[pos]);
                            o[pos] = acc;
                        }
                    }
                }
        }
    }, false);
    if (!ok) return ku::fail(ctx, ku::dtype_error(dtype));
    if (half) ctx.set_output(0, ku::from_float32(out, dtype));
    return Ok{};
}

Status add_n(KernelContext& ctx) {
    ir::Tensor acc = ctx.input(0).clone();
    for (int i = 1; i < ctx.num_inputs(); ++i) {
        const ir::Tensor& y = ctx.input(i);
        if (y.shape() != acc.shape() || y.dtype() != acc.dtype()) return ku::fail(ctx, "inputs differ in shape or dtype");
        const bool ok = ku::dispatch(acc.dtype(), [&](auto tag) {
            using T = typename decltype(tag)::type;
            if constexpr (!std::is_same_v<T, bool>)
                for (int64_t k = 0; k < acc.num_elements(); ++k) acc.data<T>()[k] += y.data<T>()[k];
        }, false);
        if (!ok && !ku::is_half(acc.dtype())) return ku::fail(ctx, ku::dtype_error(acc.dtype()));
        if (ku::is_half(acc.dtype())) {
            ir::Tensor a = ku::to_float32(acc), b = ku::to_float32(y);
            for (int64_t k = 0; k < a.num_elements(); ++k) a.data<float>()[k] += b.data<float>()[k];
            acc = ku::from_float32(a, acc.dtype());
        }
    }
    ctx.set_output(0, acc);
    return Ok{};
}

Status clip(KernelContext& ctx) {
    ir::Tensor x = ctx.input(0), lo = ctx.input(1), hi = ctx.input(2);
    const ir::DType dtype = x.dtype();
    if (ku::is_half(dtype)) x = ku::to_float32(x), lo = ku::to_float32(lo), hi = ku::to_float32(hi);
    ir::Tensor out(x.dtype(), x.shape());
    const bool ok = ku::dispatch(x.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        if constexpr (!std::is_same_v<T, bool>)
            for (int64_t i = 0; i < x.num_elements(); ++i) {
                const T l = lo.data<T>()[lo.num_elements() == 1 ? 0 : i], h = hi.data<T>()[hi.num_elements() == 1 ? 0 : i];
                out.data<T>()[i] = std::min(std::max(x.data<T>()[i], l), h);
            }
    }, false);
    if (!ok) return ku::fail(ctx, ku::dtype_error(dtype));
    ctx.set_output(0, ku::is_half(dtype) ? ku::from_float32(out, dtype) : out);
    return Ok{};
}

Status top_k(KernelContext& ctx) {
    ir::Tensor x = ctx.input(0);
    const int64_t k = ctx.node().op == "TopK" ? ir::attr_int(ctx.node().attrs, "k") : ku::ints(ctx.input(1)).at(0);
    if (x.shape().rank() < 1) return ku::fail(ctx, "input must have rank >= 1");
    const int64_t n = x.shape().dims.back();
    if (k < 0 || k > n) return ku::fail(ctx, "k out of range");
    const ir::DType dtype = x.dtype();
    if (ku::is_half(dtype)) x = ku::to_float32(x);
    auto dims = x.shape().dims;
    dims.back() = k;
    ir::Tensor values(x.dtype(), ir::Shape(dims));
    ir::Tensor& indices = ctx.allocate_output(1, ir::DType::Int32, ir::Shape(dims));
    const int64_t rows = n ? x.num_elements() / n : 0;
    const bool ok = ku::dispatch(x.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        std::vector<int32_t> order(static_cast<std::size_t>(n));
        for (int64_t r = 0; r < rows; ++r) {
            const T* row = x.data<T>() + r * n;
            std::iota(order.begin(), order.end(), 0);
            std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return row[a] > row[b]; });
            for (int64_t j = 0; j < k; ++j) {
                values.data<T>()[r * k + j] = row[order[j]];
                indices.data<int32_t>()[r * k + j] = order[j];
            }
        }
    });
    if (!ok) return ku::fail(ctx, ku::dtype_error(dtype));
    ctx.set_output(0, ku::is_half(dtype) ? ku::from_float32(values, dtype) : values);
    return Ok{};
}

}  // namespace

void register_misc_kernels(KernelRegistry& r) {
    r.add("OneHot", simple_kernel(one_hot));
    r.add("Cumsum", simple_kernel(cumulative));
    r.add("Cumprod", simple_kernel(cumulative));
    r.add("AddN", simple_kernel(add_n));
    r.add("AccumulateNV2", simple_kernel(add_n));
    r.add("ClipByValue", simple_kernel(clip));
    r.add("TopKV2", simple_kernel(top_k));
    r.add("TopK", simple_kernel(top_k));
}

}  // namespace wb::runtime
