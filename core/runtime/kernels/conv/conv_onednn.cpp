// SPDX-License-Identifier: Apache-2.0
#include "runtime/kernels/conv/conv_onednn.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

#include "runtime/thread_pool.h"

#ifdef WB_HAVE_ONEDNN
#include "runtime/kernels/conv/conv_onednn_detail.h"
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

namespace dnnl_detail {

dnnl::engine& cpu_engine() {
    static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    return engine;
}

// oneDNN must run single-threaded inside our pool threads (and plan for one thread when its
// primitives are created): OpenMP's thread count is per thread, so each sets it once.
void single_threaded_here() {
    thread_local bool done = false;
    if (!done) {
        omp_set_num_threads(1);
        done = true;
    }
}

Status parallel_dnnl(ThreadPool& pool, int64_t n, const std::function<void(int64_t)>& fn) {
    // Execution errors cannot be thrown across the pool: record them and report after.
    std::atomic<bool> failed{false};
    std::string message;
    std::mutex message_mutex;
    pool.parallel_for(n, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i) {
            try {
                fn(i);
            } catch (const dnnl::error& err) {
                std::lock_guard lock(message_mutex);
                failed = true;
                message = err.what();
            }
        }
    });
    if (failed) return Error{{}, {}, "oneDNN: " + message};
    return Ok{};
}

}  // namespace dnnl_detail

using namespace dnnl_detail;

namespace {

struct SliceSpec {
    Geometry g;
    int64_t src_offset = 0, dst_offset = 0;  // in floats
};

// Static split into `parts` slices: whole images when there are enough, else bands of output
// rows of one image, each band reading its input rows with the padding it actually needs.
std::vector<SliceSpec> split(const Geometry& g, int parts) {
    if (parts <= 1 || (g.batch == 1 && g.out[0] < 2)) return {SliceSpec{g, 0, 0}};
    std::vector<SliceSpec> out;
    if (g.batch > 1) {
        parts = static_cast<int>(std::min<int64_t>(parts, g.batch));
        for (int i = 0; i < parts; ++i) {
            const int64_t n0 = g.batch * i / parts, n1 = g.batch * (i + 1) / parts;
            SliceSpec s{g, n0 * g.in_pixels() * g.in_channels, n0 * g.out_pixels() * g.out_channels};
            s.g.batch = n1 - n0;
            out.push_back(s);
        }
        return out;
    }
    if (g.is_pointwise() && g.out[0] % parts != 0 && g.out[1] > 1) {
        // A 1x1 conv over 7x7 would split 4 rows against 3: as a 49x1 image the pixels split
        // evenly (oneDNN's 1x1 kernels walk the pixels as one dimension anyway).
        Geometry flat = g;
        flat.in[0] = flat.out[0] = g.out[0] * g.out[1];
        flat.in[1] = flat.out[1] = 1;
        return split(flat, parts);
    }
    parts = static_cast<int>(std::min<int64_t>(parts, g.out[0]));
    const int64_t eff_k = (g.kernel[0] - 1) * g.dilation[0] + 1;
    for (int i = 0; i < parts; ++i) {
        const int64_t r0 = g.out[0] * i / parts, r1 = g.out[0] * (i + 1) / parts;
        const int64_t first = r0 * g.stride[0] - g.pad_before[0];        // first input row read
        const int64_t last = (r1 - 1) * g.stride[0] - g.pad_before[0] + eff_k;  // one past the last
        const int64_t b = std::max<int64_t>(0, first), e = std::min(g.in[0], last);
        if (e <= b) return {SliceSpec{g, 0, 0}};  // a band entirely in padding: do not split
        SliceSpec s{g, b * g.in[1] * g.in_channels, r0 * g.out[1] * g.out_channels};
        s.g.in[0] = e - b;
        s.g.out[0] = r1 - r0;
        s.g.pad_before[0] = b - first;
        s.g.pad_after[0] = last - e;
        out.push_back(s);
    }
    return out;
}

}  // namespace

namespace dnnl_detail {

dnnl::convolution_forward::primitive_desc make_pd(const Geometry& g, int64_t m, bool with_bias, Activation a,
                                                  float leaky, bool accumulate) {
    const auto f32 = memory::data_type::f32;
    const auto nhwc = memory::format_tag::nhwc;
    const memory::desc src_md(Dims{g.batch, g.in_channels, g.in[0], g.in[1]}, f32, nhwc);
    const memory::desc dst_md(Dims{g.batch, g.out_channels, g.out[0], g.out[1]}, f32, nhwc);
    const Dims w_dims = m > 0 ? Dims{g.in_channels, m, 1, g.kernel[0], g.kernel[1]}
                              : Dims{g.out_channels, g.in_channels, g.kernel[0], g.kernel[1]};
    const memory::desc any_w_md(w_dims, f32, memory::format_tag::any);
    const memory::desc bias_md(Dims{g.out_channels}, f32, memory::format_tag::a);
    const Dims strides{g.stride[0], g.stride[1]};
    const Dims dilates{g.dilation[0] - 1, g.dilation[1] - 1};
    const Dims pad_l{g.pad_before[0], g.pad_before[1]}, pad_r{g.pad_after[0], g.pad_after[1]};
    const auto kind = dnnl::prop_kind::forward_inference;
    const auto algo = dnnl::algorithm::convolution_direct;
    auto desc = with_bias ? dnnl::convolution_forward::desc(kind, algo, src_md, any_w_md, bias_md, dst_md, strides,
                                                            dilates, pad_l, pad_r)
                          : dnnl::convolution_forward::desc(kind, algo, src_md, any_w_md, dst_md, strides, dilates,
                                                            pad_l, pad_r);
    dnnl::post_ops ops;
    if (accumulate) ops.append_sum(1.f);  // dst = conv + bias + dst (the folded residual Add)
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
    return dnnl::convolution_forward::primitive_desc(desc, attr, cpu_engine());
}

// The TF filter as oneDNN sees it: [KH][KW][C][OC] = hwio; depthwise [KH][KW][C][m] as
// grouped (G = C, OC/G = m, IC/G = 1) with explicit strides.
memory::desc tf_filter_desc(const Geometry& g, int64_t m) {
    const auto f32 = memory::data_type::f32;
    const int64_t KH = g.kernel[0], KW = g.kernel[1], C = g.in_channels;
    if (m > 0) return memory::desc(Dims{C, m, 1, KH, KW}, f32, Dims{m, 1, C * m, KW * C * m, C * m});
    return memory::desc(Dims{g.out_channels, C, KH, KW}, f32, memory::format_tag::hwio);
}

}  // namespace dnnl_detail

