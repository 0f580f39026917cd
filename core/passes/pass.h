// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "ir/graph.h"
#include "ir/model.h"
#include "passes/change_log.h"
#include "util/progress.h"

namespace wb::passes {

// What every pass may read: the nodes it must keep by name (signature inputs and outputs)
// and a few knobs. Passes add warnings here instead of failing: a pattern they cannot
// rewrite safely is skipped, never half-done.
struct PassContext {
    std::unordered_set<std::string> protected_nodes;  // never removed, renamed or re-typed
    std::vector<std::string> output_nodes;            // roots for pruning
    // Grappler's constant folding cap (kMaxConstantSize): no folded tensor above this size.
    std::size_t max_folded_bytes = 10u << 20;
    std::vector<std::string> warnings;
    const Progress* progress = nullptr;

    bool is_protected(std::string_view name) const {
        return protected_nodes.count(std::string(name)) != 0;
    }
    // Outputs from the model's signature, or the graph's sinks when it has none (frozen
    // GraphDefs); inputs from the signature plus every Placeholder.
    static PassContext for_model(const ir::Model& model);
    static PassContext for_graph(const ir::Graph& graph, std::vector<std::string> outputs = {});
};

// One rewrite of the graph (Grappler's GraphOptimizer). run() edits in place and returns
// what changed; it leaves the graph valid whenever it returns.
class Pass {
public:
    virtual ~Pass() = default;
    virtual std::string name() const = 0;         // verb_object, e.g. "fold_constants"
    virtual std::string description() const = 0;  // one sentence for --help and the GUI
    virtual ChangeLog run(ir::Graph& graph, PassContext& ctx) = 0;
};

}  // namespace wb::passes
