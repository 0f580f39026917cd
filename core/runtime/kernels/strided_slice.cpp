// SPDX-License-Identifier: Apache-2.0
// Slice and StridedSlice with TensorFlow's full mask semantics: the sparse spec (begin/end/
// strides plus ellipsis and new-axis bits) is expanded to one entry per input dimension, each
// clamped like Python slicing, then copied as a strided view; shrink and new axes only reshape.
#include <algorithm>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

Status copy_out(KernelContext& ctx, const ir::Tensor& x, const std::vector<int64_t>& dims,
                const std::vector<int64_t>& strides, int64_t offset, const ir::Shape* final_shape);

namespace {

struct DenseDim {
    int64_t begin = 0, end = 0, stride = 1;
    bool begin_mask = true, end_mask = true, shrink = false;
};

Status slice(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    auto begin = ku::ints(ctx.input(1)), size = ku::ints(ctx.input(2));
    const int rank = x.shape().rank();
    if (static_cast<int>(begin.size()) != rank || static_cast<int>(size.size()) != rank)
        return ku::fail(ctx, "begin/size must have one entry per dimension");
    const auto st = ku::strides_of(x.shape());
    std::vector<int64_t> dims(rank);
    int64_t offset = 0;
    for (int d = 0; d < rank; ++d) {
        const int64_t dim = x.shape().dims[d];
        dims[d] = size[d] == -1 ? dim - begin[d] : size[d];
        if (begin[d] < 0 || dims[d] < 0 || begin[d] + dims[d] > dim)
            return ku::fail(ctx, "slice out of range for " + x.shape().to_string());
        offset += begin[d] * st[d];
    }
    return copy_out(ctx, x, dims, st, offset, nullptr);
}

}  // namespace

Status strided_slice(KernelContext& ctx) {
    if (ctx.node().op == "Slice") return slice(ctx);
    const ir::Tensor& x = ctx.input(0);
    auto begin = ku::ints(ctx.input(1)), end = ku::ints(ctx.input(2)), strides = ku::ints(ctx.input(3));
    const auto& a = ctx.node().attrs;
    const int64_t bm = ir::attr_int(a, "begin_mask"), em = ir::attr_int(a, "end_mask"),
                  ell = ir::attr_int(a, "ellipsis_mask"), nam = ir::attr_int(a, "new_axis_mask"),
                  sam = ir::attr_int(a, "shrink_axis_mask");
    const int sparse = static_cast<int>(begin.size());
    if (static_cast<int>(end.size()) != sparse || static_cast<int>(strides.size()) != sparse)
        return ku::fail(ctx, "begin, end and strides differ in length");
    const int rank = x.shape().rank();
    // Expand to dense dims; final_shape_plan: >=0 dense dim index, -1 new axis.
    std::vector<DenseDim> dense;
    std::vector<int> final_plan;
    bool saw_ellipsis = false;
    auto add_full = [&](int count) {
        for (int k = 0; k < count; ++k) {
            final_plan.push_back(static_cast<int>(dense.size()));
            dense.push_back(DenseDim{});
        }
    };
    for (int i = 0; i < sparse; ++i) {
        if (ell & (int64_t{1} << i)) {
            if (saw_ellipsis) return ku::fail(ctx, "more than one ellipsis");
            saw_ellipsis = true;
            int after = 0;
            for (int j = i + 1; j < sparse; ++j)
                if (!(nam & (int64_t{1} << j))) ++after;
            add_full(rank - static_cast<int>(dense.size()) - after);
        } else if (nam & (int64_t{1} << i)) {
            final_plan.push_back(-1);
        } else {
            DenseDim d;
            d.begin = begin[i];
            d.end = end[i];
            d.stride = strides[i];
            d.begin_mask = bm & (int64_t{1} << i);
            d.end_mask = em & (int64_t{1} << i);
            d.shrink = sam & (int64_t{1} << i);
            if (!d.shrink) final_plan.push_back(static_cast<int>(dense.size()));
            dense.push_back(d);
        }
    }
    if (!saw_ellipsis) add_full(rank - static_cast<int>(dense.size()));
    if (static_cast<int>(dense.size()) != rank)
        return ku::fail(ctx, "slice spec does not match input rank " + std::to_string(rank));
    const auto st = ku::strides_of(x.shape());
    std::vector<int64_t> dims(rank), src_strides(rank);
    int64_t offset = 0;
    for (int d = 0; d < rank; ++d) {
        DenseDim& s = dense[d];
        const int64_t dim = x.shape().dims[d];
        if (s.stride == 0) return ku::fail(ctx, "stride must not be zero");
        int64_t b, e;
        if (s.shrink) {
            b = s.begin < 0 ? s.begin + dim : s.begin;
            if (b < 0 || b >= dim) return ku::fail(ctx, "shrink index out of range");
            e = b + 1;
            s.stride = 1;
        } else if (s.stride > 0) {
            b = s.begin_mask ? 0 : std::clamp(s.begin < 0 ? s.begin + dim : s.begin, int64_t{0}, dim);
            e = s.end_mask ? dim : std::clamp(s.end < 0 ? s.end + dim : s.end, int64_t{0}, dim);
        } else {
            b = s.begin_mask ? dim - 1 : std::clamp(s.begin < 0 ? s.begin + dim : s.begin, int64_t{-1}, dim - 1);
            e = s.end_mask ? -1 : std::clamp(s.end < 0 ? s.end + dim : s.end, int64_t{-1}, dim - 1);
        }
        const int64_t span = e - b;
        int64_t n = (span == 0 || (span > 0) != (s.stride > 0)) ? 0 : (std::abs(span) + std::abs(s.stride) - 1) / std::abs(s.stride);
        dims[d] = n;
        src_strides[d] = st[d] * s.stride;
        if (n > 0) offset += b * st[d];
    }
    std::vector<int64_t> final_dims;
    for (int p : final_plan) final_dims.push_back(p < 0 ? 1 : dims[p]);
    const ir::Shape final_shape(final_dims);
    return copy_out(ctx, x, dims, src_strides, offset, &final_shape);
}

}  // namespace wb::runtime
