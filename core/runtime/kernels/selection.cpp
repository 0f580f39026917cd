// SPDX-License-Identifier: Apache-2.0
// Order-statistics ops on the last dimension: NthElement (the n-th smallest, or largest with
// reverse), InTopKV2 (is the target's score among the k highest; ties count for the target,
// non-finite target scores are never in) and CompareAndBitpack (x > threshold, 8 per byte,
// first element in the most significant bit).
#include <algorithm>
#include <cmath>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

Status nth_element(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    const int64_t n = ku::ints(ctx.input(1)).at(0);
    if (x.shape().rank() < 1) return ku::fail(ctx, "input must have rank >= 1");
    const int64_t last = x.shape().dims.back();
    if (n < 0 || n >= last) return ku::fail(ctx, "n must be in [0, " + std::to_string(last) + ")");
    const bool reverse = ir::attr_bool(ctx.node().attrs, "reverse");
    auto dims = x.shape().dims;
    dims.pop_back();
    ir::Tensor& out = ctx.allocate_output(0, x.dtype(), ir::Shape(dims));
    const bool ok = ku::dispatch(x.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        std::vector<T> row(static_cast<std::size_t>(last));
        for (int64_t r = 0; r < out.num_elements(); ++r) {
            std::copy_n(x.data<T>() + r * last, last, row.begin());
            const int64_t k = reverse ? last - 1 - n : n;
            std::nth_element(row.begin(), row.begin() + k, row.end());
            out.data<T>()[r] = row[k];
        }
    }, false);
    return ok ? Status(Ok{}) : Status(ku::fail(ctx, ku::dtype_error(x.dtype())));
}

Status in_top_k(KernelContext& ctx) {
    const ir::Tensor& p = ctx.input(0);
    const auto targets = ku::ints(ctx.input(1));
    const int64_t k = ku::ints(ctx.input(2)).at(0);
    if (p.shape().rank() != 2 || p.shape().dims[0] != static_cast<int64_t>(targets.size()))
        return ku::fail(ctx, "predictions must be [batch, classes] with one target per row");
    const int64_t classes = p.shape().dims[1];
    ir::Tensor& out = ctx.allocate_output(0, ir::DType::Bool, ir::Shape{static_cast<int64_t>(targets.size())});
    for (std::size_t b = 0; b < targets.size(); ++b) {
        const int64_t t = targets[b];
        bool in = false;
        if (t >= 0 && t < classes) {
            const double score = p.value_as_double(static_cast<int64_t>(b) * classes + t);
            if (std::isfinite(score)) {
                int64_t higher = 0;
                for (int64_t c = 0; c < classes; ++c) higher += p.value_as_double(static_cast<int64_t>(b) * classes + c) > score;
                in = higher < k;
            }
        }
        out.data<uint8_t>()[b] = in;
    }
    return Ok{};
}

Status compare_and_bitpack(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    if (x.shape().rank() < 1 || x.shape().dims.back() % 8 != 0)
        return ku::fail(ctx, "the last dimension must be a multiple of 8");
    if (ctx.input(1).num_elements() != 1) return ku::fail(ctx, "threshold must be a scalar");
    auto dims = x.shape().dims;
    dims.back() /= 8;
    ir::Tensor& out = ctx.allocate_output(0, ir::DType::UInt8, ir::Shape(dims));
    const bool ok = ku::dispatch(x.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        const T threshold = ctx.input(1).data<T>()[0];
        const T* in = x.data<T>();
        for (int64_t i = 0; i < out.num_elements(); ++i) {
            uint8_t byte = 0;
            for (int bit = 0; bit < 8; ++bit) byte = static_cast<uint8_t>((byte << 1) | (in[i * 8 + bit] > threshold ? 1 : 0));
            out.data<uint8_t>()[i] = byte;
        }
    });
    return ok ? Status(Ok{}) : Status(ku::fail(ctx, ku::dtype_error(x.dtype())));
}

}  // namespace

void register_selection_kernels(KernelRegistry& r) {
    r.add("NthElement", simple_kernel(nth_element));
    r.add("InTopKV2", simple_kernel(in_top_k));
    r.add("CompareAndBitpack", simple_kernel(compare_and_bitpack));
}

}  // namespace wb::runtime
