// SPDX-License-Identifier: Apache-2.0
// MaxPoolWithArgmax: the max of each window and where it came from, as TensorFlow flattens it:
// ((b * H + y) * W + x) * C + c with include_batch_in_index, else (y * W + x) * C + c. The first
// maximum in scan order wins ties (TF's CPU kernel compares with a strict '>').
#include <limits>

#include "runtime/kernels/conv/conv_geometry.h"
#include "runtime/kernels/conv/typed_io.h"
#include "runtime/kernels/pool/pool_kernels.h"
#include "runtime/thread_pool.h"

namespace wb::runtime::pool {

namespace {

template <class T, class I>
void argmax_pool(const conv::Geometry& g, bool with_batch, const T* x, T* y, I* idx, ThreadPool& tp) {
    const int64_t C = g.in_channels, H = g.in[0], W = g.in[1];
    tp.parallel_for(g.batch * g.out[0], [&](int64_t l0, int64_t l1) {
        for (int64_t l = l0; l < l1; ++l) {
            const int64_t n = l / g.out[0], oy = l % g.out[0];
            for (int64_t ox = 0; ox < g.out[1]; ++ox) {
                T* o = y + (l * g.out[1] + ox) * C;
                I* oi = idx + (l * g.out[1] + ox) * C;
                for (int64_t c = 0; c < C; ++c) {
                    T best = std::numeric_limits<T>::lowest();
                    int64_t at = -1;
                    for (int64_t ky = 0; ky < g.kernel[0]; ++ky) {
                        const int64_t iy = oy * g.stride[0] - g.pad_before[0] + ky;
                        if (iy < 0 || iy >= H) continue;
                        for (int64_t kx = 0; kx < g.kernel[1]; ++kx) {
                            const int64_t ix = ox * g.stride[1] - g.pad_before[1] + kx;
                            if (ix < 0 || ix >= W) continue;
                            const int64_t flat = ((n * H + iy) * W + ix) * C + c;
                            if (at < 0 || x[flat] > best) {
                                best = x[flat];
                                at = flat;
                            }
                        }
                    }
                    o[c] = best;
                    oi[c] = static_cast<I>(with_batch || at < 0 ? at : at - n * H * W * C);
                }
            }
        }
    });
}

template <class T>
void run_typed(const conv::Geometry& g, bool with_batch, const ir::Tensor& x, ir::Tensor& y, ir::Tensor& idx,
               ThreadPool& tp) {
    if (idx.dtype() == ir::DType::Int32)
        argmax_pool<T, int32_t>(g, with_batch, x.data<T>(), y.data<T>(), idx.data<int32_t>(), tp);
    else
        argmax_pool<T, int64_t>(g, with_batch, x.data<T>(), y.data<T>(), idx.data<int64_t>(), tp);
}

}  // namespace

Status max_pool_with_argmax(KernelContext& ctx) {
    const ir::Node& node = ctx.node();
    if (ctx.num_inputs() != 1) return kernel_error(node, "expects 1 input");
    auto attrs = conv::read_window_attrs(node, 2, true);
    if (!attrs) return attrs.error();
    if (attrs->channels_first) return kernel_error(node, "MaxPoolWithArgmax supports NHWC only");
    const ir::DType index_type = ir::attr_type(node.attrs, "Targmax", ir::DType::Int64);
    if (index_type != ir::DType::Int32 && index_type != ir::DType::Int64)
        return kernel_error(node, "Targmax must be int32 or int64");
    const bool with_batch = ir::attr_bool(node.attrs, "include_batch_in_index", false);
    conv::TypedInputs in = conv::widen_inputs(ctx);
    const ir::DType dt = in.compute();
    const ir::Tensor& x = *in.tensors[0];
    if (x.shape().rank() != 4) return kernel_error(node, "input must have rank 4, got " + x.shape().to_string());
    auto g = conv::make_geometry(node, *attrs, x.shape(), attrs->ksize, x.shape().dims[3]);
    if (!g) return g.error();
    const ir::Shape out_shape{g->batch, g->out[0], g->out[1], g->in_channels};
    // Output 1 first: a context may keep outputs in a vector that grows on allocation.
    ir::Tensor& idx = ctx.allocate_output(1, index_type, out_shape);
    conv::TypedOutputs outs(ctx, in.original);
    ir::Tensor& y = outs.allocate(0, dt, out_shape);
    switch (dt) {
    case ir::DType::Float32: run_typed<float>(*g, with_batch, x, y, idx, ctx.pool()); break;
    case ir::DType::Float64: run_typed<double>(*g, with_batch, x, y, idx, ctx.pool()); break;
    case ir::DType::Int32: run_typed<int32_t>(*g, with_batch, x, y, idx, ctx.pool()); break;
    case ir::DType::Int64: run_typed<int64_t>(*g, with_batch, x, y, idx, ctx.pool()); break;
    default: return kernel_error(node, "unsupported dtype " + std::to_string(static_cast<int>(dt)));
    }
    outs.finish();
    return Ok{};
}

}  // namespace wb::runtime::pool
