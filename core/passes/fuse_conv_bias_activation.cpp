// SPDX-License-Identifier: Apache-2.0
// Grappler's remapper, Conv2D half (spec §6.2 step 7).
#include "passes/all_passes.h"
#include "passes/fusion_common.h"

namespace wb::passes {
namespace {

class FuseConvBiasActivation : public Pass {
public:
    std::string name() const override { return "fuse_conv_bias_activation"; }
    std::string description() const override {
        return "Fuses Conv2D + BiasAdd [+ Relu/Relu6/Elu/LeakyRelu/Sigmoid] into _FusedConv2D.";
    }

    // act(conv2d(x, w) + b) = _FusedConv2D(x, w, b){fused_ops=[BiasAdd, act], num_args=1};
    // the fused node takes the tail's name so readers and outputs are untouched.
    ChangeLog run(ir::Graph& graph, PassContext& ctx) override {
        ChangeLog log;
        GraphEditor ed(graph, log);
        // Activation tails first, so that a BiasAdd is never fused without its activation.
        for (bool activations : {true, false})
            for (auto& n : graph.nodes()) {
                if (ed.is_removed(n.name) || (n.op == "BiasAdd") == activations) continue;
                BiasChain chain;
                if (match_bias_chain(ed, n, ctx, "Conv2D", false, chain)) fuse_chain(ed, chain, n, "_FusedConv2D", {});
            }
        ed.commit();
        return log;
    }
};

}  // namespace

std::unique_ptr<Pass> make_fuse_conv_bias_activation() { return std::make_unique<FuseConvBiasActivation>(); }

}  // namespace wb::passes
