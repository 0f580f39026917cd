// SPDX-License-Identifier: Apache-2.0
#include "runtime/kernels/conv/expand_depthwise_bands.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "runtime/thread_pool.h"

#ifdef WB_HAVE_ONEDNN
#include "runtime/kernels/conv/conv_onednn_detail.h"
#endif

namespace wb::runtime::conv {

#ifdef WB_HAVE_ONEDNN

using namespace dnnl_detail;

namespace {

// Expanded rows per band: what fits in about this many bytes (per thread, L2-sized).
int64_t band_bytes() {
    static const int64_t kb = [] {
        const char* v = std::getenv("WB_BAND_KB");
        return v && std::atoi(v) > 0 ? std::atoi(v) : 512;
    }();
    return kb * 1024;
}

// The slice of `g` (one image) that computes output rows [r0, r1): its input rows start at
// `in_row0` and the padding is what those rows actually need. Empty input when the rows lie
// entirely in the padding.
Geometry rows_slice(const Geometry& g, int64_t r0, int64_t r1, int64_t& in_row0) {
    const int64_t eff_k = (g.kernel[0] - 1) * g.dilation[0] + 1;
    const int64_t first = r0 * g.stride[0] - g.pad_before[0];
    const int64_t last = (r1 - 1) * g.stride[0] - g.pad_before[0] + eff_k;  // one past the last row read
    const int64_t b = std::max<int64_t>(0, first), e = std::min(g.in[0], last);
    Geometry s = g;
    s.batch = 1;
    s.in[0] = std::max<int64_t>(0, e - b);
    s.out[0] = r1 - r0;
    s.pad_before[0] = b - first;
    s.pad_after[0] = last - e;
    in_row0 = b;
    return s;
}

// One band: move `keep` expanded rows from scratch row `move_from` to the top, compute `rows`
// more (expanded rows from e_row, reading x from row x_row) behind them, then run the depthwise
// conv for output rows from r0.
struct Band {
    int64_t move_from = 0, keep = 0, e_row = 0, rows = 0, x_row = 0, r0 = 0;
    int expand = -1, depthwise = -1, project = -1;  // primitive indices in the thread's cache
    Geometry expand_g, depthwise_g, project_g;
};

// Bands for depthwise output rows [t0, t1) of geometry g, whose input is the output of ga.
bool walk(const Geometry& g, const Geometry& ga, int64_t project_channels, int64_t t0, int64_t t1,
          std::vector<Band>& out) {
    out.clear();
    const int64_t s = g.stride[0];
    const int64_t max_rows = std::max<int64_t>(3, band_bytes() / (g.in[1] * g.in_channels * 4));
    const int64_t R = std::max<int64_t>(1, (max_rows - 3) / s + 1);
    int64_t c_lo = 0, c_hi = 0;  // expanded rows now in the scratch
    for (int64_t r0 = t0; r0 < t1; r0 += R) {
        const int64_t r1 = std::min(t1, r0 + R);
        Band b;
        b.r0 = r0;
        int64_t lo = 0;
        b.depthwise_g = rows_slice(g, r0, r1, lo);
        const int64_t hi = lo + b.depthwise_g.in[0];
        if (hi <= lo || hi < c_hi) return false;
        if (c_hi > c_lo && lo >= c_lo && lo < c_hi) {
            b.keep = c_hi - lo;
            b.move_from = lo - c_lo;
            b.e_row = c_hi;
        } else {
            b.e_row = lo;
        }
        b.rows = hi - b.e_row;
        if (b.rows > 0) {
            b.expand_g = rows_slice(ga, b.e_row, hi, b.x_row);
            if (b.expand_g.in[0] == 0) return false;
        }
        if (project_channels > 0) {  // 1×1 over the band's output rows
            b.project_g.in = b.project_g.out = {r1 - r0, g.out[1], 1};
            b.project_g.in_channels = g.out_channels;
            b.project_g.out_channels = project_channels;
        }
        out.push_back(b);
        c_lo = lo;
        c_hi = hi;
    }
    return true;
}

struct Prim {
    int kind = 0;  // 0 first conv, 1 depthwise, 2 projection
    Geometry g;
    dnnl::convolution_forward primitive;
    memory src, dst, bias;
    std::unordered_map<int, memory> args;
};

struct Packed {
    memory::desc desc;
    memory mem;
};

}  // namespace

struct BandPipeline::Impl {
    struct ThreadState {
        std::vector<Prim> prims;
        dnnl::stream stream{cpu_engine()};
        std::vector<float> scratch;
        std::vector<float> dw_out;  // the band's depthwise rows when a projection follows
        std::vector<Band> bands;
    };
    std::vector<std::unique_ptr<ThreadState>> threads;
    Geometry geometry, geometry_a;
    int64_t project_channels = 0;
    bool planned = false;
    std::vector<Packed> packed[3];  // first conv, depthwise, projection weights by layout
    const float* packed_from[3] = {nullptr, nullptr, nullptr};

