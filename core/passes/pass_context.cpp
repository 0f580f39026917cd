// SPDX-License-Identifier: Apache-2.0
#include <unordered_set>

#include "passes/pass.h"

namespace wb::passes {

PassContext PassContext::for_graph(const ir::Graph& graph, std::vector<std::string> outputs) {
    PassContext ctx;
    if (outputs.empty()) {
        // A frozen GraphDef names no outputs: its sinks are what a user fetches.
        std::unordered_set<std::string> consumed;
        for (const auto& n : graph.nodes())
            for (const auto& in : n.inputs) consumed.insert(ir::parse_input(in).node);
        for (const auto& n : graph.nodes())
            if (!consumed.count(n.name)) outputs.push_back(n.name);
    }
    for (const auto& o : outputs) ctx.protected_nodes.insert(o);
    ctx.output_nodes = std::move(outputs);
    // Feeds stay addressable by name even when nothing reads them.
    for (const auto& n : graph.nodes())
        if (n.op == "Placeholder" || n.op == "PlaceholderWithDefault") ctx.protected_nodes.insert(n.name);
    return ctx;
}

PassContext PassContext::for_model(const ir::Model& model) {
    std::vector<std::string> outputs;
    for (const auto& t : model.outputs) outputs.push_back(ir::parse_input(t.name).node);
    PassContext ctx = for_graph(model.graph, std::move(outputs));
    for (const auto& t : model.inputs) ctx.protected_nodes.insert(ir::parse_input(t.name).node);
    return ctx;
}

}  // namespace wb::passes
