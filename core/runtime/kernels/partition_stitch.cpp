// SPDX-License-Identifier: Apache-2.0
// DynamicPartition (rows of data go to output partitions[i], in order) and DynamicStitch /
// ParallelDynamicStitch (merged[indices[m][i]] = data[m][i]; later writes win, as TensorFlow
// documents for the sequential op).
#include <cstring>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

Status partition(KernelContext& ctx) {
    const ir::Tensor &data = ctx.input(0), &parts_t = ctx.input(1);
    const int64_t n = ir::attr_int(ctx.node().attrs, "num_partitions", 1);
    const auto parts = ku::ints(parts_t);
    const int pr = parts_t.shape().rank();
    if (pr > data.shape().rank()) return ku::fail(ctx, "partitions has a higher rank than data");
    for (int d = 0; d < pr; ++d)
        if (parts_t.shape().dims[d] != data.shape().dims[d]) return ku::fail(ctx, "partitions' shape must be a prefix of data's");
    const std::size_t w = ir::dtype_size(data.dtype());
    if (!w) return ku::fail(ctx, ku::dtype_error(data.dtype()));
    const int64_t inner = parts.empty() ? 0 : data.num_elements() / static_cast<int64_t>(parts.size());
    std::vector<int64_t> sizes(static_cast<std::size_t>(n), 0);
    for (int64_t p : parts) {
        if (p < 0 || p >= n) return ku::fail(ctx, "partition " + std::to_string(p) + " is not in [0, " + std::to_string(n) + ")");
        ++sizes[p];
    }
    std::vector<ir::Tensor*> outs;
    for (int64_t k = 0; k < n; ++k) {
        std::vector<int64_t> dims{sizes[k]};
        dims.insert(dims.end(), data.shape().dims.begin() + pr, data.shape().dims.end());
        outs.push_back(&ctx.allocate_output(static_cast<int>(k), data.dtype(), ir::Shape(dims)));
    }
    std::vector<int64_t> filled(static_cast<std::size_t>(n), 0);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const int64_t p = parts[i];
        std::memcpy(outs[p]->raw() + filled[p]++ * inner * w, data.raw() + i * inner * w, inner * w);
    }
    return Ok{};
}

Status stitch(KernelContext& ctx) {
    const int n = ctx.num_inputs() / 2;
    if (n < 1 || ctx.num_inputs() != 2 * n) return ku::fail(ctx, "needs N index tensors and N data tensors");
    int64_t rows = 0;
    for (int m = 0; m < n; ++m)
        for (int64_t i : ku::ints(ctx.input(m))) rows = std::max(rows, i + 1);
    const ir::Tensor& d0 = ctx.input(n);
    const int ir0 = ctx.input(0).shape().rank();
    std::vector<int64_t> dims{rows};
    dims.insert(dims.end(), d0.shape().dims.begin() + ir0, d0.shape().dims.end());
    const std::size_t w = ir::dtype_size(d0.dtype());
    if (!w) return ku::fail(ctx, ku::dtype_error(d0.dtype()));
    ir::Tensor& out = ctx.allocate_output(0, d0.dtype(), ir::Shape(dims));
    std::memset(out.raw(), 0, out.byte_size());
    const int64_t inner = rows ? out.num_elements() / rows : 0;
    for (int m = 0; m < n; ++m) {
        const auto idx = ku::ints(ctx.input(m));
        const ir::Tensor& d = ctx.input(n + m);
        if (d.dtype() != d0.dtype() || d.num_elements() != static_cast<int64_t>(idx.size()) * inner)
            return ku::fail(ctx, "data " + std::to_string(m) + " does not match its indices");
        for (std::size_t i = 0; i < idx.size(); ++i) {
            if (idx[i] < 0) return ku::fail(ctx, "negative index");
            std::memcpy(out.raw() + idx[i] * inner * w, d.raw() + i * inner * w, inner * w);
        }
    }
    return Ok{};
}

}  // namespace

void register_partition_stitch_kernels(KernelRegistry& r) {
    r.add("DynamicPartition", simple_kernel(partition));
    r.add("DynamicStitch", simple_kernel(stitch));
    r.add("ParallelDynamicStitch", simple_kernel(stitch));
}

}  // namespace wb::runtime
