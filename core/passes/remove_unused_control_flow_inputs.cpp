// SPDX-License-Identifier: Apache-2.0
// The converter's _remove_unused_control_flow_inputs (TFSM:351-362, spec §6.2 step 8).
#include "passes/all_passes.h"
#include "passes/graph_editor.h"

namespace wb::passes {
namespace {

class RemoveUnusedControlFlowInputs : public Pass {
public:
    std::string name() const override { return "remove_unused_control_flow_inputs"; }
    std::string description() const override {
        return "Drops the 'unused_control_flow_input' Placeholders that freezing leaves behind.";
    }

    ChangeLog run(ir::Graph& graph, PassContext& ctx) override {
        ChangeLog log;
        GraphEditor ed(graph, log);
        for (const auto& n : graph.nodes()) {
            if (n.op != "Placeholder" || n.name.rfind("unused_control_flow_input", 0) != 0) continue;
            // The converter drops them unconditionally; a data reader would be left dangling,
            // so such a (malformed) one is kept with a warning.
            if (ed.data_use_count(n.name) > 0) {
                ctx.warnings.push_back("remove_unused_control_flow_inputs: '" + n.name + "' is read; kept");
                continue;
            }
            ed.drop(n.name, "unused control-flow input placeholder");
            ctx.protected_nodes.erase(n.name);
        }
        ed.commit();
        return log;
    }
};

}  // namespace

std::unique_ptr<Pass> make_remove_unused_control_flow_inputs() {
    return std::make_unique<RemoveUnusedControlFlowInputs>();
}

}  // namespace wb::passes
