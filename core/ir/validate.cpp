// SPDX-License-Identifier: Apache-2.0
#include "ir/validate.h"

#include <unordered_map>
#include <unordered_set>

namespace wb::ir {
namespace {

Error node_error(const std::string& file, const std::string& scope, const Node& n, std::string message) {
    return Error{file, scope + "node '" + n.name + "' (" + n.op + ")", std::move(message)};
}

// Kahn's algorithm over data and control edges, ignoring edges out of NextIteration (the
// back edge of a TF1 while loop): whatever is left over sits on a cycle.
Status check_acyclic(const std::vector<Node>& nodes, const std::string& file, const std::string& scope,
                     const std::unordered_map<std::string, std::size_t>& index) {
    std::vector<int> indegree(nodes.size(), 0);
    std::vector<std::vector<std::size_t>> consumers(nodes.size());
    for (std::size_t k = 0; k < nodes.size(); ++k) {
        for (const auto& in : nodes[k].inputs) {
            auto ref = parse_input(in);
            auto it = index.find(ref.node);
            if (it == index.end()) continue;
            if (nodes[it->second].op == "NextIteration") continue;
            consumers[it->second].push_back(k);
            ++indegree[k];
        }
    }
    std::vector<std::size_t> ready;
    for (std::size_t k = 0; k < nodes.size(); ++k)
        if (indegree[k] == 0) ready.push_back(k);
    std::size_t seen = 0;
    while (!ready.empty()) {
        auto k = ready.back();
        ready.pop_back();
        ++seen;
        for (auto c : consumers[k])
            if (--indegree[c] == 0) ready.push_back(c);
    }
    if (seen == nodes.size()) return Ok{};
    for (std::size_t k = 0; k < nodes.size(); ++k)
        if (indegree[k] > 0)
            return node_error(file, scope, nodes[k], "is part of a cycle that is not a while loop");
    return Ok{};
}

Status check_nodes(const std::vector<Node>& nodes, const std::string& file, const std::string& scope,
                   const std::unordered_set<std::string>& extra_sources) {
    std::unordered_map<std::string, std::size_t> index;
    index.reserve(nodes.size());
    for (std::size_t k = 0; k < nodes.size(); ++k) {
        const Node& n = nodes[k];
        if (n.name.empty()) return Error{file, scope + "node #" + std::to_string(k), "has an empty name"};
        if (n.op.empty()) return node_error(file, scope, n, "has no op");
        if (!index.emplace(n.name, k).second) return node_error(file, scope, n, "duplicate node name");
    }
    for (const Node& n : nodes) {
        for (const auto& in : n.inputs) {
            auto ref = parse_input(in);
            if (ref.node.empty()) return node_error(file, scope, n, "has an empty input");
            if (!index.count(ref.node) && !extra_sources.count(ref.node))
                return node_error(file, scope, n, "input '" + in + "' names no node in the graph");
            if (ref.index < 0) return node_error(file, scope, n, "input '" + in + "' has a negative index");
        }
        if (n.op == "Const") {
            const Tensor* t = attr_tensor(n.attrs, "value");
            if (!t || !t->valid()) return node_error(file, scope, n, "Const without a typed 'value' tensor");
        }
    }
    return check_acyclic(nodes, file, scope, index);
}

}  // namespace

Status validate(const Graph& graph, const std::string& file) {
    if (auto s = check_nodes(graph.nodes(), file, "", {}); !s) return s;
    for (const Function& f : graph.functions) {
        std::unordered_set<std::string> args;
        for (const auto& a : f.inputs) args.insert(a.name);
        if (auto s = check_nodes(f.nodes, file, "function '" + f.name + "' ", args); !s) return s;
    }
    return Ok{};
}

Status validate(const Model& model) {
    if (auto s = validate(model.graph, model.source_path); !s) return s;
    for (const auto* list : {&model.inputs, &model.outputs}) {
        for (const auto& info : *list) {
            auto ref = parse_input(info.name);
            if (!model.graph.find(ref.node))
                return Error{model.source_path, "signature tensor '" + info.name + "'", "names no node in the graph"};
        }
    }
    return Ok{};
}

}  // namespace wb::ir
