// SPDX-License-Identifier: Apache-2.0
// Grappler's "pruning": keep only what the outputs depend on.
#include <unordered_set>

#include "passes/all_passes.h"
#include "passes/graph_editor.h"

namespace wb::passes {
namespace {

class PruneToOutputs : public Pass {
public:
    std::string name() const override { return "prune_to_outputs"; }
    std::string description() const override {
        return "Removes nodes that no output depends on, through data or control edges.";
    }

    // keep = ancestors*(outputs ∪ protected); every other node is dead code.
    ChangeLog run(ir::Graph& graph, PassContext& ctx) override {
        ChangeLog log;
        if (ctx.output_nodes.empty()) return log;  // no outputs known: nothing is provably dead
        std::unordered_set<std::string> keep;
        std::vector<const ir::Node*> stack;
        auto visit = [&](const std::string& name) {
            if (keep.count(name)) return;
            if (const ir::Node* n = graph.find(name)) {
                keep.insert(name);
                stack.push_back(n);
            }
        };
        for (const auto& o : ctx.output_nodes) visit(o);
        for (const auto& p : ctx.protected_nodes) visit(p);
        while (!stack.empty()) {
            const ir::Node* n = stack.back();
            stack.pop_back();
            for (const auto& in : n->inputs) visit(ir::parse_input(in).node);
        }
        if (keep.size() == graph.size()) return log;
        GraphEditor editor(graph, log);
        std::vector<std::string> dead;
        for (const auto& n : graph.nodes())
            if (!keep.count(n.name)) dead.push_back(n.name);
        for (const auto& name : dead) editor.remove(name, "no output depends on it");
        editor.commit();
        return log;
    }
};

}  // namespace

std::unique_ptr<Pass> make_prune_to_outputs() { return std::make_unique<PruneToOutputs>(); }

}  // namespace wb::passes
