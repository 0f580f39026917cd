// SPDX-License-Identifier: Apache-2.0
#include "formats/graphdef/graph_io.h"

#include <algorithm>
#include <unordered_set>

namespace wb::formats {

namespace {

// Levenshtein distance, capped work: node names are short.
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

std::string close_names(const ir::Graph& graph, const std::string& wanted) {
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const auto& n : graph.nodes()) {
        std::size_t d = edit_distance(n.name, wanted);
        if (n.name.find(wanted) != std::string::npos || wanted.find(n.name) != std::string::npos) d /= 2;
        scored.emplace_back(d, n.name);
    }
    std::sort(scored.begin(), scored.end());
    std::string out;
    for (std::size_t k = 0; k < scored.size() && k < 5; ++k) out += (k ? ", " : "") + scored[k].second;
    return out;
}

}  // namespace

ir::TensorInfo describe_tensor(const ir::Graph& graph, const std::string& key, const std::string& tensor) {
    ir::TensorInfo info;
    info.key = key;
    auto ref = ir::parse_input(tensor);
    info.name = ir::tensor_name(ref.node, ref.index);
    const ir::Node* node = graph.find(ref.node);
    if (!node) return info;
    for (const char* attr : {"dtype", "T", "out_type", "DstT", "output_type"}) {
        ir::DType t = ir::attr_type(node->attrs, attr);
        if (t != ir::DType::Invalid) {
            info.dtype = t;
            break;
        }
    }
    if (const ir::Tensor* value = ir::attr_tensor(node->attrs, "value"); value && node->is_const()) {
        info.dtype = value->dtype();
        info.shape = value->shape();
    } else if (const ir::Shape* shape = ir::attr_shape(node->attrs, "shape")) {
        info.shape = *shape;
    } else if (auto it = node->attrs.find("_output_shapes"); it != node->attrs.end()) {
        if (const auto* list = it->second.get_if<ir::AttrList>();
            list && ref.index >= 0 && static_cast<std::size_t>(ref.index) < list->shape.size())
            info.shape = list->shape[ref.index];
    }
    return info;
}

void set_default_io(ir::Model& model) {
    const ir::Graph& graph = model.graph;
    std::unordered_set<std::string> consumed;
    for (const auto& n : graph.nodes())
        for (const auto& in : n.inputs) consumed.insert(ir::parse_input(in).node);
    model.inputs.clear();
    model.outputs.clear();
    for (const auto& n : graph.nodes()) {
        if (n.op.starts_with("Placeholder")) model.inputs.push_back(describe_tensor(graph, n.name, n.name));
        if (!consumed.count(n.name)) model.outputs.push_back(describe_tensor(graph, n.name, n.name));
    }
}

Status set_outputs_by_name(ir::Model& model, const std::vector<std::string>& names, const std::string& file) {
    model.outputs.clear();
    for (const auto& name : names) {
        auto ref = ir::parse_input(name);
        if (!model.graph.find(ref.node))
            return Error{file, "output '" + name + "'",
                         "no node of that name in the graph; close names: " + close_names(model.graph, ref.node)};
        model.outputs.push_back(describe_tensor(model.graph, name, name));
    }
    return Ok{};
}

}  // namespace wb::formats
