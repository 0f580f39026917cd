// SPDX-License-Identifier: Apache-2.0
#include "runtime/kernels/conv/expand_depthwise.h"

#include <cstdlib>
#include <cstring>

#include "runtime/kernels/conv/conv_onednn.h"
#include "runtime/kernels/conv/expand_depthwise_bands.h"
#include "runtime/thread_pool.h"

namespace wb::runtime::conv {

namespace {

// A KernelContext over chosen inputs, for running a node's own kernel inside the pair. Its
// outputs are the parent's from index `offset` on: b's are the pair's outputs (offset 0), a's
// the intermediate (offset 1, a buffer of the session's memory plan released after the pair).
class SubContext final : public KernelContext {
public:
    SubContext(KernelContext& parent, const ir::Node& node, std::vector<const ir::Tensor*> inputs, int offset)
        : parent_(parent), node_(node), inputs_(std::move(inputs)), offset_(offset) {}
    const ir::Node& node() const override { return node_; }
    int num_inputs() const override { return static_cast<int>(inputs_.size()); }
    const ir::Tensor& input(int i) const override { return *inputs_[i]; }
    ir::Tensor& allocate_output(int i, ir::DType dtype, ir::Shape shape) override {
        ir::Tensor& t = parent_.allocate_output(offset_ + i, dtype, std::move(shape));
        if (i == 0) first_ = t;
        return t;
    }
    void set_output(int i, ir::Tensor t) override {
        if (i == 0) first_ = t;
        parent_.set_output(offset_ + i, std::move(t));
    }
    ThreadPool& pool() override { return parent_.pool(); }
    // The group's last node produces the group's output: the residual Add on offer is its.
    const ir::Tensor* residual() const override { return offset_ == 0 ? parent_.residual() : nullptr; }
    bool residual_in_place() const override { return offset_ == 0 && parent_.residual_in_place(); }
    void residual_added() override {
        if (offset_ == 0) parent_.residual_added();
    }
    const ir::Tensor& output0() const { return first_; }

private:
    KernelContext& parent_;
    const ir::Node& node_;
    std::vector<const ir::Tensor*> inputs_;
    int offset_;
    ir::Tensor first_;  // shares the buffer with the parent's output
};

int64_t min_expanded_bytes() {
    static const int64_t kb = [] {
        const char* v = std::getenv("WB_FUSE_MIN_KB");
        return v ? std::atoi(v) : 1024;
    }();
    return kb * 1024;
}

bool plain_activation(const ir::Node& n) {
    auto f = read_fused_ops(n, 2);
    if (!f) return false;
    return f->act == Activation::None || f->act == Activation::Relu || f->act == Activation::Relu6;
}

bool nhwc_float(const ir::Node& n) {
    const std::string fmt = ir::attr_string(n.attrs, "data_format", "NHWC");
    return fmt == "NHWC" && ir::attr_type(n.attrs, "T", ir::DType::Float32) == ir::DType::Float32;
}

bool all_ones(const std::vector<int64_t>& v) {
    for (int64_t x : v)
        if (x != 1) return false;
    return true;
}

class ExpandDepthwiseKernel final : public Kernel {
public:
    ExpandDepthwiseKernel(const ir::Node& a, const ir::Node& b, const ir::Node* c, Kernel& ka, Kernel& kb, Kernel* kc)
        : a_(a), b_(b), c_(c), ka_(ka), kb_(kb), kc_(kc), a_inputs_(static_cast<int>(a.data_inputs().size())),
          b_inputs_(static_cast<int>(b.data_inputs().size())) {}

    Status compute(KernelContext& ctx) override {
        if (!bands_failed_) {
            auto done = run_bands(ctx);
            if (done && *done) return Ok{};
            if (!done) bands_failed_ = true;  // oneDNN refused: the nodes' kernels from now on
        }
        return run_apart(ctx);
    }

private:
    int b_first() const { return a_inputs_; }                   // b's second input
    int c_first() const { return a_inputs_ + b_inputs_ - 1; }  // c's second input

