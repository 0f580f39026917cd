// SPDX-License-Identifier: Apache-2.0
// Counting ops: Bincount / DenseBincount (values outside [0, size) are ignored; empty weights
// count 1 each; binary_output counts presence) and HistogramFixedWidth (bin =
// (max(v, lo) - lo) / ((hi - lo) / nbins) in double, truncated and capped at nbins - 1).
#include <algorithm>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

Status bincount(KernelContext& ctx) {
    const ir::Tensor& arr = ctx.input(0);
    const int64_t size = ku::ints(ctx.input(1)).at(0);
    const ir::Tensor& weights = ctx.input(2);
    if (size < 0) return ku::fail(ctx, "size must not be negative");
    const bool dense = ctx.node().op == "DenseBincount";
    const bool binary = ir::attr_bool(ctx.node().attrs, "binary_output");
    const bool weighted = weights.num_elements() > 0;
    if (weighted && weights.shape() != arr.shape()) return ku::fail(ctx, "weights must match the input's shape or be empty");
    if (dense && arr.shape().rank() > 2) return ku::fail(ctx, "input must have rank 1 or 2");
    const int64_t rows = dense && arr.shape().rank() == 2 ? arr.shape().dims[0] : 1;
    const int64_t cols = rows ? arr.num_elements() / std::max<int64_t>(rows, 1) : 0;
    ir::Shape shape = rows > 1 || (dense && arr.shape().rank() == 2) ? ir::Shape{rows, size} : ir::Shape{size};
    const ir::DType type = weights.dtype();  // T: the weights' dtype even when they are empty
    ir::Tensor& out = ctx.allocate_output(0, type, shape);
    const auto values = ku::ints(arr);
    const bool ok = ku::dispatch(type, [&](auto tag) {
        using T = typename decltype(tag)::type;
        T* o = out.data<T>();
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t c = 0; c < cols; ++c) {
                const int64_t i = r * cols + c, v = values[i];
                if (v < 0 || v >= size) continue;
                T& bin = o[r * size + v];
                if (binary) bin = T(1);
                else bin = static_cast<T>(bin + (weighted ? weights.data<T>()[i] : T(1)));
            }
    }, false);
    return ok ? Status(Ok{}) : Status(ku::fail(ctx, ku::dtype_error(type)));
}

Status histogram(KernelContext& ctx) {
    const ir::Tensor& values = ctx.input(0);
    const ir::Tensor& range = ctx.input(1);
    const int64_t nbins = ku::ints(ctx.input(2)).at(0);
    if (range.num_elements() != 2) return ku::fail(ctx, "value_range must hold two values");
    if (nbins <= 0) return ku::fail(ctx, "nbins must be positive");
    const double lo = range.value_as_double(0), hi = range.value_as_double(1);
    if (!(lo < hi)) return ku::fail(ctx, "value_range[0] must be less than value_range[1]");
    const ir::DType type = ir::attr_type(ctx.node().attrs, "dtype", ir::DType::Int32);
    ir::Tensor& out = ctx.allocate_output(0, type, ir::Shape{nbins});
    std::vector<int64_t> counts(static_cast<std::size_t>(nbins), 0);
    const double step = (hi - lo) / static_cast<double>(nbins);
    for (int64_t i = 0; i < values.num_elements(); ++i) {
        const double v = std::max(values.value_as_double(i), lo);
        ++counts[static_cast<std::size_t>(std::min((v - lo) / step, static_cast<double>(nbins - 1)))];
    }
    for (int64_t b = 0; b < nbins; ++b)
        if (type == ir::DType::Int64) out.data<int64_t>()[b] = counts[b];
        else out.data<int32_t>()[b] = static_cast<int32_t>(counts[b]);
    return Ok{};
}

}  // namespace

void register_counting_kernels(KernelRegistry& r) {
    r.add("Bincount", simple_kernel(bincount));
    r.add("DenseBincount", simple_kernel(bincount));
    r.add("HistogramFixedWidth", simple_kernel(histogram));
}

}  // namespace wb::runtime
