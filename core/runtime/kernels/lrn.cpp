// SPDX-License-Identifier: Apache-2.0
// LRN (local response normalisation over the last dimension): out = x / (bias + alpha ·
// Σ x² over channels d-r..d+r)^beta, computed in float64 per element, stored as the input type.
#include <cmath>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

Status lrn(KernelContext& ctx) {
    ir::Tensor x = ctx.input(0);
    const ir::DType dtype = x.dtype();
    if (ku::is_half(dtype)) x = ku::to_float32(x);
    if (x.dtype() != ir::DType::Float32) return ku::fail(ctx, "input must be float32 (or half)");
    if (x.shape().rank() != 4) return ku::fail(ctx, "input must be 4-D");
    const auto& a = ctx.node().attrs;
    const int64_t r = ir::attr_int(a, "depth_radius", 5);
    const double bias = ir::attr_float(a, "bias", 1.f), alpha = ir::attr_float(a, "alpha", 1.f), beta = ir::attr_float(a, "beta", 0.5f);
    const int64_t depth = x.shape().dims[3], rows = depth ? x.num_elements() / depth : 0;
    ir::Tensor out(ir::DType::Float32, x.shape());
    const float* in = x.data<float>();
    for (int64_t row = 0; row < rows; ++row)
        for (int64_t d = 0; d < depth; ++d) {
            double sum = 0;
            for (int64_t k = std::max<int64_t>(0, d - r); k <= std::min(depth - 1, d + r); ++k) sum += double(in[row * depth + k]) * in[row * depth + k];
            out.data<float>()[row * depth + d] = static_cast<float>(in[row * depth + d] / std::pow(bias + alpha * sum, beta));
        }
    ctx.set_output(0, ku::is_half(dtype) ? ku::from_float32(out, dtype) : out);
    return Ok{};
}

}  // namespace

void register_lrn_kernels(KernelRegistry& r) { r.add("LRN", simple_kernel(lrn)); }

}  // namespace wb::runtime
