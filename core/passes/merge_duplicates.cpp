// SPDX-License-Identifier: Apache-2.0
// Identical-node merging, the part of Grappler's arithmetic optimizer that stands in for the
// common_subgraph_elimination the converter does not enable (spec §6.2).
#include <algorithm>
#include <deque>
#include <unordered_map>

#include "passes/graph_editor.h"
#include "passes/op_traits.h"
#include "passes/pass.h"

namespace wb::passes {

namespace {

constexpr std::size_t kMaxMergedConstBytes = 64 * 1024;  // keep fingerprints cheap

}  // namespace

// f(a, b) computed twice is computed once: two nodes with the same op, inputs (after earlier
// merges), attrs and device are one node. Stateful ops and control flow never merge.
void merge_duplicate_nodes(ir::Graph& graph, PassContext& ctx, ChangeLog& log) {
    GraphEditor ed(graph, log);
    std::unordered_map<std::string, std::string> canonical;  // fingerprint -> kept node
    std::unordered_map<std::string, std::string> merged_into;  // removed node -> kept node
    auto& nodes = graph.nodes();
    for (std::size_t i : topological_order(graph)) {
        const ir::Node& n = nodes[i];
        if (ctx.is_protected(n.name) || is_stateful(n.op) || is_control_flow(n.op)) continue;
        if (const ir::Tensor* t = const_value(n); n.is_const() && (!t || t->byte_size() > kMaxMergedConstBytes))
            continue;
        std::string key = n.op + "|" + n.device + "|";
        for (const auto& in : n.inputs) {
            ir::InputRef ref = ir::parse_input(in);
            auto m = merged_into.find(ref.node);
            if (m != merged_into.end()) ref.node = m->second;
            key += ir::format_input(ref) + ",";
        }
        key += "|" + attrs_fingerprint(n.attrs);
        auto [it, inserted] = canonical.emplace(std::move(key), n.name);
        if (inserted) continue;
        // Every output k of the duplicate is output k of the kept node.
        int outputs = 1;
        for (const auto& u : ed.uses(n.name)) outputs = std::max(outputs, u.output + 1);
        std::vector<std::string> replacements;
        for (int k = 0; k < outputs; ++k)
            replacements.push_back(k == 0 ? it->second : ir::tensor_name(it->second, k));
        ed.forward_outputs(n.name, replacements, "identical to " + it->second);
        merged_into[n.name] = it->second;
    }
    ed.commit();
}

}  // namespace wb::passes
