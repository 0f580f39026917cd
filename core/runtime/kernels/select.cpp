// SPDX-License-Identifier: Apache-2.0
// Select (TF1: a vector condition picks rows), SelectV2 (full broadcasting) and Where
// (coordinates of true elements, row-major, int64).
#include <cstring>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

Status select(KernelContext& ctx) {
    const ir::Tensor& c = ctx.input(0);
    const ir::Tensor& a = ctx.input(1);
    const ir::Tensor& b = ctx.input(2);
    if (a.dtype() != b.dtype()) return ku::fail(ctx, "branch dtypes differ");
    ir::Shape cond_shape = c.shape();
    // TF1 Select with a vector condition over a higher-rank input selects along axis 0.
    if (ctx.node().op == "Select" && c.shape().rank() == 1 && a.shape().rank() > 1) {
        std::vector<int64_t> dims(a.shape().rank(), 1);
        dims[0] = c.shape().dims[0];
        cond_shape = ir::Shape(dims);
    }
    ir::Shape ab, out_shape;
    if (!ku::broadcast_shape(a.shape(), b.shape(), ab) || !ku::broadcast_shape(cond_shape, ab, out_shape))
        return ku::fail(ctx, "shapes do not broadcast: " + c.shape().to_string() + ", " + a.shape().to_string() +
                                 ", " + b.shape().to_string());
    const auto sc = ku::broadcast_strides(cond_shape, out_shape), sa = ku::broadcast_strides(a.shape(), out_shape),
               sb = ku::broadcast_strides(b.shape(), out_shape), so = ku::strides_of(out_shape);
    const int64_t n = out_shape.num_elements().value_or(0);
    const bool* cond = c.data<bool>();
    if (a.dtype() == ir::DType::String) {
        std::vector<std::string> values(static_cast<std::size_t>(n));
        for (int64_t i = 0; i < n; ++i) {
            int64_t rem = i, ic = 0, ia = 0, ib = 0;
            for (int d = 0; d < out_shape.rank(); ++d) {
                const int64_t k = rem / so[d];
                rem %= so[d];
                ic += k * sc[d];
                ia += k * sa[d];
                ib += k * sb[d];
            }
            values[i] = cond[ic] ? a.strings()[ia] : b.strings()[ib];
        }
        ctx.set_output(0, ir::Tensor::from_strings(out_shape, std::move(values)));
        return Ok{};
    }
    ir::Tensor& out = ctx.allocate_output(0, a.dtype(), out_shape);
    const std::size_t w = ir::dtype_size(a.dtype());
    for (int64_t i = 0; i < n; ++i) {
        int64_t rem = i, ic = 0, ia = 0, ib = 0;
        for (int d = 0; d < out_shape.rank(); ++d) {
            const int64_t k = rem / so[d];
            rem %= so[d];
            ic += k * sc[d];
            ia += k * sa[d];
            ib += k * sb[d];
        }
        std::memcpy(out.raw() + i * w, cond[ic] ? a.raw() + ia * w : b.raw() + ib * w, w);
    }
    return Ok{};
}

Status where(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    if (ctx.num_inputs() == 3) return select(ctx);  // TF1 Where with x, y = Select
    const int rank = x.shape().rank();
    const auto st = ku::strides_of(x.shape());
    std::vector<int64_t> hits;
    for (int64_t i = 0; i < x.num_elements(); ++i)
        if (x.value_as_double(i) != 0.0) hits.push_back(i);
    ir::Tensor& out = ctx.allocate_output(0, ir::DType::Int64, ir::Shape{static_cast<int64_t>(hits.size()), rank});
    for (std::size_t h = 0; h < hits.size(); ++h) {
        int64_t rem = hits[h];
        for (int d = 0; d < rank; ++d) {
            out.data<int64_t>()[h * rank + d] = rem / st[d];
            rem %= st[d];
        }
    }
    return Ok{};
}

}  // namespace

void register_select_kernels(KernelRegistry& r) {
    r.add("Select", simple_kernel(select));
    r.add("SelectV2", simple_kernel(select));
    r.add("Where", simple_kernel(where));
}

}  // namespace wb::runtime
