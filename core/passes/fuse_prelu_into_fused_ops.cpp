// SPDX-License-Identifier: Apache-2.0
// The converter's fuse_prelu_with_fused_conv2d_or_matmul (spec §6.2 step 11).
#include "passes/all_passes.h"
#include "passes/graph_editor.h"

namespace wb::passes {
namespace {

class FusePreluIntoFusedOps : public Pass {
public:
    std::string name() const override { return "fuse_prelu_into_fused_ops"; }
    std::string description() const override {
        return "Appends a Prelu to the fused_ops of the _FusedConv2D, _FusedMatMul or "
               "FusedDepthwiseConv2dNative that feeds it.";
    }

    // prelu(fused(x, w[, b]), a) = fused(x, w[, b], a){fused_ops += [Prelu], num_args += 1}
    // allowed when the fused op has at most one fused op so far ([BiasAdd] or nothing).
    ChangeLog run(ir::Graph& graph, PassContext& ctx) override {
        ChangeLog log;
        GraphEditor ed(graph, log);
        for (auto& prelu : graph.nodes()) {
            if (prelu.op != "Prelu" || prelu.data_inputs().size() != 2) continue;
            ir::Node* fused = ed.input_node(prelu, 0);
            if (!fused || prelu.data_inputs()[0].index != 0) continue;
            if (fused->op != "_FusedConv2D" && fused->op != "_FusedMatMul" && fused->op != "FusedDepthwiseConv2dNative")
                continue;
            auto ops = ir::attr_strings(fused->attrs, "fused_ops");
            if (ops.size() > 1 || !ed.has_single_use(fused->name) || ctx.is_protected(fused->name)) continue;
            // Only a bias may precede alpha in the args (tfjs reads args[0] as bias, args[1] as alpha).
            if (ops.size() == 1 && ops[0] != "BiasAdd") continue;
            // Keep the name the model's readers use: the fused node's, or the Prelu's when that
            // is an output.
            bool keep_prelu_name = ctx.is_protected(prelu.name);
            ir::Node& target = keep_prelu_name ? prelu : *fused;
            ir::Node& other = keep_prelu_name ? *fused : prelu;
            std::vector<std::string> data, controls;
            for (const auto& in : fused->inputs) (in.front() == '^' ? controls : data).push_back(in);
            for (const auto& ctl : prelu.control_inputs()) controls.push_back("^" + ctl);
            data.push_back(ir::format_input(prelu.data_inputs()[1]));
            ir::AttrMap attrs = fused->attrs;
            ir::AttrList list;
            list.s = ops;
            list.s.push_back("Prelu");
            attrs["fused_ops"] = list;
            attrs["num_args"] = ir::attr_int(fused->attrs, "num_args", 0) + 1;
            if (auto it = attrs.find("TArgs"); it != attrs.end())
                if (auto* targs = it->second.get_if<ir::AttrList>()) targs->type.push_back(ir::DType::Float32);
            std::string op = fused->op, device = fused->device;
            std::vector<std::string> from = {fused->name, prelu.name};
            ed.forward(other.name, target.name, "Prelu fused into " + target.name);
            target.op = op;
            target.device = device;
            target.inputs = data;
            target.inputs.insert(target.inputs.end(), controls.begin(), controls.end());
            target.attrs = std::move(attrs);
            ed.rewritten(target, from, "Prelu appended to fused_ops");
        }
        ed.commit();
        return log;
    }
};

}  // namespace

std::unique_ptr<Pass> make_fuse_prelu_into_fused_ops() { return std::make_unique<FusePreluIntoFusedOps>(); }

}  // namespace wb::passes
