// SPDX-License-Identifier: Apache-2.0
#include "runtime/kernels/conv/conv_onednn.h"

#include <cstdlib>
#include <cstring>

#ifdef WB_HAVE_ONEDNN
#include <oneapi/dnnl/dnnl.hpp>
// Debian's oneDNN uses the OpenMP runtime; its thread count is the OpenMP one.
extern "C" void omp_set_num_threads(int);
#endif

namespace wb::runtime::conv {

bool onednn_enabled() {
#ifdef WB_HAVE_ONEDNN
    const char* force = std::getenv("WB_FORCE_EIGEN");
    return !(force && *force && std::strcmp(force, "0") != 0);
#else
    return false;
#endif
}

#ifdef WB_HAVE_ONEDNN

namespace {

using dnnl::memory;
using Dims = memory::dims;

dnnl::engine& cpu_engine() {
    static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    return engine;
}

// The one OpenMP thread count of the process; set only when it changes.
void set_threads(int threads) {
    static int current = -1;
    if (threads > 0 && threads != current) {
        omp_set_num_threads(threads);
        current = threads;
    }
}

}  // namespace

struct OnednnConv::Impl {
    dnnl::stream stream{cpu_engine()};
    bool built = false;
    Geometry geometry;
    int64_t multiplier = 0;
    bool has_bias = false;
    Activation act = Activation::None;
    dnnl::convolution_forward primitive;
    memory src, weights, user_weights, bias, dst;
    dnnl::reorder pack;
    bool packed = false;

    void build(const Geometry& g, int64_t m, bool with_bias, Activation a, float leaky) {
        const auto f32 = memory::data_type::f32;
        const auto nhwc = memory::format_tag::nhwc;
        const Dims src_dims{g.batch, g.in_channels, g.in[0], g.in[1]};
        const Dims dst_dims{g.batch, g.out_channels, g.out[0], g.out[1]};
        const memory::desc src_md(src_dims, f32, nhwc), dst_md(dst_dims, f32, nhwc);
        memory::desc user_w_md, any_w_md;
        const int64_t KH = g.kernel[0], KW = g.kernel[1], C = g.in_channels, OC = g.out_channels;
        if (m > 0) {  // grouped: G = C, OC/G = m, IC/G = 1; TF layout [KH][KW][C][m]
            const Dims dims{C, m, 1, KH, KW};
            user_w_md = memory::desc(dims, f32, Dims{m, 1, C * m, KW * C * m, C * m});
            any_w_md = memory::desc(dims, f32, memory::format_tag::any);
        } else {      // TF layout [KH][KW][C][OC] = oneDNN hwio
            const Dims dims{OC, C, KH, KW};
            user_w_md = memory::desc(dims, f32, memory::format_tag::hwio);
            any_w_md = memory::desc(dims, f32, memory::format_tag::any);
        }
        const memory::desc bias_md(Dims{OC}, f32, memory::format_tag::a);
        const Dims strides{g.stride[0], g.stride[1]};
        const Dims dilates{g.dilation[0] - 1, g.dilation[1] - 1};
        const Dims pad_l{g.pad_before[0], g.pad_before[1]}, pad_r{g.pad_after[0], g.pad_after[1]};
        const auto kind = dnnl::prop_kind::forward_inference;
        const auto algo = dnnl::algorithm::convolution_direct;
        auto desc = with_bias ? dnnl::convolution_forward::desc(kind, algo, src_md, any_w_md, bias_md, dst_md,
                                                                strides, dilates, pad_l, pad_r)
                              : dnnl::convolution_forward::desc(kind, algo, src_md, any_w_md, dst_md, strides,
                                                                dilates, pad_l, pad_r);
        dnnl::post_ops ops;
        switch (a) {
        case Activation::Relu: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_relu, 0.f, 0.f); break;
        case Activation::Relu6: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_clip, 0.f, 6.f); break;
        case Activation::Elu: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_elu, 1.f, 0.f); break;
        case Activation::LeakyRelu: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_relu, leaky, 0.f); break;
        case Activation::Sigmoid: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_logistic, 0.f, 0.f); break;
        default: break;  // None; PReLU is applied by the caller
        }
        dnnl::primitive_attr attr;
        attr.set_post_ops(ops);
        dnnl::convolution_forward::primitive_desc pd(desc, attr, cpu_engine());
        primitive = dnnl::convolution_forward(pd);
        src = memory(src_md, cpu_engine(), DNNL_MEMORY_NONE);
        dst = memory(dst_md, cpu_engine(), DNNL_MEMORY_NONE);
        bias = memory(bias_md, cpu_engine(), DNNL_MEMORY_NONE);
        user_weights = memory(user_w_md, cpu_engine(), DNNL_MEMORY_NONE);
        weights = memory(pd.weights_desc(), cpu_engine());
        pack = dnnl::reorder(user_weights, weights);
        geometry = g;
        multiplier = m;
        has_bias = with_bias;
        act = a;
        packed = false;
        built = true;
    }
};

OnednnConv::OnednnConv() : impl_(std::make_unique<Impl>()) {}
OnednnConv::~OnednnConv() = default;

Status OnednnConv::run(const Geometry& g, int64_t m, const float* x, const float* filter, bool filter_constant,
                       const float* bias, Activation act, float leaky, float* y, int threads) {
    try {
        Impl& s = *impl_;
        set_threads(threads);
        if (!s.built || !(s.geometry == g) || s.multiplier != m || s.has_bias != (bias != nullptr) || s.act != act)
            s.build(g, m, bias != nullptr, act, leaky);
        if (!s.packed || !filter_constant) {
            s.user_weights.set_data_handle(const_cast<float*>(filter));
            s.pack.execute(s.stream, s.user_weights, s.weights);
            s.packed = true;
        }
        s.src.set_data_handle(const_cast<float*>(x));
        s.dst.set_data_handle(y);
        std::unordered_map<int, memory> args{
            {DNNL_ARG_SRC, s.src}, {DNNL_ARG_WEIGHTS, s.weights}, {DNNL_ARG_DST, s.dst}};
        if (bias) {
            s.bias.set_data_handle(const_cast<float*>(bias));
            args.emplace(DNNL_ARG_BIAS, s.bias);
        }
        s.primitive.execute(s.stream, args);
        s.stream.wait();
        return Ok{};
    } catch (const dnnl::error& e) {
        impl_->built = false;
        return Error{{}, {}, std::string("oneDNN: ") + e.what()};
    }
}

#else  // !WB_HAVE_ONEDNN

struct OnednnConv::Impl {};
OnednnConv::OnednnConv() = default;
OnednnConv::~OnednnConv() = default;
Status OnednnConv::run(const Geometry&, int64_t, const float*, const float*, bool, const float*, Activation, float,
                       float*, int) {
    return Error{{}, {}, "oneDNN is not compiled in"};
}

#endif

}  // namespace wb::runtime::conv
