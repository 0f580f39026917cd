// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ir/graph.h"
#include "passes/change_log.h"

namespace wb::passes {

// One use of a node's output by another node.
struct Use {
    std::size_t consumer = 0;  // index into graph.nodes()
    int slot = 0;              // position in the consumer's input list
    int output = 0;            // which output of the producer (-1 for a control edge)
};

// Batches the edits of one pass so that every pass is O(nodes + edges): consumers are
// indexed once, removals and forwards are recorded, and commit() rewires every input in one
// sweep (resolving chains of forwards) and drops removed nodes — graph_rewrite_util's
// cleanup_graph_def, done once. Node references stay valid until commit().
class GraphEditor {
public:
    GraphEditor(ir::Graph& graph, ChangeLog& log);

    ir::Graph& graph() { return graph_; }
    ir::Node* node(std::string_view name) { return graph_.find(name); }
    // The producer of data input `k` of `n`, or nullptr.
    ir::Node* input_node(const ir::Node& n, int k);
    const std::vector<Use>& uses(std::string_view name) const;
    int data_use_count(std::string_view name) const;
    // True when only output 0 is read, by exactly one data edge (and nothing waits on it).
    bool has_single_use(std::string_view name) const;
    bool is_removed(std::string_view name) const { return removed_.count(std::string(name)) != 0; }

    // Reads of `name:output` become reads of `replacement` ("node" or "node:k"); "^name"
    // becomes a control edge on the replacement's node plus name's own control inputs.
    // The node itself is removed.
    void forward(const std::string& name, const std::string& replacement, const std::string& reason);
    // Same for a node with several outputs: replacements[k] stands for name:k.
    void forward_outputs(const std::string& name, const std::vector<std::string>& replacements,
                         const std::string& reason);
    // Deletes a node nobody reads data from; control edges to it move to `control_to`
    // (if given) or to its own control inputs.
    void remove(const std::string& name, const std::string& reason, const std::string& control_to = {});
    // Deletes a node and every control edge on it (nothing needs to wait for it any more).
    void drop(const std::string& name, const std::string& reason);
    // Queues a new node; it is appended at commit().
    void add(ir::Node node, std::vector<std::string> from, const std::string& note);
    void rewritten(const ir::Node& n, std::vector<std::string> from, const std::string& note);
    // A fresh node name based on `base` (never used in the graph nor queued).
    std::string unique_name(const std::string& base);

    // Applies everything; returns false when nothing changed.
    bool commit();

private:
    std::string resolve_data(const std::string& input, std::vector<std::string>& extra_controls);
    void resolve_control(const std::string& node, std::vector<std::string>& out, int depth);

    ir::Graph& graph_;
    ChangeLog& log_;
    std::unordered_map<std::string, std::vector<Use>> uses_;
    std::unordered_set<std::string> removed_;
    std::unordered_map<std::string, std::string> forward_data_;  // "node:k" -> input text
    std::unordered_map<std::string, std::vector<std::string>> forward_control_;  // node -> nodes
    std::unordered_set<std::string> new_names_;
    std::vector<ir::Node> pending_;
    bool changed_ = false;
};

// Removes those of `candidates` that nothing reads any more (data or control) and that are
// not in `keep`; for Consts a fusion or fold left behind. Returns how many went.
std::size_t remove_if_unused(ir::Graph& graph, const std::unordered_set<std::string>& candidates,
                             const std::unordered_set<std::string>& keep, ChangeLog& log,
                             const std::string& reason);

// Node indices in dependency order (data and control edges); nodes on cycles (loop back
// edges) and their descendants are left out.
std::vector<std::size_t> topological_order(const ir::Graph& graph);

// "node:k" always with the index, the key form used for forwards.
std::string tensor_key(const std::string& input);

}  // namespace wb::passes
