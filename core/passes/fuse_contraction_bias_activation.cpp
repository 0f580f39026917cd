// SPDX-License-Identifier: Apache-2.0
// Grappler's remapper (spec §6.2 step 7): one pass class, instantiated once for Conv2D and
// once for MatMul, so each half keeps its own name and can be switched off on its own.
#include "passes/all_passes.h"
#include "passes/fusion_common.h"

namespace wb::passes {
namespace {

class FuseContractionBiasActivation : public Pass {
public:
    FuseContractionBiasActivation(std::string name, std::string contraction_op, std::string fused_op)
        : name_(std::move(name)), contraction_op_(std::move(contraction_op)), fused_op_(std::move(fused_op)) {}
    std::string name() const override { return name_; }
    std::string description() const override {
        return "Fuses " + contraction_op_ + " + BiasAdd [+ Relu/Relu6/Elu/LeakyRelu/Sigmoid] into " + fused_op_ + ".";
    }

    // act(conv2d(x, w) + b) = _FusedConv2D(x, w, b){fused_ops=[BiasAdd, act], num_args=1}
    // act(matmul(x, w) + b) = _FusedMatMul(x, w, b){fused_ops=[BiasAdd, act], num_args=1}
    // The fused node takes the tail's name so readers and outputs are untouched.
    ChangeLog run(ir::Graph& graph, PassContext& ctx) override {
        ChangeLog log;
        GraphEditor ed(graph, log);
        // Activation tails first, so that a BiasAdd is never fused without its activation.
        for (bool activations : {true, false})
            for (auto& n : graph.nodes()) {
                if (ed.is_removed(n.name) || (n.op == "BiasAdd") == activations) continue;
                BiasChain chain;
                if (match_bias_chain(ed, n, ctx, contraction_op_, false, chain)) fuse_chain(ed, chain, n, fused_op_, {});
            }
        ed.commit();
        return log;
    }

private:
    std::string name_, contraction_op_, fused_op_;
};

}  // namespace

std::unique_ptr<Pass> make_fuse_conv_bias_activation() {
    return std::make_unique<FuseContractionBiasActivation>("fuse_conv_bias_activation", "Conv2D", "_FusedConv2D");
}

std::unique_ptr<Pass> make_fuse_matmul_bias_activation() {
    return std::make_unique<FuseContractionBiasActivation>("fuse_matmul_bias_activation", "MatMul", "_FusedMatMul");
}

}  // namespace wb::passes
