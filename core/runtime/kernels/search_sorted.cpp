// SPDX-License-Identifier: Apache-2.0
// LowerBound / UpperBound (searchsorted per row: the first position in sorted_inputs[b] whose
// value is >= / > values[b, j]) and LinSpace (num evenly spaced values, stop included).
#include <algorithm>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

Status bound(KernelContext& ctx) {
    const ir::Tensor &sorted = ctx.input(0), &values = ctx.input(1);
    if (sorted.shape().rank() != 2 || values.shape().rank() != 2 || sorted.shape().dims[0] != values.shape().dims[0])
        return ku::fail(ctx, "sorted_inputs and values must be [batch, n] and [batch, m]");
    const bool upper = ctx.node().op == "UpperBound";
    const ir::DType t = ir::attr_type(ctx.node().attrs, "out_type", ir::DType::Int32);
    ir::Tensor& out = ctx.allocate_output(0, t, values.shape());
    const int64_t rows = sorted.shape().dims[0], n = sorted.shape().dims[1], m = values.shape().dims[1];
    const bool ok = ku::dispatch(sorted.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        for (int64_t b = 0; b < rows; ++b) {
            const T* row = sorted.data<T>() + b * n;
            for (int64_t j = 0; j < m; ++j) {
                const T v = values.data<T>()[b * m + j];
                const int64_t pos = (upper ? std::upper_bound(row, row + n, v) : std::lower_bound(row, row + n, v)) - row;
                if (t == ir::DType::Int64) out.data<int64_t>()[b * m + j] = pos;
                else out.data<int32_t>()[b * m + j] = static_cast<int32_t>(pos);
            }
        }
    }, false);
    return ok ? Status(Ok{}) : Status(ku::fail(ctx, ku::dtype_error(sorted.dtype())));
}

Status linspace(KernelContext& ctx) {
    const ir::Tensor &start = ctx.input(0), &stop = ctx.input(1);
    const int64_t num = ku::ints(ctx.input(2)).at(0);
    if (num <= 0) return ku::fail(ctx, "num must be positive");
    ir::Tensor& out = ctx.allocate_output(0, start.dtype(), ir::Shape{num});
    const double a = start.value_as_double(0), b = stop.value_as_double(0);
    if (start.dtype() == ir::DType::Float32) {
        const float fa = static_cast<float>(a), step = num > 1 ? static_cast<float>((b - a) / (num - 1)) : 0.f;
        for (int64_t i = 0; i < num; ++i) out.data<float>()[i] = fa + step * static_cast<float>(i);
        if (num > 1) out.data<float>()[num - 1] = static_cast<float>(b);
    } else if (start.dtype() == ir::DType::Float64) {
        const double step = num > 1 ? (b - a) / (num - 1) : 0.0;
        for (int64_t i = 0; i < num; ++i) out.data<double>()[i] = a + step * static_cast<double>(i);
        if (num > 1) out.data<double>()[num - 1] = b;
    } else {
        return ku::fail(ctx, "start and stop must be float32 or float64");
    }
    return Ok{};
}

}  // namespace

void register_search_sorted_kernels(KernelRegistry& r) {
    r.add("LowerBound", simple_kernel(bound));
    r.add("UpperBound", simple_kernel(bound));
    r.add("LinSpace", simple_kernel(linspace));
}

}  // namespace wb::runtime
