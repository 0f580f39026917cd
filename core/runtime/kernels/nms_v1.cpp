// SPDX-License-Identifier: Apache-2.0
// NonMaxSuppression (v1): NonMaxSuppressionV2 with the IoU threshold in an attribute
// (iou_threshold, default 0.5) instead of an input; it runs the registered V2 kernel through
// a context that supplies the threshold as input 3.
#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

class WithThreshold final : public KernelContext {
public:
    WithThreshold(KernelContext& inner, const ir::Node& node, const ir::Tensor& threshold)
        : inner_(inner), node_(node), threshold_(threshold) {}
    const ir::Node& node() const override { return node_; }
    int num_inputs() const override { return 4; }
    const ir::Tensor& input(int i) const override { return i == 3 ? threshold_ : inner_.input(i); }
    ir::Tensor& allocate_output(int i, ir::DType t, ir::Shape s) override { return inner_.allocate_output(i, t, std::move(s)); }
    void set_output(int i, ir::Tensor t) override { inner_.set_output(i, std::move(t)); }
    ThreadPool& pool() override { return inner_.pool(); }

private:
    KernelContext& inner_;
    const ir::Node& node_;
    const ir::Tensor& threshold_;
};

class NmsV1 final : public Kernel {
public:
    explicit NmsV1(const ir::Node& node) : v2_node_(node) {
        v2_node_.op = "NonMaxSuppressionV2";
        threshold_ = ir::Tensor::scalar<float>(ir::DType::Float32, ir::attr_float(node.attrs, "iou_threshold", 0.5f));
    }
    Status compute(KernelContext& ctx) override {
        if (ctx.num_inputs() != 3) return ku::fail(ctx, "expects boxes, scores and max_output_size");
        if (!v2_) {
            const KernelFactory* f = KernelRegistry::instance().find("NonMaxSuppressionV2");
            if (!f) return ku::fail(ctx, "no NonMaxSuppressionV2 kernel to run");
            v2_ = (*f)(v2_node_);
        }
        WithThreshold forward(ctx, v2_node_, threshold_);
        return v2_->compute(forward);
    }

private:
    ir::Node v2_node_;
    ir::Tensor threshold_;
    std::unique_ptr<Kernel> v2_;
};

}  // namespace

void register_nms_v1_kernels(KernelRegistry& r) {
    r.add("NonMaxSuppression", [](const ir::Node& node) { return std::make_unique<NmsV1>(node); });
}

}  // namespace wb::runtime
