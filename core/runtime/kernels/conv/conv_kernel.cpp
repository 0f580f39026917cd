// SPDX-License-Identifier: Apache-2.0
#include "runtime/kernels/conv/conv_kernel.h"

#include <type_traits>

#include "runtime/kernels/conv/channel_layout.h"
#include "runtime/kernels/conv/conv_eigen.h"
#include "runtime/kernels/conv/typed_io.h"
#include "runtime/thread_pool.h"

namespace wb::runtime::conv {

namespace {
// y += r elementwise: the folded residual Add.
template <class T>
void add_into(T* y, const T* r, int64_t n, ThreadPool& pool) {
    pool.parallel_for(n, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i) y[i] += r[i];
    }, 16384);
}
}  // namespace

ConvKernel::ConvKernel(const ir::Node& node, Kind kind, int spatial)
    : node_(node), kind_(kind), spatial_(spatial) {}

Status ConvKernel::init() {
    if (initialized_) return init_status_;
    initialized_ = true;
    auto a = read_window_attrs(node_, spatial_, false);
    if (!a) return init_status_ = a.error();
    attrs_ = *a;
    auto f = read_fused_ops(node_, 2);
    if (!f) return init_status_ = f.error();
    fused_ = *f;
    use_onednn_ = spatial_ == 2 && onednn_enabled();
    if (use_onednn_) onednn_ = std::make_unique<OnednnConv>();
    return init_status_ = Ok{};
}

Status ConvKernel::prepare(PrepareContext& ctx) {
    filter_constant_ = ctx.num_inputs() > 1 && ctx.constant_input(1) != nullptr;
    return init();
}

Status ConvKernel::compute(KernelContext& ctx) {
    if (auto s = init(); !s) return s;
    const int want = 2 + (fused_.bias ? 1 : 0) + (fused_.act == Activation::Prelu ? 1 : 0);
    if (ctx.num_inputs() < want)
        return kernel_error(node_, "expects " + std::to_string(want) + " inputs, has " +
                                       std::to_string(ctx.num_inputs()));
    TypedInputs in = widen_inputs(ctx);
    const ir::DType dt = in.compute();
    if (dt != ir::DType::Float32 && dt != ir::DType::Float64)
        return kernel_error(node_, "unsupported dtype " + std::to_string(static_cast<int>(dt)));
    for (int i = 1; i < want; ++i)
        if (in.tensors[i]->dtype() != dt) return kernel_error(node_, "inputs must share one dtype");

    const ir::Shape x_shape = to_channels_last(in.tensors[0]->shape(), attrs_.channels_first);
    const ir::Shape& w = in.tensors[1]->shape();
    if (w.rank() != spatial_ + 2)
        return kernel_error(node_, "filter must have rank " + std::to_string(spatial_ + 2) + ", got " + w.to_string());
    std::array<int64_t, 3> kernel{1, 1, 1};
    for (int d = 0; d < spatial_; ++d) kernel[d] = w.dims[d];
    const int64_t filter_in = w.dims[spatial_];
    const int64_t out_channels = kind_ == Kind::Depthwise ? filter_in * w.dims[spatial_ + 1] : w.dims[spatial_ + 1];
    if (x_shape.rank() == spatial_ + 2 && x_shape.dims.back() != filter_in)
        return kernel_error(node_, "input has " + std::to_string(x_shape.dims.back()) +
                                       " channels but the filter expects " + std::to_string(filter_in));
    auto g = make_geometry(node_, attrs_, x_shape, kernel, out_channels);
    if (!g) return g.error();

    std::vector<int64_t> out_dims{g->batch};
    for (int d = 0; d < spatial_; ++d) out_dims.push_back(g->out[d]);
    out_dims.push_back(out_channels);
    ir::Shape out_shape = to_channels_first(ir::Shape(out_dims), attrs_.channels_first);
    // A folded residual Add (KernelContext::residual): with oneDNN and no activation the
    // output is the residual's own buffer, accumulated into by a sum post-op; otherwise the
    // residual is added after the epilogue, as TF's Add would.
    const ir::Tensor* res = ctx.residual();
    const bool fold = res && in.original == dt && res->dtype() == dt && res->shape() == out_shape &&
                      fused_.act != Activation::Prelu;
    if (fold && ctx.residual_in_place() && dt == ir::DType::Float32 && use_onednn_ && !attrs_.channels_first &&
        fused_.act == Activation::None) {
        ir::Tensor out = *res;
        ctx.set_output(0, out);
        if (auto s = run<float>(ctx, in.tensors, out, *g, true); !s) return s;
        ctx.residual_added();
        return Ok{};
    }
    TypedOutputs outs(ctx, in.original);
    ir::Tensor& out = outs.allocate(0, dt, std::move(out_shape));
    Status s = dt == ir::DType::Float32 ? run<float>(ctx, in.tensors, out, *g, false)
                                        : run<double>(ctx, in.tensors, out, *g, false);
    if (!s) return s;
    outs.finish();
    if (fold) {
        if (dt == ir::DType::Float32) add_into(out.data<float>(), res->data<float>(), out.num_elements(), ctx.pool());
        else add_into(out.data<double>(), res->data<double>(), out.num_elements(), ctx.pool());
        ctx.residual_added();
    }
    return Ok{};
}

