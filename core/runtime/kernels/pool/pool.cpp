// SPDX-License-Identifier: Apache-2.0
// Max and average pooling over 2 or 3 spatial dims, channels-last, vectorised over channels.
// Average pooling divides by the number of unpadded values in the window (TensorFlow's rule).
#include <algorithm>
#include <limits>

#include "runtime/kernels/conv/channel_layout.h"
#include "runtime/kernels/conv/conv_geometry.h"
#include "runtime/kernels/conv/typed_io.h"
#include "runtime/kernels/pool/pool_kernels.h"
#include "runtime/thread_pool.h"

namespace wb::runtime::pool {

namespace {

using conv::Geometry;

// Padding never wins a max: start below every value (-inf for floats).
template <class T>
T lowest_value() {
    if constexpr (std::numeric_limits<T>::has_infinity) return -std::numeric_limits<T>::infinity();
    return std::numeric_limits<T>::lowest();
}

template <class T, bool Max>
void pool_forward(const Geometry& g, const T* x, T* y, ThreadPool& tp) {
    const int64_t C = g.in_channels;
    const int64_t lines = g.batch * g.out[0] * g.out[1];  // one task item = one row of out[2]
    tp.parallel_for(lines, [&](int64_t l0, int64_t l1) {
        for (int64_t l = l0; l < l1; ++l) {
            const int64_t o1 = l % g.out[1], o0 = (l / g.out[1]) % g.out[0], n = l / (g.out[1] * g.out[0]);
            const T* xn = x + n * g.in_pixels() * C;
            // Window bounds clipped to the input: padding never contributes.
            const int64_t b0 = std::max<int64_t>(0, o0 * g.stride[0] - g.pad_before[0]);
            const int64_t e0 = std::min(g.in[0], o0 * g.stride[0] - g.pad_before[0] + g.kernel[0]);
            const int64_t b1 = std::max<int64_t>(0, o1 * g.stride[1] - g.pad_before[1]);
            const int64_t e1 = std::min(g.in[1], o1 * g.stride[1] - g.pad_before[1] + g.kernel[1]);
            for (int64_t o2 = 0; o2 < g.out[2]; ++o2) {
                const int64_t b2 = std::max<int64_t>(0, o2 * g.stride[2] - g.pad_before[2]);
                const int64_t e2 = std::min(g.in[2], o2 * g.stride[2] - g.pad_before[2] + g.kernel[2]);
                T* o = y + (l * g.out[2] + o2) * C;
                std::fill(o, o + C, Max ? lowest_value<T>() : T(0));
                for (int64_t i0 = b0; i0 < e0; ++i0)
                    for (int64_t i1 = b1; i1 < e1; ++i1)
                        for (int64_t i2 = b2; i2 < e2; ++i2) {
                            const T* xi = xn + ((i0 * g.in[1] + i1) * g.in[2] + i2) * C;
                            if constexpr (Max)
                                for (int64_t c = 0; c < C; ++c) o[c] = std::max(o[c], xi[c]);
                            else
                                for (int64_t c = 0; c < C; ++c) o[c] += xi[c];
                        }
                if constexpr (!Max) {
                    const int64_t count = (e0 - b0) * (e1 - b1) * (e2 - b2);
                    const T inv = count > 0 ? T(1) / static_cast<T>(count) : T(0);
                    for (int64_t c = 0; c < C; ++c) o[c] *= inv;
                }
            }
        }
    }, 4);
}

template <class T>
void run_typed(const Geometry& g, bool max, bool channels_first, const ir::Tensor& in, ir::Tensor& out,
               ThreadPool& tp) {
    const T* x = in.data<T>();
    T* y = out.data<T>();
    ir::Tensor x_last, y_last;
    if (channels_first) {
        x_last = ir::Tensor(in.dtype(), ir::Shape{in.num_elements()});
        conv::channels_first_to_last(x, x_last.data<T>(), g.batch, g.in_channels, g.in_pixels());
        y_last = ir::Tensor(out.dtype(), ir::Shape{out.num_elements()});
        x = x_last.data<T>();
        y = y_last.data<T>();
    }
    if (max)
        pool_forward<T, true>(g, x, y, tp);
    else
        pool_forward<T, false>(g, x, y, tp);
    if (channels_first) conv::channels_last_to_first(y, out.data<T>(), g.batch, g.in_channels, g.out_pixels());
}

Status run_pool(KernelContext& ctx, int spatial, bool max, bool sizes_as_inputs) {
    const ir::Node& node = ctx.node();
    auto attrs = conv::read_window_attrs(node, spatial, true);
    if (!attrs) return attrs.error();
    if (sizes_as_inputs) {  // MaxPoolV2: ksize and strides are inputs 1 and 2, rank-length
        if (ctx.num_inputs() != 3) return kernel_error(node, "expects 3 inputs (input, ksize, strides)");
        const size_t first = attrs->channels_first ? 2 : 1;
        for (int which = 1; which <= 2; ++which) {
            const ir::Tensor& t = ctx.input(which);
            if (t.num_elements() != spatial + 2) return kernel_error(node, "ksize and strides need 4 values");
            auto& dst = which == 1 ? attrs->ksize : attrs->strides;
            for (int d = 0; d < spatial; ++d) dst[d] = static_cast<int64_t>(t.value_as_double(first + d));
        }
    } else if (ctx.num_inputs() != 1) {
        return kernel_error(node, "expects 1 input");
    }
    for (int d = 0; d < spatial; ++d)
        if (attrs->ksize[d] < 1 || attrs->strides[d] < 1) return kernel_error(node, "ksize and strides must be positive");
    attrs->dilations = {1, 1, 1};
    conv::TypedInputs in = conv::widen_inputs(ctx);
    const ir::DType dt = in.compute();
    const bool integer = dt == ir::DType::Int32 || dt == ir::DType::Int64;
    if (dt != ir::DType::Float32 && dt != ir::DType::Float64 && !(max && integer))
        return kernel_error(node, "unsupported dtype " + std::to_string(static_cast<int>(dt)));
    const ir::Tensor& x = *in.tensors[0];
    const ir::Shape x_shape = conv::to_channels_last(x.shape(), attrs->channels_first);
    if (x_shape.rank() != spatial + 2)
        return kernel_error(node, "input must have rank " + std::to_string(spatial + 2) + ", got " + x.shape().to_string());
    auto g = conv::make_geometry(node, *attrs, x_shape, attrs->ksize, x_shape.dims.back());
    if (!g) return g.error();
    std::vector<int64_t> out_dims{g->batch};
    for (int d = 0; d < spatial; ++d) out_dims.push_back(g->out[d]);
    out_dims.push_back(g->in_channels);
    conv::TypedOutputs outs(ctx, in.original);
    ir::Tensor& out = outs.allocate(0, dt, conv::to_channels_first(ir::Shape(out_dims), attrs->channels_first));
    if (dt == ir::DType::Float32)
        run_typed<float>(*g, max, attrs->channels_first, x, out, ctx.pool());
    else if (dt == ir::DType::Float64)
        run_typed<double>(*g, max, attrs->channels_first, x, out, ctx.pool());
    else if (dt == ir::DType::Int32)
        run_typed<int32_t>(*g, max, attrs->channels_first, x, out, ctx.pool());
    else
        run_typed<int64_t>(*g, max, attrs->channels_first, x, out, ctx.pool());
    outs.finish();
    return Ok{};
}

}  // namespace
}  // namespace wb::runtime::pool

namespace wb::runtime {

void register_pool_kernels(KernelRegistry& registry) {
    registry.add("MaxPool", simple_kernel([](KernelContext& c) { return pool::run_pool(c, 2, true, false); }));
    registry.add("MaxPoolV2", simple_kernel([](KernelContext& c) { return pool::run_pool(c, 2, true, true); }));
    registry.add("AvgPool", simple_kernel([](KernelContext& c) { return pool::run_pool(c, 2, false, false); }));
    registry.add("MaxPool3D", simple_kernel([](KernelContext& c) { return pool::run_pool(c, 3, true, false); }));
    registry.add("AvgPool3D", simple_kernel([](KernelContext& c) { return pool::run_pool(c, 3, false, false); }));
    registry.add("MaxPoolWithArgmax", simple_kernel(pool::max_pool_with_argmax));
}

}  // namespace wb::runtime
