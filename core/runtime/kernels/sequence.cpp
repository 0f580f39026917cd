// SPDX-License-Identifier: Apache-2.0
// Index and sequence ops: ReverseSequence (reverse the first seq_lengths[b] items along
// seq_dim of each batch entry), InvertPermutation, ParallelConcat (concatenation along axis 0
// into the `shape` attribute), Empty (zeros: TensorFlow leaves them uninitialised unless
// `init`) and RaggedRange (ranges as row splits + flat values; integer sizes rounded up).
#include <cmath>
#include <cstring>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

Status reverse_sequence(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    const auto lengths = ku::ints(ctx.input(1));
    int64_t seq = ir::attr_int(ctx.node().attrs, "seq_dim"), batch = ir::attr_int(ctx.node().attrs, "batch_dim");
    const int rank = x.shape().rank();
    if (!ku::norm_axis(seq, rank) || !ku::norm_axis(batch, rank) || seq == batch) return ku::fail(ctx, "bad seq_dim or batch_dim");
    const auto& d = x.shape().dims;
    if (static_cast<int64_t>(lengths.size()) != d[batch]) return ku::fail(ctx, "seq_lengths must have one entry per batch item");
    for (int64_t l : lengths)
        if (l < 0 || l > d[seq]) return ku::fail(ctx, "seq_lengths must be in [0, " + std::to_string(d[seq]) + "]");
    const std::size_t w = ir::dtype_size(x.dtype());
    if (!w) return ku::fail(ctx, ku::dtype_error(x.dtype()));
    ir::Tensor& out = ctx.allocate_output(0, x.dtype(), x.shape());
    const auto strides = ku::strides_of(x.shape());
    std::vector<int64_t> idx(rank, 0);
    for (int64_t i = 0; i < x.num_elements(); ++i) {
        int64_t rem = i;
        for (int k = rank - 1; k >= 0; --k) { idx[k] = rem % d[k]; rem /= d[k]; }
        int64_t src = i;
        const int64_t len = lengths[idx[batch]];
        if (idx[seq] < len) src += (len - 1 - 2 * idx[seq]) * strides[seq];
        std::memcpy(out.raw() + i * w, x.raw() + src * w, w);
    }
    return Ok{};
}

Status invert_permutation(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    if (x.shape().rank() != 1) return ku::fail(ctx, "input must be a vector");
    const auto p = ku::ints(x);
    const int64_t n = static_cast<int64_t>(p.size());
    std::vector<int64_t> inv(p.size(), -1);
    for (int64_t i = 0; i < n; ++i) {
        if (p[i] < 0 || p[i] >= n || inv[p[i]] != -1) return ku::fail(ctx, "input is not a permutation of 0.." + std::to_string(n - 1));
        inv[p[i]] = i;
    }
    ir::Tensor& out = ctx.allocate_output(0, x.dtype(), x.shape());
    for (int64_t i = 0; i < n; ++i)
        if (x.dtype() == ir::DType::Int64) out.data<int64_t>()[i] = inv[i];
        else out.data<int32_t>()[i] = static_cast<int32_t>(inv[i]);
    return Ok{};
}

Status parallel_concat(KernelContext& ctx) {
    const ir::Shape* shape = ir::attr_shape(ctx.node().attrs, "shape");
    if (!shape || !shape->fully_defined() || shape->rank() < 1) return ku::fail(ctx, "needs a fully defined `shape` attribute");
    const ir::DType t = ctx.input(0).dtype();
    ir::Tensor& out = ctx.allocate_output(0, t, *shape);
    std::size_t offset = 0;
    for (int i = 0; i < ctx.num_inputs(); ++i) {
        const ir::Tensor& v = ctx.input(i);
        if (v.dtype() != t || offset + v.byte_size() > out.byte_size()) return ku::fail(ctx, "inputs do not fit the output shape");
        if (v.byte_size()) std::memcpy(out.raw() + offset, v.raw(), v.byte_size());
        offset += v.byte_size();
    }
    if (offset != out.byte_size()) return ku::fail(ctx, "inputs do not fill the output shape");
    return Ok{};
}

