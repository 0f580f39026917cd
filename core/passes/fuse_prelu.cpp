// SPDX-License-Identifier: Apache-2.0
// The converter's fuse_prelu.fuse_ops_for_prelu (spec §6.2 step 9).
#include <unordered_map>

#include "passes/all_passes.h"
#include "passes/graph_editor.h"
#include "passes/op_traits.h"

namespace wb::passes {
namespace {

class FusePrelu : public Pass {
public:
    std::string name() const override { return "fuse_prelu"; }
    std::string description() const override {
        return "Replaces Keras' PReLU pattern relu(x) + (-alpha) * relu(-x) with one Prelu(x, alpha) node.";
    }

    // relu(x) + (-a) * relu(-x) = max(x, 0) + a * min(x, 0) = prelu(x, a).
    // Keras stores -a in the Const; the Prelu node gets a, negated back.
    ChangeLog run(ir::Graph& graph, PassContext& ctx) override {
        ChangeLog log;
        GraphEditor ed(graph, log);
        std::unordered_map<std::string, std::string> alpha_of;  // -a Const -> a Const
        for (auto& add : graph.nodes()) {
            if ((add.op != "Add" && add.op != "AddV2") || add.data_inputs().size() != 2) continue;
            ir::Node* relu = ed.input_node(add, 0);
            ir::Node* mul = ed.input_node(add, 1);
            if (!relu || relu->op != "Relu" || !mul || mul->op != "Mul" || mul->data_inputs().size() != 2) continue;
            int c = -1;
            for (int k = 0; k < 2 && c < 0; ++k)
                if (ir::Node* in = ed.input_node(*mul, k); in && const_value(*in)) c = k;
            if (c < 0) continue;
            ir::Node* neg_alpha = ed.input_node(*mul, c);
            ir::Node* relu_neg = ed.input_node(*mul, 1 - c);
            if (!relu_neg || relu_neg->op != "Relu" || relu_neg->data_inputs().size() != 1) continue;
            ir::Node* neg = ed.input_node(*relu_neg, 0);
            if (!neg || neg->op != "Neg" || neg->data_inputs().size() != 1) continue;
            if (relu->data_inputs().size() != 1 || relu->inputs[0] != neg->inputs[0]) continue;
            for (const ir::Node* inner : {relu, mul, relu_neg, neg})
                if (!ed.has_single_use(inner->name) || ctx.is_protected(inner->name)) goto next;
            {
                const ir::Tensor* t = const_value(*neg_alpha);
                if (t->dtype() != ir::DType::Float32) continue;
                std::string alpha = alpha_const(ed, *neg_alpha, alpha_of);
                // The Prelu takes the first Relu's name (the converter's choice) unless the
                // Add is a model output, whose name must survive.
                ir::Node& target = ctx.is_protected(add.name) ? add : *relu;
                std::string x = relu->inputs[0];
                for (ir::Node* n : {&add, relu, mul, relu_neg, neg})
                    if (n != &target) ed.forward(n->name, target.name, "fused into Prelu " + target.name);
                std::vector<std::string> controls;
                for (ir::Node* n : {&add, relu, mul, relu_neg, neg})
                    for (const auto& ctl : n->control_inputs()) controls.push_back("^" + ctl);
                target.op = "Prelu";
                target.inputs = {x, alpha};
                target.inputs.insert(target.inputs.end(), controls.begin(), controls.end());
                target.attrs.erase("T");  // tfjs' custom Prelu op has no T
                ed.rewritten(target, {add.name, relu->name, mul->name, relu_neg->name, neg->name, neg_alpha->name},
                             "relu(x) + (-a)*relu(-x) -> Prelu(x, a)");
            }
        next:;
        }
        ed.commit();
        return log;
    }

private:
    static std::string alpha_const(GraphEditor& ed, ir::Node& neg_alpha, std::unordered_map<std::string, std::string>& memo) {
        auto it = memo.find(neg_alpha.name);
        if (it != memo.end()) return it->second;
        ir::Tensor a = const_value(neg_alpha)->clone();
        for (int64_t i = 0; i < a.num_elements(); ++i) a.data<float>()[i] = -a.data<float>()[i];
        std::string name;
        if (ed.data_use_count(neg_alpha.name) == 1) {  // only this Mul reads it: negate in place
            neg_alpha.attrs["value"] = a;
            name = neg_alpha.name;
            ed.rewritten(neg_alpha, {neg_alpha.name}, "-alpha -> alpha");
        } else {
            name = ed.unique_name(neg_alpha.name + "_alpha");
            ed.add(make_const(name, a, neg_alpha.device), {neg_alpha.name}, "-alpha -> alpha");
        }
        memo[neg_alpha.name] = name;
        return name;
    }
};

}  // namespace

std::unique_ptr<Pass> make_fuse_prelu() { return std::make_unique<FusePrelu>(); }

}  // namespace wb::passes