    // The nodes' own kernels, one after the other.
    Status run_apart(KernelContext& ctx) {
        std::vector<const ir::Tensor*> a_in, b_in, c_in;
        for (int i = 0; i < a_inputs_; ++i) a_in.push_back(&ctx.input(i));
        SubContext a_ctx(ctx, a_, a_in, 1);
        if (auto s = ka_.compute(a_ctx); !s) return s;
        b_in.push_back(&a_ctx.output0());
        for (int i = b_first(); i < (c_ ? c_first() : ctx.num_inputs()); ++i) b_in.push_back(&ctx.input(i));
        SubContext b_ctx(ctx, b_, b_in, c_ ? 2 : 0);
        if (auto s = kb_.compute(b_ctx); !s || !c_) return s;
        c_in.push_back(&b_ctx.output0());
        for (int i = c_first(); i < ctx.num_inputs(); ++i) c_in.push_back(&ctx.input(i));
        SubContext c_ctx(ctx, *c_, c_in, 0);
        return kc_->compute(c_ctx);
    }

    // The float32 bias of `node` (input `index` of the pair's), null when the node has none;
    // false when it is not a float32 vector of `n`.
    static bool bias_of(KernelContext& ctx, const FusedOps& f, int index, int64_t n, const float*& bias) {
        bias = nullptr;
        if (!f.bias) return true;
        const ir::Tensor& t = ctx.input(index);
        if (t.dtype() != ir::DType::Float32 || t.num_elements() != n) return false;
        bias = t.data<float>();
        return true;
    }

    // True when the band pipeline ran; false when this run does not qualify; an error when
    // oneDNN failed.
    Expected<bool> run_bands(KernelContext& ctx) {
        if (!attrs_) {
            auto aa = read_window_attrs(a_, 2, false), ab = read_window_attrs(b_, 2, false);
            auto fa = read_fused_ops(a_, 2), fb = read_fused_ops(b_, 2);
            auto fc = c_ ? read_fused_ops(*c_, 2) : Expected<FusedOps>(FusedOps{});
            if (!aa || !ab || !fa || !fb || !fc) return false;
            attrs_a_ = *aa;
            attrs_ = std::make_unique<WindowAttrs>(*ab);
            fa_ = *fa;
            fb_ = *fb;
            fc_ = *fc;
        }
        const ir::Tensor& x = ctx.input(0);
        const ir::Tensor& wa = ctx.input(1);
        const ir::Tensor& wb = ctx.input(b_first());
        if (x.dtype() != ir::DType::Float32 || x.shape().rank() != 4 || wa.shape().rank() != 4 ||
            wb.shape().rank() != 4 || x.shape().dims[3] != wa.shape().dims[2])
            return false;
        const int64_t E = wa.shape().dims[3];
        if (wb.shape().dims[0] != 3 || wb.shape().dims[1] != 3 || wb.shape().dims[2] != E || wb.shape().dims[3] != 1)
            return false;
        BandJob job;
        int64_t out_channels = E;
        if (c_) {
            const ir::Tensor& wc = ctx.input(c_first());
            if (wc.shape().rank() != 4 || wc.shape().dims[0] != 1 || wc.shape().dims[1] != 1 || wc.shape().dims[2] != E)
                return false;
            out_channels = job.project_channels = wc.shape().dims[3];
            job.wc = wc.data<float>();
            job.act_c = fc_.act;
            if (!bias_of(ctx, fc_, c_first() + fc_.bias_input - 1, out_channels, job.bias_c)) return false;
        }
        if (!bias_of(ctx, fa_, fa_.bias_input, E, job.bias_a) ||
            !bias_of(ctx, fb_, b_first() + fb_.bias_input - 1, E, job.bias_b))
            return false;
        auto ga = make_geometry(a_, attrs_a_, x.shape(), {wa.shape().dims[0], wa.shape().dims[1], 1}, E);
        if (!ga || ga->out_pixels() == 0) return false;
        ir::Shape e_shape{ga->batch, ga->out[0], ga->out[1], E};
        auto g = make_geometry(b_, *attrs_, e_shape, {3, 3, 1}, E);
        if (!g || g->batch * g->out_pixels() == 0) return false;
        // Worth it only when the expanded image would not stay in cache anyway.
        if (g->in_pixels() * E * 4 < min_expanded_bytes()) return false;
        job.ga = *ga;
        job.g = *g;
        job.x = x.data<float>();
        job.wa = wa.data<float>();
        job.act_a = fa_.act;
        job.wb = wb.data<float>();
        job.act_b = fb_.act;
        ir::Shape y_shape{g->batch, g->out[0], g->out[1], out_channels};
        // A folded residual Add (KernelContext::residual) is added to each band's rows after
        // the projection's epilogue, as TF's Add after the conv would.
        const ir::Tensor* res = c_ ? ctx.residual() : nullptr;
        if (res && res->dtype() == ir::DType::Float32 && res->shape() == y_shape) job.residual = res->data<float>();
        ir::Tensor& y = ctx.allocate_output(0, ir::DType::Float32, std::move(y_shape));
        job.y = y.data<float>();
        Status s = pipeline_.run(job, ctx.pool());
        if (!s) return s.error();
        if (job.residual) ctx.residual_added();
        return true;
    }

