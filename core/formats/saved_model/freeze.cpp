// SPDX-License-Identifier: Apache-2.0
#include "formats/saved_model/freeze.h"

#include <unordered_map>
#include <unordered_set>

namespace wb::formats::saved_model {

bool is_variable_op(const std::string& op) {
    return op == "VariableV2" || op == "Variable" || op == "VarHandleOp";
}

Status prune_to_outputs(ir::Graph& graph, const std::vector<std::string>& outputs, const std::string& file) {
    std::unordered_set<std::string> keep;
    std::vector<std::string> todo;
    for (const auto& t : outputs) {
        auto ref = ir::parse_input(t);
        if (!graph.find(ref.node)) {
            std::string some;
            for (std::size_t i = 0; i < graph.size() && i < 8; ++i) some += (i ? ", " : "") + graph.nodes()[i].name;
            return Error{file, "output '" + t + "'", "no node named '" + ref.node + "' in the graph (nodes include: " +
                                                         some + (graph.size() > 8 ? ", ..." : "") + ")"};
        }
        todo.push_back(ref.node);
    }
    while (!todo.empty()) {
        std::string name = std::move(todo.back());
        todo.pop_back();
        if (!keep.insert(name).second) continue;
        const ir::Node* n = graph.find(name);
        if (!n) return Error{file, "node '" + name + "'", "referenced as an input but not in the graph"};
        for (const auto& in : n->inputs) todo.push_back(ir::parse_input(in).node);
    }
    graph.remove_if([&](const ir::Node& n) { return !keep.count(n.name); });
    return Ok{};
}

Status freeze_variables(ir::Graph& graph, const checkpoint::TensorBundle* bundle, const VariableKeyFn& key_of,
                        const std::string& file) {
    std::unordered_map<std::string, ir::DType> frozen;  // node name → value dtype
    std::vector<ir::Node> extra;
    for (auto& n : graph.nodes()) {
        if (!is_variable_op(n.op)) continue;
        const std::string key = key_of(n);
        if (!bundle)
            return Error{file, "variable '" + n.name + "'", "the SavedModel has no variables/ checkpoint to freeze it from"};
        if (key.empty() || !bundle->contains(key))
            return Error{file, "variable '" + n.name + "'",
                         "no value in the checkpoint " + bundle->prefix().string() + ".index" +
                             (key.empty() ? std::string() : " (key '" + key + "')")};
        auto value = bundle->read(key);
        if (!value) return value.error();
        n.op = "Const";
        n.attrs.clear();
        n.attrs["dtype"] = value->dtype();
        n.attrs["value"] = *value;
        std::erase_if(n.inputs, [](const std::string& s) { return !s.starts_with("^"); });
        frozen[n.name] = value->dtype();
    }
    // Resource reads of frozen variables; Identity chains of handles are followed until stable.
    for (bool changed = true; changed;) {
        changed = false;
        for (auto& n : graph.nodes()) {
            auto data = n.data_inputs();
            if (data.empty() || frozen.count(n.name)) continue;
            auto src = frozen.find(data[0].node);
            if (src == frozen.end()) continue;
            const ir::DType t = src->second;
            if (n.op == "ReadVariableOp") {
                n.op = "Identity";
                n.attrs.clear();
                n.attrs["T"] = t;
                changed = true;
            } else if (n.op == "Identity" && ir::attr_type(n.attrs, "T") == ir::DType::Resource) {
                n.attrs["T"] = t;
                frozen[n.name] = t;
                changed = true;
            } else if (n.op == "ResourceGather") {
                const ir::DType tindices = ir::attr_type(n.attrs, "Tindices", ir::DType::Int32);
                const int64_t batch_dims = ir::attr_int(n.attrs, "batch_dims", 0);
                ir::Node axis;
                axis.name = n.name + "/axis";
                axis.op = "Const";
                axis.attrs["dtype"] = ir::DType::Int32;
                axis.attrs["value"] = ir::Tensor::scalar<int32_t>(ir::DType::Int32, 0);
                n.op = "GatherV2";
                n.attrs.clear();
                n.attrs["Tparams"] = t;
                n.attrs["Tindices"] = tindices;
                n.attrs["Taxis"] = ir::DType::Int32;
                n.attrs["batch_dims"] = batch_dims;
                n.inputs.insert(n.inputs.begin() + 2, axis.name);
                extra.push_back(std::move(axis));
                changed = true;
            }
        }
    }
    for (auto& e : extra) graph.add(std::move(e));
    graph.reindex();
    return Ok{};
}

}  // namespace wb::formats::saved_model
