// SPDX-License-Identifier: Apache-2.0
// Transpose, ReverseV2, Tile, Slice and StridedSlice (all masks), all as strided copies.
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

// Strings are moved element by element through an index tensor instead of bytes.
Status copy_out(KernelContext& ctx, const ir::Tensor& x, const std::vector<int64_t>& dims,
                const std::vector<int64_t>& strides, int64_t offset, const ir::Shape* final_shape) {
    ir::Shape shape = final_shape ? *final_shape : ir::Shape(dims);
    if (x.dtype() == ir::DType::String) {
        ir::Tensor idx(ir::DType::Int64, x.shape());
        for (int64_t i = 0; i < x.num_elements(); ++i) idx.data<int64_t>()[i] = i;
        ir::Tensor picked(ir::DType::Int64, ir::Shape(dims));
        ku::strided_copy(idx.raw(), picked.raw(), 8, dims, strides, offset);
        std::vector<std::string> v;
        for (int64_t i = 0; i < picked.num_elements(); ++i) v.push_back(x.strings()[picked.data<int64_t>()[i]]);
        ctx.set_output(0, ir::Tensor::from_strings(shape, std::move(v)));
        return Ok{};
    }
    ir::Tensor& out = ctx.allocate_output(0, x.dtype(), shape);
    ku::strided_copy(x.raw(), out.raw(), ir::dtype_size(x.dtype()), dims, strides, offset);
    return Ok{};
}

namespace {

Status transpose(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    auto perm = ku::ints(ctx.input(1));
    const int rank = x.shape().rank();
    if (static_cast<int>(perm.size()) != rank) return ku::fail(ctx, "perm size does not match rank");
    const auto st = ku::strides_of(x.shape());
    std::vector<int64_t> dims(rank), strides(rank);
    std::vector<char> seen(rank, 0);
    for (int d = 0; d < rank; ++d) {
        int64_t p = perm[d];
        if (!ku::norm_axis(p, rank) || seen[p]) return ku::fail(ctx, "perm is not a permutation");
        seen[p] = 1;
        dims[d] = x.shape().dims[p];
        strides[d] = st[p];
    }
    return copy_out(ctx, x, dims, strides, 0, nullptr);
}

Status reverse(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    const int rank = x.shape().rank();
    auto st = ku::strides_of(x.shape());
    int64_t offset = 0;
    std::vector<char> flip(rank, 0);
    for (int64_t a : ku::ints(ctx.input(1))) {
        if (!ku::norm_axis(a, rank)) return ku::fail(ctx, "axis out of range");
        flip[a] = 1;
    }
    for (int d = 0; d < rank; ++d)
        if (flip[d]) {
            offset += (x.shape().dims[d] - 1) * st[d];
            st[d] = -st[d];
        }
    return copy_out(ctx, x, x.shape().dims, st, offset, nullptr);
}

Status tile(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    auto reps = ku::ints(ctx.input(1));
    const int rank = x.shape().rank();
    if (static_cast<int>(reps.size()) != rank) return ku::fail(ctx, "multiples size does not match rank");
    // View the output as [r0, d0, r1, d1, ...] with stride 0 on the repeat axes.
    const auto st = ku::strides_of(x.shape());
    std::vector<int64_t> dims, strides, out_dims;
    for (int d = 0; d < rank; ++d) {
        if (reps[d] < 0) return ku::fail(ctx, "negative multiple");
        dims.push_back(reps[d]);
        strides.push_back(0);
        dims.push_back(x.shape().dims[d]);
        strides.push_back(st[d]);
        out_dims.push_back(reps[d] * x.shape().dims[d]);
    }
    const ir::Shape out_shape(out_dims);
    return copy_out(ctx, x, dims, strides, 0, &out_shape);
}

}  // namespace

Status strided_slice(KernelContext& ctx);  // strided_slice.cpp

void register_transpose_kernels(KernelRegistry& r) {
    r.add("Transpose", simple_kernel(transpose));
    r.add("ReverseV2", simple_kernel(reverse));
    r.add("Tile", simple_kernel(tile));
    r.add("Slice", simple_kernel(strided_slice));
    r.add("StridedSlice", simple_kernel(strided_slice));
}

}  // namespace wb::runtime