    const ir::Node& a_;
    const ir::Node& b_;
    const ir::Node* c_;
    Kernel& ka_;
    Kernel& kb_;
    Kernel* kc_;
    int a_inputs_, b_inputs_;
    WindowAttrs attrs_a_;
    std::unique_ptr<WindowAttrs> attrs_;  // b's; null until read
    FusedOps fa_, fb_, fc_;
    bool bands_failed_ = false;
    BandPipeline pipeline_;
};

}  // namespace

bool block_fusion_enabled() {
    static const bool enabled = [] {
        const char* v = std::getenv("WB_FUSE_BLOCKS");
        return !(v && std::strcmp(v, "0") == 0) && BandPipeline::available();
    }();
    return enabled && onednn_enabled();  // read each time: WB_FORCE_EIGEN may change in tests
}

bool expand_depthwise_candidate(const ir::Node& a, const ir::Node& b, const ir::Tensor& wa, const ir::Tensor& wb) {
    if ((a.op != "_FusedConv2D" && a.op != "Conv2D") ||
        (b.op != "FusedDepthwiseConv2dNative" && b.op != "DepthwiseConv2dNative"))
        return false;
    if (!nhwc_float(a) || !nhwc_float(b) || !plain_activation(a) || !plain_activation(b)) return false;
    const std::string pad_a = ir::attr_string(a.attrs, "padding");
    if (!all_ones(ir::attr_ints(a.attrs, "dilations")) || (pad_a != "SAME" && pad_a != "VALID")) return false;
    const auto st = ir::attr_ints(b.attrs, "strides");
    const std::string pad = ir::attr_string(b.attrs, "padding");
    // EXPLICIT: a Keras ZeroPadding2D folded in (passes/fold_pad_into_conv); the bands take any
    // padding the geometry gives.
    if (st.size() != 4 || st[1] != st[2] || (st[1] != 1 && st[1] != 2) || !all_ones(ir::attr_ints(b.attrs, "dilations")) ||
        (pad != "SAME" && pad != "VALID" && pad != "EXPLICIT"))
        return false;
    const auto& da = wa.shape().dims;
    const auto& db = wb.shape().dims;
    return wa.dtype() == ir::DType::Float32 && wb.dtype() == ir::DType::Float32 && da.size() == 4 && db.size() == 4 &&
           db[0] == 3 && db[1] == 3 && db[2] == da[3] && db[3] == 1;
}

bool project_candidate(const ir::Node& c, const ir::Tensor& wc, int64_t channels) {
    if ((c.op != "_FusedConv2D" && c.op != "Conv2D") || !nhwc_float(c) || !plain_activation(c)) return false;
    const std::string pad = ir::attr_string(c.attrs, "padding");
    const auto& d = wc.shape().dims;
    return all_ones(ir::attr_ints(c.attrs, "strides")) && all_ones(ir::attr_ints(c.attrs, "dilations")) &&
           (pad == "SAME" || pad == "VALID") && wc.dtype() == ir::DType::Float32 && d.size() == 4 && d[0] == 1 &&
           d[1] == 1 && d[2] == channels;
}

std::unique_ptr<Kernel> make_expand_depthwise(const ir::Node& a, const ir::Node& b, const ir::Node* c,
                                              Kernel& a_kernel, Kernel& b_kernel, Kernel* c_kernel) {
    return std::make_unique<ExpandDepthwiseKernel>(a, b, c, a_kernel, b_kernel, c_kernel);
}

}  // namespace wb::runtime::conv