Status empty(KernelContext& ctx) {
    const auto dims = ku::ints(ctx.input(0));
    for (int64_t d : dims)
        if (d < 0) return ku::fail(ctx, "shape dimensions must not be negative");
    const ir::DType t = ir::attr_type(ctx.node().attrs, "dtype", ir::DType::Float32);
    ctx.set_output(0, ir::Tensor(t, ir::Shape(dims)));
    return Ok{};
}

Status ragged_range(KernelContext& ctx) {
    const ir::Tensor &starts = ctx.input(0), &limits = ctx.input(1), &deltas = ctx.input(2);
    int64_t n = 1;
    for (const ir::Tensor* t : {&starts, &limits, &deltas}) {
        if (t->shape().rank() > 1) return ku::fail(ctx, "starts, limits and deltas must be scalars or vectors");
        if (t->shape().rank() == 1) {
            if (n != 1 && t->num_elements() != n && n != t->num_elements()) return ku::fail(ctx, "starts, limits and deltas differ in length");
            n = t->num_elements();
        }
    }
    if (starts.shape().rank() == 0 && limits.shape().rank() == 0 && deltas.shape().rank() == 0) n = 1;
    for (const ir::Tensor* t : {&starts, &limits, &deltas})
        if (t->shape().rank() == 1 && t->num_elements() != n) return ku::fail(ctx, "starts, limits and deltas differ in length");
    const ir::DType splits_type = ir::attr_type(ctx.node().attrs, "Tsplits", ir::DType::Int64);
    const bool integral = starts.dtype() != ir::DType::Float32 && starts.dtype() != ir::DType::Float64;
    auto at = [&](const ir::Tensor& t, int64_t i) { return t.value_as_double(t.shape().rank() ? i : 0); };
    std::vector<int64_t> sizes(static_cast<std::size_t>(n));
    int64_t total = 0;
    for (int64_t i = 0; i < n; ++i) {
        const double s = at(starts, i), l = at(limits, i), d = at(deltas, i);
        if (d == 0) return ku::fail(ctx, "deltas must not be zero");
        int64_t size = 0;
        if (!((d > 0 && l < s) || (d < 0 && l > s)))
            size = integral ? static_cast<int64_t>((std::abs(l - s) + std::abs(d) - 1) / std::abs(d))
                            : static_cast<int64_t>(std::ceil(std::abs((l - s) / d)));
        sizes[i] = size;
        total += size;
    }
    ir::Tensor& splits = ctx.allocate_output(0, splits_type, ir::Shape{n + 1});
    ir::Tensor& values = ctx.allocate_output(1, starts.dtype(), ir::Shape{total});
    int64_t pos = 0;
    for (int64_t i = 0; i <= n; ++i) {
        if (splits_type == ir::DType::Int32) splits.data<int32_t>()[i] = static_cast<int32_t>(pos);
        else splits.data<int64_t>()[i] = pos;
        if (i < n) pos += sizes[i];
    }
    const bool ok = ku::dispatch(starts.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        T* v = values.data<T>();
        int64_t k = 0;
        for (int64_t i = 0; i < n; ++i) {
            const T s = static_cast<T>(at(starts, i)), d = static_cast<T>(at(deltas, i));
            T value = s;
            for (int64_t j = 0; j < sizes[i]; ++j, value += d) v[k++] = value;
        }
    }, false);
    return ok ? Status(Ok{}) : Status(ku::fail(ctx, ku::dtype_error(starts.dtype())));
}

}  // namespace

void register_sequence_kernels(KernelRegistry& r) {
    r.add("ReverseSequence", simple_kernel(reverse_sequence));
    r.add("InvertPermutation", simple_kernel(invert_permutation));
    r.add("ParallelConcat", simple_kernel(parallel_concat));
    r.add("Empty", simple_kernel(empty));
    r.add("RaggedRange", simple_kernel(ragged_range));
}

}  // namespace wb::runtime
