// SPDX-License-Identifier: Apache-2.0
// Index-pattern ops: MatrixBandPart, MatrixDiag, MatrixSetDiag (V1 forms), Roll and ScatterNd.
#include <cstring>
#include <string>
#include <type_traits>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

Status band_part(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    const int64_t lower = ku::ints(ctx.input(1)).at(0), upper = ku::ints(ctx.input(2)).at(0);
    const int rank = x.shape().rank();
    if (rank < 2 || x.dtype() == ir::DType::String) return ku::fail(ctx, "input must be a matrix batch");
    const int64_t m = x.shape().dims[rank - 2], n = x.shape().dims[rank - 1];
    ir::Tensor& out = ctx.allocate_output(0, x.dtype(), x.shape());
    const std::size_t w = ir::dtype_size(x.dtype());
    for (int64_t i = 0; i < x.num_elements(); ++i) {
        const int64_t col = i % n, row = (i / n) % m;
        const bool keep = (lower < 0 || row - col <= lower) && (upper < 0 || col - row <= upper);
        if (keep) std::memcpy(out.raw() + i * w, x.raw() + i * w, w);
        else std::memset(out.raw() + i * w, 0, w);
    }
    return Ok{};
}

Status matrix_diag(KernelContext& ctx) {
    const bool set = ctx.node().op == "MatrixSetDiag";
    const ir::Tensor& src = ctx.input(0);
    const std::size_t w = ir::dtype_size(src.dtype());
    if (!w) return ku::fail(ctx, ku::dtype_error(src.dtype()));
    if (!set) {
        auto dims = src.shape().dims;
        if (dims.empty()) return ku::fail(ctx, "diagonal must have rank >= 1");
        const int64_t n = dims.back();
        dims.push_back(n);
        ir::Tensor& out = ctx.allocate_output(0, src.dtype(), ir::Shape(dims));
        std::memset(out.raw(), 0, out.byte_size());
        for (int64_t i = 0; i < src.num_elements(); ++i) {
            const int64_t b = i / n, k = i % n;
            std::memcpy(out.raw() + ((b * n + k) * n + k) * w, src.raw() + i * w, w);
        }
        return Ok{};
    }
    const ir::Tensor& diag = ctx.input(1);
    const int rank = src.shape().rank();
    if (rank < 2) return ku::fail(ctx, "input must be a matrix batch");
    const int64_t m = src.shape().dims[rank - 2], n = src.shape().dims[rank - 1], k = std::min(m, n);
    ir::Tensor& out = ctx.allocate_output(0, src.dtype(), src.shape());
    std::memcpy(out.raw(), src.raw(), src.byte_size());
    const int64_t batches = m * n ? src.num_elements() / (m * n) : 0;
    if (diag.num_elements() != batches * k) return ku::fail(ctx, "diagonal size does not match");
    for (int64_t b = 0; b < batches; ++b)
        for (int64_t i = 0; i < k; ++i) std::memcpy(out.raw() + ((b * m + i) * n + i) * w, diag.raw() + (b * k + i) * w, w);
    return Ok{};
}

Status roll(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    const auto shift = ku::ints(ctx.input(1));
    const auto axes = ku::ints(ctx.input(2));
    if (shift.size() != axes.size()) return ku::fail(ctx, "shift and axis differ in length");
    const int rank = x.shape().rank();
    std::vector<int64_t> total(rank, 0);
    for (std::size_t i = 0; i < axes.size(); ++i) {
        int64_t a = axes[i];
        if (!ku::norm_axis(a, rank)) return ku::fail(ctx, "axis out of range");
        total[a] += shift[i];
    }
    const std::size_t w = ir::dtype_size(x.dtype());
    if (!w) return ku::fail(ctx, ku::dtype_error(x.dtype()));
    ir::Tensor& out = ctx.allocate_output(0, x.dtype(), x.shape());
    const auto st = ku::strides_of(x.shape());
    for (int64_t i = 0; i < x.num_elements(); ++i) {
        int64_t rem = i, dst = 0;
        for (int d = 0; d < rank; ++d) {
            const int64_t n = x.shape().dims[d];
            const int64_t k = rem / st[d];
            rem %= st[d];
            dst += (((k + total[d]) % n + n) % n) * st[d];
        }
        std::memcpy(out.raw() + dst * w, x.raw() + i * w, w);
    }
    return Ok{};
}

Status scatter_nd(KernelContext& ctx) {
    const auto idx = ku::ints(ctx.input(0));
    const ir::Tensor& updates = ctx.input(1);
    const ir::Shape shape(ku::ints(ctx.input(2)));
    const ir::Shape& is = ctx.input(0).shape();
    if (is.rank() < 1 || !shape.fully_defined()) return ku::fail(ctx, "bad indices or shape");
    const int64_t depth = is.dims.back();
    const int64_t count = depth ? static_cast<int64_t>(idx.size()) / depth : 0;
    int64_t inner = 1;
    for (int d = static_cast<int>(depth); d < shape.rank(); ++d) inner *= shape.dims[d];
    ir::Tensor out(updates.dtype(), shape);  // zero-filled
    const auto st = ku::strides_of(shape);
    const bool ok = ku::dispatch(updates.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        for (int64_t k = 0; k < count; ++k) {
            int64_t base = 0;
            for (int64_t j = 0; j < depth; ++j) base += idx[k * depth + j] * st[j];
            for (int64_t i = 0; i < inner; ++i) {
                if constexpr (std::is_same_v<T, bool>) out.data<T>()[base + i] = out.data<T>()[base + i] || updates.data<T>()[k * inner + i];
                else out.data<T>()[base + i] += updates.data<T>()[k * inner + i];
            }
        }
    });
    if (!ok) return ku::fail(ctx, ku::dtype_error(updates.dtype()));
    ctx.set_output(0, out);
    return Ok{};
}

}  // namespace

void register_matrix_kernels(KernelRegistry& r) {
    r.add("MatrixBandPart", simple_kernel(band_part));
    r.add("MatrixDiag", simple_kernel(matrix_diag));
    r.add("MatrixSetDiag", simple_kernel(matrix_diag));
    r.add("Roll", simple_kernel(roll));
    r.add("ScatterNd", simple_kernel(scatter_nd));
}

}  // namespace wb::runtime
