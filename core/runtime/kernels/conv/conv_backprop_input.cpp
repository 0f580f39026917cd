// SPDX-License-Identifier: Apache-2.0
// Conv2DBackpropInput / Conv3DBackpropInputV2 (the transposed convolutions Keras' ConvNDTranspose
// lowers to): inputs input_sizes [rank] (int32, in data_format order), filter [K..., C, OC],
// out_backprop [N, O..., OC]; output the input-shaped gradient.
#include "runtime/kernels/conv/conv_backprop_input.h"

#include <array>

#include "runtime/kernels/conv/channel_layout.h"
#include "runtime/kernels/conv/conv_eigen.h"
#include "runtime/kernels/conv/conv_geometry.h"
#include "runtime/kernels/conv/typed_io.h"
#include "runtime/thread_pool.h"

namespace wb::runtime::conv {

namespace {

template <class T>
void run_typed(const Geometry& g, bool channels_first, const ir::Tensor& dy_in, const ir::Tensor& filter,
               ir::Tensor& out, ThreadPool& pool) {
    const T* dy = dy_in.data<T>();
    T* dx = out.data<T>();
    ir::Tensor dy_last, dx_last;
    if (channels_first) {
        dy_last = ir::Tensor(dy_in.dtype(), ir::Shape{dy_in.num_elements()});
        channels_first_to_last(dy, dy_last.data<T>(), g.batch, g.out_channels, g.out_pixels());
        dx_last = ir::Tensor(out.dtype(), ir::Shape{out.num_elements()});
        dy = dy_last.data<T>();
        dx = dx_last.data<T>();
    }
    conv_backprop_input_eigen<T>(g, dy, filter.data<T>(), dx, pool);
    if (channels_first) channels_last_to_first(dx, out.data<T>(), g.batch, g.in_channels, g.in_pixels());
}

}  // namespace

Status conv_backprop_input(KernelContext& ctx, int spatial) {
    const ir::Node& node = ctx.node();
    if (ctx.num_inputs() != 3) return kernel_error(node, "expects 3 inputs (input_sizes, filter, out_backprop)");
    auto attrs = read_window_attrs(node, spatial, false);
    if (!attrs) return attrs.error();
    TypedInputs in = widen_inputs(ctx, 2);
    const ir::DType dt = in.compute();
    if (dt != ir::DType::Float32 && dt != ir::DType::Float64)
        return kernel_error(node, "unsupported dtype " + std::to_string(static_cast<int>(dt)));
    const ir::Tensor& sizes = *in.tensors[0];
    const ir::Tensor& filter = *in.tensors[1];
    const ir::Tensor& dy = *in.tensors[2];
    const int rank = spatial + 2;
    if (sizes.num_elements() != rank)
        return kernel_error(node, "input_sizes must have " + std::to_string(rank) + " values");
    if (filter.dtype() != dt) return kernel_error(node, "filter and out_backprop must share one dtype");
    std::vector<int64_t> sz(rank);
    for (int i = 0; i < rank; ++i) sz[i] = static_cast<int64_t>(sizes.value_as_double(i));
    const ir::Shape x_shape = to_channels_last(ir::Shape(sz), attrs->channels_first);
    const ir::Shape dy_shape = to_channels_last(dy.shape(), attrs->channels_first);
    const ir::Shape& w = filter.shape();
    if (w.rank() != rank)
        return kernel_error(node, "filter must have rank " + std::to_string(rank) + ", got " + w.to_string());
    if (x_shape.rank() != rank) return kernel_error(node, "bad input_sizes " + x_shape.to_string());
    if (w.dims[spatial] != x_shape.dims[rank - 1])
        return kernel_error(node, "filter input channels " + std::to_string(w.dims[2]) +
                                      " differ from input_sizes " + x_shape.to_string());
    std::array<int64_t, 3> kernel{1, 1, 1};
    for (int d = 0; d < spatial; ++d) kernel[d] = w.dims[d];
    auto g = make_geometry(node, *attrs, x_shape, kernel, w.dims[spatial + 1]);
    if (!g) return g.error();
    bool matches = dy_shape.rank() == rank && dy_shape.dims[0] == g->batch && dy_shape.dims[rank - 1] == g->out_channels;
    for (int d = 0; matches && d < spatial; ++d) matches = dy_shape.dims[1 + d] == g->out[d];
    if (!matches)
        return kernel_error(node, "out_backprop " + dy.shape().to_string() + " does not match the forward geometry");
    TypedOutputs outs(ctx, in.original);
    ir::Tensor& out = outs.allocate(0, dt, ir::Shape(sz));
    if (dt == ir::DType::Float32)
        run_typed<float>(*g, attrs->channels_first, dy, filter, out, ctx.pool());
    else
        run_typed<double>(*g, attrs->channels_first, dy, filter, out, ctx.pool());
    outs.finish();
    return Ok{};
}

}  // namespace wb::runtime::conv
