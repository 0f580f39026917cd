// SPDX-License-Identifier: Apache-2.0
// Gather/GatherV2 (axis, batch_dims) and GatherNd. Out-of-range indices are errors, as on
// TensorFlow's CPU kernels.
#include <cstring>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

Status gather(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    const auto idx = ku::ints(ctx.input(1));
    const ir::Shape& is = ctx.input(1).shape();
    int64_t axis = ctx.node().op == "GatherV2" ? ku::ints(ctx.input(2)).at(0) : 0;
    const int rank = x.shape().rank();
    if (!ku::norm_axis(axis, rank) || rank == 0) return ku::fail(ctx, "axis out of range");
    int64_t batch = ir::attr_int(ctx.node().attrs, "batch_dims");
    if (batch < 0) batch += is.rank();
    if (batch > axis || batch > is.rank()) return ku::fail(ctx, "batch_dims out of range");
    const auto& d = x.shape().dims;
    int64_t outer = 1, inner = 1, batch_n = 1;
    for (int i = 0; i < batch; ++i) batch_n *= d[i];
    for (int i = static_cast<int>(batch); i < axis; ++i) outer *= d[i];
    for (int i = static_cast<int>(axis) + 1; i < rank; ++i) inner *= d[i];
    const int64_t n = d[axis];
    const int64_t per_batch = batch_n ? static_cast<int64_t>(idx.size()) / batch_n : 0;
    std::vector<int64_t> out_dims(d.begin(), d.begin() + axis);
    for (int i = static_cast<int>(batch); i < is.rank(); ++i) out_dims.push_back(is.dims[i]);
    for (int i = static_cast<int>(axis) + 1; i < rank; ++i) out_dims.push_back(d[i]);
    for (int64_t v : idx)
        if (v < 0 || v >= n) return ku::fail(ctx, "index " + std::to_string(v) + " out of range [0, " + std::to_string(n) + ")");
    const bool strings = x.dtype() == ir::DType::String;
    std::vector<std::string> sv;
    ir::Tensor* out = strings ? nullptr : &ctx.allocate_output(0, x.dtype(), ir::Shape(out_dims));
    const std::size_t w = strings ? 0 : ir::dtype_size(x.dtype());
    std::byte* dst = out ? out->raw() : nullptr;
    for (int64_t b = 0; b < batch_n; ++b)
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t j = 0; j < per_batch; ++j) {
                const int64_t src = ((b * outer + o) * n + idx[b * per_batch + j]) * inner;
                if (strings) {
                    for (int64_t i = 0; i < inner; ++i) sv.push_back(x.strings()[src + i]);
                } else {
                    std::memcpy(dst, x.raw() + src * w, inner * w);
                    dst += inner * w;
                }
            }
    if (strings) ctx.set_output(0, ir::Tensor::from_strings(ir::Shape(out_dims), std::move(sv)));
    return Ok{};
}

Status gather_nd(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    const auto idx = ku::ints(ctx.input(1));
    const ir::Shape& is = ctx.input(1).shape();
    if (is.rank() < 1) return ku::fail(ctx, "indices must have rank >= 1");
    const int64_t depth = is.dims.back();
    if (depth > x.shape().rank()) return ku::fail(ctx, "index depth exceeds input rank");
    const auto st = ku::strides_of(x.shape());
    int64_t inner = 1;
    for (int i = static_cast<int>(depth); i < x.shape().rank(); ++i) inner *= x.shape().dims[i];
    std::vector<int64_t> out_dims(is.dims.begin(), is.dims.end() - 1);
    for (int i = static_cast<int>(depth); i < x.shape().rank(); ++i) out_dims.push_back(x.shape().dims[i]);
    const int64_t count = depth ? static_cast<int64_t>(idx.size()) / depth : is.num_elements().value_or(0);
    if (x.dtype() == ir::DType::String) return ku::fail(ctx, ku::dtype_error(x.dtype()));
    ir::Tensor& out = ctx.allocate_output(0, x.dtype(), ir::Shape(out_dims));
    const std::size_t w = ir::dtype_size(x.dtype());
    for (int64_t k = 0; k < count; ++k) {
        int64_t src = 0;
        for (int64_t j = 0; j < depth; ++j) {
            const int64_t v = idx[k * depth + j];
            if (v < 0 || v >= x.shape().dims[j]) return ku::fail(ctx, "index out of range");
            src += v * st[j];
        }
        std::memcpy(out.raw() + k * inner * w, x.raw() + src * w, inner * w);
    }
    return Ok{};
}

}  // namespace

void register_gather_kernels(KernelRegistry& r) {
    r.add("Gather", simple_kernel(gather));
    r.add("GatherV2", simple_kernel(gather));
    r.add("GatherNd", simple_kernel(gather_nd));
}

}  // namespace wb::runtime
