// SPDX-License-Identifier: Apache-2.0
// Two older TensorFlow ops TensorFlow.js still accepts: Print (passes input 0 through; the
// runtime does not log) and Reverse (ReverseV2 with a bool mask of dimensions instead of axes).
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

Status print(KernelContext& ctx) {
    ctx.set_output(0, ctx.input(0));
    return Ok{};
}

Status reverse(KernelContext& ctx) {
    const ir::Tensor &x = ctx.input(0), &mask = ctx.input(1);
    const int rank = x.shape().rank();
    if (mask.dtype() != ir::DType::Bool || mask.num_elements() != rank) return ku::fail(ctx, "dims must be a bool vector of the input's rank");
    const std::size_t w = ir::dtype_size(x.dtype());
    if (!w) return ku::fail(ctx, ku::dtype_error(x.dtype()));
    auto strides = ku::strides_of(x.shape());
    int64_t offset = 0;
    for (int d = 0; d < rank; ++d)
        if (mask.data<uint8_t>()[d]) {
            offset += (x.shape().dims[d] - 1) * strides[d];
            strides[d] = -strides[d];
        }
    ir::Tensor& out = ctx.allocate_output(0, x.dtype(), x.shape());
    if (x.num_elements()) ku::strided_copy(x.raw(), out.raw(), w, x.shape().dims, strides, offset);
    return Ok{};
}

}  // namespace

void register_print_reverse_kernels(KernelRegistry& r) {
    r.add("Print", simple_kernel(print));
    r.add("Reverse", simple_kernel(reverse));
}

}  // namespace wb::runtime
