// SPDX-License-Identifier: Apache-2.0
// Grappler's dependency optimizer: pass-through nodes and redundant control edges.
#include <unordered_set>

#include "passes/all_passes.h"
#include "passes/graph_editor.h"
#include "passes/op_traits.h"

namespace wb::passes {
namespace {

bool is_pass_through(const std::string& op) {
    return op == "Identity" || op == "StopGradient" || op == "Snapshot" || op == "PreventGradient";
}

class RemoveIdentities : public Pass {
public:
    std::string name() const override { return "remove_identities"; }
    std::string description() const override {
        return "Removes Identity, IdentityN, NoOp, StopGradient and Snapshot nodes (except those "
               "feeding outputs) and redundant control edges.";
    }

    ChangeLog run(ir::Graph& graph, PassContext& ctx) override {
        ChangeLog log;
        GraphEditor editor(graph, log);
        for (const auto& n : graph.nodes()) {
            if (ctx.is_protected(n.name)) continue;  // output-feeding Identity keeps its name
            if (is_pass_through(n.op) || n.op == "IdentityN") {
                auto data = n.data_inputs();
                if (data.empty() || feeds_from_control_flow(editor, n)) continue;
                // Identity(x) = x: readers of n:k read input k instead.
                std::vector<std::string> replacements;
                for (const auto& in : data) replacements.push_back(ir::format_input(in));
                editor.forward_outputs(n.name, replacements, n.op + "(x) -> x");
            } else if (n.op == "NoOp" && n.data_inputs().empty()) {
                // ^NoOp waits for NoOp's control inputs: wait for them directly.
                editor.remove(n.name, "NoOp: waiters wait on its control inputs");
            }
        }
        editor.commit();
        drop_redundant_controls(graph, log);
        return log;
    }

private:
    // An Identity after Switch is the anchor of a cond branch: control edges on it mean
    // "this branch is taken", which its input cannot express. Grappler keeps these too.
    static bool feeds_from_control_flow(GraphEditor& editor, const ir::Node& n) {
        for (const auto& in : n.inputs) {
            const ir::Node* p = editor.node(ir::parse_input(in).node);
            if (p && is_control_flow(p->op)) return true;
        }
        return false;
    }

    // ^a is redundant when a is also a data input or when it repeats.
    static void drop_redundant_controls(ir::Graph& graph, ChangeLog& log) {
        for (auto& n : graph.nodes()) {
            if (n.control_inputs().empty()) continue;
            std::unordered_set<std::string> seen;
            std::vector<std::string> kept;
            for (const auto& in : n.inputs)
                if (in.empty() || in.front() != '^') seen.insert(ir::parse_input(in).node);
            std::size_t before = n.inputs.size();
            for (const auto& in : n.inputs) {
                if (!in.empty() && in.front() == '^') {
                    if (!seen.insert(in.substr(1)).second) continue;
                }
                kept.push_back(in);
            }
            if (kept.size() != before) {
                n.inputs = std::move(kept);
                log.rewritten.push_back({n.name, n.op, {n.name}, "redundant control edges removed"});
            }
        }
    }
};

}  // namespace

std::unique_ptr<Pass> make_remove_identities() { return std::make_unique<RemoveIdentities>(); }

}  // namespace wb::passes