    int prim(ThreadState& t, int kind, const Geometry& g, const float* bias, Activation act, const float* filter) {
        const int64_t m = kind == 1 ? 1 : 0;
        for (std::size_t i = 0; i < t.prims.size(); ++i)
            if (t.prims[i].kind == kind && t.prims[i].g == g) return static_cast<int>(i);
        auto pd = make_pd(g, m, bias != nullptr, act, 0.f, false);
        Prim p;
        p.kind = kind;
        p.g = g;
        p.primitive = dnnl::convolution_forward(pd);
        p.src = memory(pd.src_desc(), cpu_engine(), DNNL_MEMORY_NONE);
        p.dst = memory(pd.dst_desc(), cpu_engine(), DNNL_MEMORY_NONE);
        p.args = {{DNNL_ARG_SRC, p.src}, {DNNL_ARG_DST, p.dst}, {DNNL_ARG_WEIGHTS, weights(kind, pd, g, m, filter)}};
        if (bias) {
            p.bias = memory(pd.bias_desc(), cpu_engine(), DNNL_MEMORY_NONE);
            p.args.emplace(DNNL_ARG_BIAS, p.bias);
        }
        t.prims.push_back(std::move(p));
        return static_cast<int>(t.prims.size()) - 1;
    }

    memory weights(int kind, const dnnl::convolution_forward::primitive_desc& pd, const Geometry& g, int64_t m,
                   const float* filter) {
        for (auto& p : packed[kind])
            if (p.desc == pd.weights_desc()) return p.mem;
        Packed p{pd.weights_desc(), memory(pd.weights_desc(), cpu_engine())};
        memory user(tf_filter_desc(g, m), cpu_engine(), const_cast<float*>(filter));
        dnnl::stream stream(cpu_engine());
        dnnl::reorder(user, p.mem).execute(stream, user, p.mem);
        stream.wait();
        packed[kind].push_back(p);
        packed_from[kind] = filter;
        return p.mem;
    }

    static void execute(ThreadState& t, Prim& p, const float* src, float* dst, const float* bias) {
        p.src.set_data_handle(const_cast<float*>(src));
        p.dst.set_data_handle(dst);
        if (bias) p.bias.set_data_handle(const_cast<float*>(bias));
        p.primitive.execute(t.stream, p.args);
        t.stream.wait();
    }

