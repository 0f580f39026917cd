// SPDX-License-Identifier: Apache-2.0
// Prelu is the custom op the tfjs converter makes from Keras' PReLU pattern (spec 6.2 step 9).
#include "runtime/kernels/conv/conv_backprop_input.h"
#include "runtime/kernels/conv/fused_epilogue.h"
#include "runtime/kernels/conv/typed_io.h"
#include "runtime/thread_pool.h"

namespace wb::runtime::conv {

namespace {

template <class T>
void apply(const ir::Tensor& x, const std::vector<double>& alpha, int64_t channels, ir::Tensor& out,
           ThreadPool& pool) {
    const std::vector<T> a(alpha.begin(), alpha.end());
    const int64_t period = static_cast<int64_t>(a.size());
    const int64_t rows = channels ? x.num_elements() / channels : 0;
    const T* src = x.data<T>();
    T* dst = out.data<T>();
    pool.parallel_for(rows, [&](int64_t r0, int64_t r1) {
        for (int64_t r = r0; r < r1; ++r) {
            const T* ar = a.data() + (r * channels) % period;
            for (int64_t c = 0; c < channels; ++c) {
                const T v = src[r * channels + c];
                dst[r * channels + c] = v < T(0) ? v * ar[c] : v;
            }
        }
    }, 256);
}

}  // namespace

Status prelu(KernelContext& ctx) {
    const ir::Node& node = ctx.node();
    if (ctx.num_inputs() != 2) return kernel_error(node, "expects 2 inputs (x, alpha)");
    TypedInputs in = widen_inputs(ctx);
    const ir::DType dt = in.compute();
    if (dt != ir::DType::Float32 && dt != ir::DType::Float64)
        return kernel_error(node, "unsupported dtype " + std::to_string(static_cast<int>(dt)));
    const ir::Tensor& x = *in.tensors[0];
    std::vector<int64_t> dims = x.shape().dims;
    if (dims.empty()) dims.push_back(1);
    int64_t period_rows = 1;
    auto alpha = expand_alpha(*in.tensors[1], dims, period_rows);
    if (!alpha) return kernel_error(node, alpha.error().message);
    TypedOutputs outs(ctx, in.original);
    ir::Tensor& out = outs.allocate(0, dt, x.shape());
    if (dt == ir::DType::Float32)
        apply<float>(x, *alpha, dims.back(), out, ctx.pool());
    else
        apply<double>(x, *alpha, dims.back(), out, ctx.pool());
    outs.finish();
    return Ok{};
}

}  // namespace wb::runtime::conv
