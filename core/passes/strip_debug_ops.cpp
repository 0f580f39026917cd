// SPDX-License-Identifier: Apache-2.0
// Grappler's debug_stripper, inserted first by the converter's --strip_debug_ops (default on).
#include "passes/all_passes.h"
#include "passes/graph_editor.h"

namespace wb::passes {
namespace {

class StripDebugOps : public Pass {
public:
    std::string name() const override { return "strip_debug_ops"; }
    std::string description() const override {
        return "Removes Assert, CheckNumerics, Print and PrintV2; pass-through ops forward their input.";
    }

    ChangeLog run(ir::Graph& graph, PassContext& ctx) override {
        ChangeLog log;
        GraphEditor editor(graph, log);
        for (const auto& n : graph.nodes()) {
            if (ctx.is_protected(n.name)) continue;
            auto data = n.data_inputs();
            if (n.op == "CheckNumerics" || n.op == "Print") {
                // CheckNumerics(x) = x and Print(x, ...) = x when they do not fire.
                if (!data.empty()) editor.forward(n.name, ir::format_input(data[0]), n.op + "(x) -> x");
            } else if (n.op == "Assert" || n.op == "PrintV2") {
                // No data outputs: readers only wait on them, and waiting on nothing is free.
                // Grappler turns them into NoOps; we drop the edges so the condition
                // subgraph becomes dead and prune_to_outputs removes it.
                if (editor.data_use_count(n.name) == 0) editor.drop(n.name, "debug op");
            }
        }
        editor.commit();
        return log;
    }
};

}  // namespace

std::unique_ptr<Pass> make_strip_debug_ops() { return std::make_unique<StripDebugOps>(); }

}  // namespace wb::passes