    // Bands and primitives for every thread, made once per geometry on the calling thread.
    Status plan(const BandJob& job, int n_threads) {
        single_threaded_here();
        if ((packed_from[0] && packed_from[0] != job.wa) || (packed_from[1] && packed_from[1] != job.wb) ||
            (packed_from[2] && packed_from[2] != job.wc)) {
            threads.clear();  // other filters: pack again (constant filters never get here)
            for (auto& p : packed) p.clear();
            for (auto& f : packed_from) f = nullptr;
        }
        if (planned && geometry == job.g && geometry_a == job.ga && project_channels == job.project_channels &&
            static_cast<int>(threads.size()) == n_threads)
            return Ok{};
        threads.clear();
        const Geometry& g = job.g;
        for (int t = 0; t < n_threads; ++t) {
            auto ts = std::make_unique<ThreadState>();
            if (!walk(g, job.ga, job.project_channels, g.out[0] * t / n_threads, g.out[0] * (t + 1) / n_threads,
                      ts->bands))
                return Error{{}, {}, "a band of rows lies entirely in the padding"};
            int64_t rows = 0, out_rows = 0;
            for (Band& b : ts->bands) {
                if (b.rows > 0) b.expand = prim(*ts, 0, b.expand_g, job.bias_a, job.act_a, job.wa);
                b.depthwise = prim(*ts, 1, b.depthwise_g, job.bias_b, job.act_b, job.wb);
                if (job.project_channels > 0) b.project = prim(*ts, 2, b.project_g, job.bias_c, job.act_c, job.wc);
                rows = std::max(rows, b.depthwise_g.in[0]);
                out_rows = std::max(out_rows, b.depthwise_g.out[0]);
            }
            ts->scratch.resize(static_cast<std::size_t>(rows * g.in[1] * g.in_channels));
            if (job.project_channels > 0) ts->dw_out.resize(static_cast<std::size_t>(out_rows * g.out[1] * g.out_channels));
            threads.push_back(std::move(ts));
        }
        geometry = g;
        geometry_a = job.ga;
        project_channels = job.project_channels;
        planned = true;
        return Ok{};
    }

    void run_thread(ThreadState& t, const BandJob& job, int64_t n) {
        single_threaded_here();
        const Geometry& g = job.g;
        const int64_t row = g.in[1] * g.in_channels;  // floats per expanded row
        const int64_t x_stride = job.ga.in[1] * job.ga.in_channels;  // floats per x row
        const float* x = job.x + n * job.ga.in[0] * x_stride;
        const int64_t y_channels = job.project_channels > 0 ? job.project_channels : g.out_channels;
        float* y = job.y + n * g.out[0] * g.out[1] * y_channels;
        float* scratch = t.scratch.data();
        for (const Band& b : t.bands) {
            if (b.keep > 0 && b.move_from > 0)
                std::memmove(scratch, scratch + b.move_from * row, static_cast<std::size_t>(b.keep * row) * sizeof(float));
            if (b.rows > 0)
                execute(t, t.prims[b.expand], x + b.x_row * x_stride, scratch + b.keep * row, job.bias_a);
            float* y_rows = y + b.r0 * g.out[1] * y_channels;
            if (b.project < 0) {
                execute(t, t.prims[b.depthwise], scratch, y_rows, job.bias_b);
            } else {
                execute(t, t.prims[b.depthwise], scratch, t.dw_out.data(), job.bias_b);
                execute(t, t.prims[b.project], t.dw_out.data(), y_rows, job.bias_c);
                if (job.residual) {
                    const int64_t count = b.project_g.out[0] * g.out[1] * y_channels;
                    const float* r = job.residual + (y_rows - job.y);
                    for (int64_t i = 0; i < count; ++i) y_rows[i] += r[i];
                }
            }
        }
    }
};

BandPipeline::BandPipeline() : impl_(std::make_unique<Impl>()) {}
BandPipeline::~BandPipeline() = default;
bool BandPipeline::available() { return true; }

Status BandPipeline::run(const BandJob& job, ThreadPool& pool) {
    Impl& s = *impl_;
    const int n_threads = std::max(1, pool.size());
    try {
        if (auto st = s.plan(job, n_threads); !st) return st;
    } catch (const dnnl::error& e) {
        s.planned = false;
        return Error{{}, {}, std::string("oneDNN: ") + e.what()};
    }
    for (int64_t n = 0; n < job.g.batch; ++n) {
        Status st = parallel_dnnl(pool, n_threads, [&](int64_t t) { s.run_thread(*s.threads[t], job, n); });
        if (!st) {
            s.planned = false;
            return st;
        }
    }
    return Ok{};
}

#else  // !WB_HAVE_ONEDNN

struct BandPipeline::Impl {};
BandPipeline::BandPipeline() = default;
BandPipeline::~BandPipeline() = default;
bool BandPipeline::available() { return false; }
Status BandPipeline::run(const BandJob&, ThreadPool&) { return Error{{}, {}, "oneDNN is not compiled in"}; }

#endif

}  // namespace wb::runtime::conv
