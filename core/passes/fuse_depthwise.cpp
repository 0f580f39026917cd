// SPDX-License-Identifier: Apache-2.0
// The converter's fuse_depthwise_conv2d.py (spec §6.2 step 10).
#include "passes/all_passes.h"
#include "passes/fusion_common.h"

namespace wb::passes {
namespace {

class FuseDepthwise : public Pass {
public:
    std::string name() const override { return "fuse_depthwise"; }
    std::string description() const override {
        return "Fuses DepthwiseConv2dNative + BiasAdd and/or Relu/Relu6/Elu into FusedDepthwiseConv2dNative.";
    }

    // act(depthwise(x, w) + b) = FusedDepthwiseConv2dNative(x, w, b){[BiasAdd, act], num_args 1}
    // depthwise(x, w) + b      = FusedDepthwiseConv2dNative(x, w, b){[BiasAdd], num_args 1}
    // act(depthwise(x, w))     = FusedDepthwiseConv2dNative(x, w){[NoOp, act], num_args 0}
    // The converter keeps the depthwise node's name and points readers of the removed tail at
    // it; when the tail is a model output we keep the tail's name instead.
    ChangeLog run(ir::Graph& graph, PassContext& ctx) override {
        ChangeLog log;
        GraphEditor ed(graph, log);
        // The converter's three sweeps, longest pattern first.
        for (int sweep = 0; sweep < 3; ++sweep)
            for (auto& n : graph.nodes()) {
                if (ed.is_removed(n.name)) continue;
                bool is_bias = n.op == "BiasAdd";
                if ((sweep == 1) != is_bias) continue;
                BiasChain chain;
                if (!match_bias_chain(ed, n, ctx, "DepthwiseConv2dNative", sweep == 2, chain)) continue;
                if ((sweep == 0) != (chain.bias_add && chain.activation)) continue;
                ir::Node& target = ctx.is_protected(n.name) ? n : *chain.contraction;
                fuse_chain(ed, chain, target, "FusedDepthwiseConv2dNative", "NoOp");
            }
        ed.commit();
        return log;
    }
};

}  // namespace

std::unique_ptr<Pass> make_fuse_depthwise() { return std::make_unique<FuseDepthwise>(); }

}  // namespace wb::passes
