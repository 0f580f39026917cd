// SPDX-License-Identifier: Apache-2.0
// Dilation2D: out[n,y,x,c] = max over (i,j) of in[n, y*s - pad + i*rate, x*s - pad + j*rate, c]
// + filter[i,j,c]; taps that fall into the padding are skipped (TensorFlow's definition).
// Window attrs: strides and rates (not dilations), NHWC only.
#include <limits>

#include "runtime/kernels/conv/conv_backprop_input.h"
#include "runtime/kernels/conv/conv_geometry.h"
#include "runtime/kernels/conv/typed_io.h"
#include "runtime/thread_pool.h"

namespace wb::runtime::conv {

namespace {

template <class T>
void dilate(const Geometry& g, const T* x, const T* f, T* y, ThreadPool& pool) {
    const int64_t C = g.in_channels;
    pool.parallel_for(g.batch * g.out[0], [&](int64_t l0, int64_t l1) {
        for (int64_t l = l0; l < l1; ++l) {
            const int64_t n = l / g.out[0], oy = l % g.out[0];
            for (int64_t ox = 0; ox < g.out[1]; ++ox) {
                T* o = y + (l * g.out[1] + ox) * C;
                std::fill(o, o + C, std::numeric_limits<T>::lowest());
                for (int64_t i = 0; i < g.kernel[0]; ++i) {
                    const int64_t iy = oy * g.stride[0] - g.pad_before[0] + i * g.dilation[0];
                    if (iy < 0 || iy >= g.in[0]) continue;
                    for (int64_t j = 0; j < g.kernel[1]; ++j) {
                        const int64_t ix = ox * g.stride[1] - g.pad_before[1] + j * g.dilation[1];
                        if (ix < 0 || ix >= g.in[1]) continue;
                        const T* xi = x + ((n * g.in[0] + iy) * g.in[1] + ix) * C;
                        const T* fi = f + (i * g.kernel[1] + j) * C;
                        for (int64_t c = 0; c < C; ++c) o[c] = std::max(o[c], xi[c] + fi[c]);
                    }
                }
            }
        }
    });
}

}  // namespace

Status dilation2d(KernelContext& ctx) {
    const ir::Node& node = ctx.node();
    if (ctx.num_inputs() != 2) return kernel_error(node, "expects 2 inputs (input, filter)");
    // Read `rates` as the dilations of the shared window attrs.
    ir::Node as_conv = node;
    if (auto it = node.attrs.find("rates"); it != node.attrs.end()) as_conv.attrs["dilations"] = it->second;
    auto attrs = read_window_attrs(as_conv, 2, false);
    if (!attrs) return attrs.error();
    if (attrs->padding == "EXPLICIT") return kernel_error(node, "padding must be SAME or VALID");
    TypedInputs in = widen_inputs(ctx);
    const ir::DType dt = in.compute();
    if (dt != ir::DType::Float32 && dt != ir::DType::Float64)
        return kernel_error(node, "unsupported dtype " + std::to_string(static_cast<int>(dt)));
    const ir::Tensor& x = *in.tensors[0];
    const ir::Tensor& f = *in.tensors[1];
    if (x.shape().rank() != 4 || f.shape().rank() != 3 || f.shape().dims[2] != x.shape().dims[3] || f.dtype() != dt)
        return kernel_error(node, "needs input [N,H,W,C] and filter [KH,KW,C] of one dtype, got " +
                                      x.shape().to_string() + " and " + f.shape().to_string());
    auto g = make_geometry(node, *attrs, x.shape(), {f.shape().dims[0], f.shape().dims[1], 1}, x.shape().dims[3]);
    if (!g) return g.error();
    TypedOutputs outs(ctx, in.original);
    ir::Tensor& y = outs.allocate(0, dt, ir::Shape{g->batch, g->out[0], g->out[1], g->in_channels});
    if (dt == ir::DType::Float32)
        dilate<float>(*g, x.data<float>(), f.data<float>(), y.data<float>(), ctx.pool());
    else
        dilate<double>(*g, x.data<double>(), f.data<double>(), y.data<double>(), ctx.pool());
    outs.finish();
    return Ok{};
}

}  // namespace wb::runtime::conv