struct OnednnConv::Impl {
    struct Slice {
        dnnl::convolution_forward primitive;
        dnnl::stream stream{cpu_engine()};
        memory src, dst, bias;
        std::unordered_map<int, memory> args;  // built once: handles re-pointed per run
        int weights = 0;  // index into packed
        int64_t src_offset = 0, dst_offset = 0;
    };
    bool built = false;
    Geometry geometry;
    int64_t multiplier = 0;
    bool has_bias = false;
    Activation act = Activation::None;
    bool accumulate = false;
    int parts = 0;
    std::vector<Slice> slices;
    std::vector<memory> packed;  // one per distinct weights layout among the slices
    memory user_weights;
    bool weights_ready = false;

    void build(const Geometry& g, int64_t m, bool with_bias, Activation a, float leaky, bool acc, int n_parts) {
        single_threaded_here();
        slices.clear();
        packed.clear();
        for (const SliceSpec& spec : split(g, n_parts)) {
            auto pd = make_pd(spec.g, m, with_bias, a, leaky, acc);
            Slice s;
            s.primitive = dnnl::convolution_forward(pd);
            s.src = memory(pd.src_desc(), cpu_engine(), DNNL_MEMORY_NONE);
            s.dst = memory(pd.dst_desc(), cpu_engine(), DNNL_MEMORY_NONE);
            if (with_bias) s.bias = memory(pd.bias_desc(), cpu_engine(), DNNL_MEMORY_NONE);
            s.src_offset = spec.src_offset;
            s.dst_offset = spec.dst_offset;
            s.weights = -1;
            for (size_t k = 0; k < packed.size(); ++k)
                if (packed[k].get_desc() == pd.weights_desc()) s.weights = static_cast<int>(k);
            if (s.weights < 0) {
                packed.emplace_back(pd.weights_desc(), cpu_engine());
                s.weights = static_cast<int>(packed.size()) - 1;
            }
            s.args = {{DNNL_ARG_SRC, s.src}, {DNNL_ARG_WEIGHTS, packed[s.weights]}, {DNNL_ARG_DST, s.dst}};
            if (with_bias) s.args.emplace(DNNL_ARG_BIAS, s.bias);
            slices.push_back(std::move(s));
        }
        user_weights = memory(tf_filter_desc(g, m), cpu_engine(), DNNL_MEMORY_NONE);
        geometry = g;
        multiplier = m;
        has_bias = with_bias;
        act = a;
        accumulate = acc;
        parts = n_parts;
        weights_ready = false;
        built = true;
    }

    void pack(const float* filter) {
        user_weights.set_data_handle(const_cast<float*>(filter));
        dnnl::stream stream(cpu_engine());
        for (memory& dst : packed) dnnl::reorder(user_weights, dst).execute(stream, user_weights, dst);
        stream.wait();
        weights_ready = true;
    }

    void execute(Slice& s, const float* x, const float* bias, float* y) {
        single_threaded_here();
        s.src.set_data_handle(const_cast<float*>(x + s.src_offset));
        s.dst.set_data_handle(y + s.dst_offset);
        if (bias) s.bias.set_data_handle(const_cast<float*>(bias));
        s.primitive.execute(s.stream, s.args);
        s.stream.wait();
    }
};

OnednnConv::OnednnConv() : impl_(std::make_unique<Impl>()) {}
OnednnConv::~OnednnConv() = default;

Status OnednnConv::run(const Geometry& g, int64_t m, const float* x, const float* filter, bool filter_constant,
                       const float* bias, Activation act, float leaky, float* y, ThreadPool& pool,
                       bool accumulate) {
    Impl& s = *impl_;
    try {
        if (!s.built || !(s.geometry == g) || s.multiplier != m || s.has_bias != (bias != nullptr) || s.act != act ||
            s.accumulate != accumulate || s.parts != pool.size())
            s.build(g, m, bias != nullptr, act, leaky, accumulate, pool.size());
        if (!s.weights_ready || !filter_constant) s.pack(filter);
    } catch (const dnnl::error& e) {
        s.built = false;
        return Error{{}, {}, std::string("oneDNN: ") + e.what()};
    }
    Status st = parallel_dnnl(pool, static_cast<int64_t>(s.slices.size()),
                              [&](int64_t i) { s.execute(s.slices[i], x, bias, y); });
    if (!st) {
        s.built = false;
        return st;
    }
    return Ok{};
}

#else  // !WB_HAVE_ONEDNN

struct OnednnConv::Impl {};
OnednnConv::OnednnConv() = default;
OnednnConv::~OnednnConv() = default;
Status OnednnConv::run(const Geometry&, int64_t, const float*, const float*, bool, const float*, Activation, float,
                       float*, ThreadPool&, bool) {
    return Error{{}, {}, "oneDNN is not compiled in"};
}

#endif

}  // namespace wb::runtime::conv