template <class T>
Status ConvKernel::run(KernelContext& ctx, const std::vector<const ir::Tensor*>& in, ir::Tensor& out,
                       const Geometry& g, bool accumulate) {
    // NCHW: compute channels-last in scratch tensors, then transpose back.
    const T* x = in[0]->data<T>();
    T* y = out.data<T>();
    ir::Tensor x_last, y_last;
    if (attrs_.channels_first) {
        x_last = ir::Tensor(in[0]->dtype(), ir::Shape{in[0]->num_elements()});
        channels_first_to_last(x, x_last.data<T>(), g.batch, g.in_channels, g.in_pixels());
        y_last = ir::Tensor(out.dtype(), ir::Shape{out.num_elements()});
        x = x_last.data<T>();
        y = y_last.data<T>();
    }
    std::vector<int64_t> out_dims{g.batch, g.out[0], g.out[1], g.out[2], g.out_channels};
    Epilogue<T> e;
    if (auto s = make_epilogue<T>(node_, fused_, in, out_dims, e); !s) return s;
    const T* filter = in[1]->data<T>();
    const int64_t multiplier = kind_ == Kind::Depthwise ? in[1]->shape().dims[3] : 0;

    bool done = false;
    if constexpr (std::is_same_v<T, float>) {
        if (use_onednn_ && g.batch * g.out_pixels() > 0) {
            const Activation act = e.act == Activation::Prelu ? Activation::None : e.act;
            auto s = onednn_->run(g, multiplier, x, filter, filter_constant_, e.bias, act, e.leaky_alpha, y,
                                  ctx.pool(), accumulate);
            if (s) {
                done = true;
                if (e.act == Activation::Prelu) {
                    Epilogue<T> prelu_only = e;
                    prelu_only.bias = nullptr;
                    prelu_only.apply(y, 0, g.batch * g.out_pixels(), g.out_channels);
                }
            } else {
                use_onednn_ = false;  // e.g. a geometry oneDNN rejects: Eigen from now on
            }
        }
    }
    if (!done) {
        // Accumulating (y holds the residual): compute aside, then add.
        ir::Tensor scratch = accumulate ? ir::Tensor(out.dtype(), out.shape()) : ir::Tensor();
        T* dst = accumulate ? scratch.data<T>() : y;
        if (kind_ == Kind::Depthwise)
            depthwise_forward_eigen<T>(g, multiplier, x, filter, dst, e, ctx.pool());
        else
            conv_forward_eigen<T>(g, x, filter, dst, e, ctx.pool());
        if (accumulate) add_into(y, dst, out.num_elements(), ctx.pool());
    }
    if (attrs_.channels_first)
        channels_last_to_first(y, out.data<T>(), g.batch, g.out_channels, g.out_pixels());
    return Ok{};
}

}  // namespace wb::runtime::conv
