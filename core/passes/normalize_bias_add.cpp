// SPDX-License-Identifier: Apache-2.0
// The converter's normalize_bias_add.py (spec §6.2 step 5).
#include "passes/all_passes.h"
#include "passes/graph_editor.h"
#include "passes/op_traits.h"

namespace wb::passes {
namespace {

class NormalizeBiasAdd : public Pass {
public:
    std::string name() const override { return "normalize_bias_add"; }
    std::string description() const override {
        return "Rewrites Add/AddV2 of a Conv2D, DepthwiseConv2dNative or MatMul and a bias vector as BiasAdd.";
    }

    // conv(x) + b = BiasAdd(conv(x), b) when b is a vector over the last (channel) axis.
    // The converter does not check b's shape; we require a rank-1 Const, because any other
    // operand would change the result (or make BiasAdd fail) — broadcasting differs.
    ChangeLog run(ir::Graph& graph, PassContext&) override {
        ChangeLog log;
        GraphEditor ed(graph, log);
        for (auto& n : graph.nodes()) {
            if ((n.op != "Add" && n.op != "AddV2") || n.data_inputs().size() != 2) continue;
            const ir::Node* first = ed.input_node(n, 0);
            if (!first || n.data_inputs()[0].index != 0) continue;
            if (first->op != "Conv2D" && first->op != "DepthwiseConv2dNative" && first->op != "MatMul") continue;
            if (ed.uses(first->name).size() != 1) continue;
            if (ir::attr_string(first->attrs, "data_format", "NHWC") != "NHWC") continue;
            const ir::Node* bias = ed.input_node(n, 1);
            const ir::Tensor* b = bias ? const_value(*bias) : nullptr;
            if (!b || b->shape().rank() != 1) continue;
            std::string from_op = n.op;
            n.op = "BiasAdd";
            n.attrs["data_format"] = std::string("NHWC");
            ed.rewritten(n, {n.name}, from_op + " -> BiasAdd");
        }
        ed.commit();
        return log;
    }
};

}  // namespace

std::unique_ptr<Pass> make_normalize_bias_add() { return std::make_unique<NormalizeBiasAdd>(); }

}  // namespace wb::passes
