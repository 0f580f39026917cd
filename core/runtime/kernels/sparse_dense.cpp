// SPDX-License-Identifier: Apache-2.0
// Sparse (COO) into dense: SparseTensorDenseAdd (b plus the sparse values, repeated indices
// accumulate) and SparseToDense (default_value everywhere, then the values; a scalar value is
// used for every index).
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

Status sparse_dense(KernelContext& ctx) {
    const bool add = ctx.node().op == "SparseTensorDenseAdd";
    const ir::Tensor& indices_t = ctx.input(0);
    const ir::Tensor& values = add ? ctx.input(1) : ctx.input(2);
    const auto shape = ku::ints(add ? ctx.input(2) : ctx.input(1));
    const auto indices = ku::ints(indices_t);
    const int64_t rank = static_cast<int64_t>(shape.size());
    const int64_t n = indices_t.shape().rank() == 2 ? indices_t.shape().dims[0] : rank ? static_cast<int64_t>(indices.size()) / std::max<int64_t>(rank, 1) : 1;
    if (static_cast<int64_t>(indices.size()) != n * rank) return ku::fail(ctx, "indices must be [N, rank]");
    if (values.num_elements() != n && !(!add && values.num_elements() == 1)) return ku::fail(ctx, "values must hold one value per index");
    ir::Tensor out;
    if (add) {
        if (ctx.input(3).shape() != ir::Shape(shape)) return ku::fail(ctx, "b's shape differs from a_shape");
        out = ctx.input(3).clone();
    } else {
        out = ir::Tensor(values.dtype(), ir::Shape(shape));
    }
    if (out.dtype() != values.dtype()) return ku::fail(ctx, "values and the dense tensor differ in dtype");
    const auto strides = ku::strides_of(out.shape());
    std::string error;
    const bool ok = ku::dispatch(out.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        T* o = out.data<T>();
        if (!add) std::fill_n(o, out.num_elements(), ctx.input(3).data<T>()[0]);
        for (int64_t i = 0; i < n && error.empty(); ++i) {
            int64_t offset = 0;
            for (int64_t d = 0; d < rank; ++d) {
                const int64_t v = indices[i * rank + d];
                if (v < 0 || v >= shape[d]) error = "index " + std::to_string(v) + " out of bounds in dimension " + std::to_string(d);
                offset += v * strides[d];
            }
            if (!error.empty()) break;
            const T value = values.data<T>()[values.num_elements() == 1 ? 0 : i];
            if constexpr (std::is_same_v<T, bool>) o[offset] = add ? (o[offset] || value) : value;
            else o[offset] = add ? static_cast<T>(o[offset] + value) : value;
        }
    });
    if (!ok) return ku::fail(ctx, ku::dtype_error(out.dtype()));
    if (!error.empty()) return ku::fail(ctx, error);
    ctx.set_output(0, out);
    return Ok{};
}

}  // namespace

void register_sparse_dense_kernels(KernelRegistry& r) {
    r.add("SparseTensorDenseAdd", simple_kernel(sparse_dense));
    r.add("SparseToDense", simple_kernel(sparse_dense));
}

}  // namespace wb::runtime
