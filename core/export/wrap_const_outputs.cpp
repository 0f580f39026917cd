// SPDX-License-Identifier: Apache-2.0
#include "export/wrap_const_outputs.h"

#include <set>
#include <string>

namespace wb::exporter {
namespace {

std::string unused_name(const ir::Graph& g, const std::string& base) {
    std::string name = base;
    for (int k = 1; g.find(name); ++k) name = base + "_" + std::to_string(k);
    return name;
}

// Every input naming `from` (data or control) now names `to`.
void retarget_inputs(ir::Graph& g, const std::string& from, const std::string& to) {
    for (auto& n : g.nodes())
        for (auto& in : n.inputs) {
            auto ref = ir::parse_input(in);
            if (ref.node != from) continue;
            ref.node = to;
            in = ir::format_input(ref);
        }
}

}  // namespace

std::size_t wrap_const_outputs(ir::Model& model) {
    std::set<std::string> const_outputs;
    for (const auto& o : model.outputs) {
        const auto ref = ir::parse_input(o.name);
        const ir::Node* n = model.graph.find(ref.node);
        if (n && n->is_const()) const_outputs.insert(ref.node);
    }
    for (const auto& name : const_outputs) {
        const std::string moved = unused_name(model.graph, name + "/value");
        ir::Node* c = model.graph.find(name);
        const ir::DType dtype = ir::attr_type(c->attrs, "dtype");
        c->name = moved;
        model.graph.reindex();
        retarget_inputs(model.graph, name, moved);
        ir::Node identity;
        identity.name = name;
        identity.op = "Identity";
        identity.inputs = {moved};
        identity.attrs["T"] = dtype;
        model.graph.add(std::move(identity));
    }
    return const_outputs.size();
}

}  // namespace wb::exporter
