// SPDX-License-Identifier: Apache-2.0
#include "views/graph/graph_index.h"

#include <unordered_map>

namespace wb::views {

GraphIndex::GraphIndex(std::shared_ptr<const ir::Model> model) : model_(std::move(model)) {
    const auto& nodes = model_->graph.nodes();
    const int n = static_cast<int>(nodes.size());
    in_.resize(n);
    out_.resize(n);
    style_of_.resize(n);
    std::unordered_map<std::string, int> style_ids;
    for (int i = 0; i < n; ++i) {
        const auto& node = nodes[static_cast<std::size_t>(i)];
        auto [it, fresh] = style_ids.emplace(node.op, static_cast<int>(styles_.size()));
        if (fresh) styles_.push_back(op_style(node.op));
        style_of_[i] = it->second;
        if (!styles_[it->second].tfjs_supported) ++tfjs_unsupported_;
        for (const auto& input : node.inputs) {
            if (input.empty()) continue;
            const auto ref = ir::parse_input(input);
            const ir::Node* src = model_->graph.find(ref.node);
            if (!src) continue;
            const int s = static_cast<int>(src - nodes.data());
            if (input[0] == '^') {  // kept apart: walking, search and properties follow data only
                control_edges_.push_back({s, i, -1});
                continue;
            }
            const int e = static_cast<int>(edges_.size());
            edges_.push_back({s, i, ref.index});
            out_[s].push_back(e);
            in_[i].push_back(e);
        }
    }
}

ir::DType GraphIndex::output_dtype(int n, int port) const {
    const auto& attrs = node(n).attrs;
    for (const char* key : {"T", "dtype", "out_type", "DstT", "output_type", "Tout"}) {
        const auto t = ir::attr_type(attrs, key);
        if (t != ir::DType::Invalid) return t;
    }
    auto it = attrs.find("output_types");
    if (it != attrs.end())
        if (const auto* list = it->second.get_if<ir::AttrList>();
            list && port < static_cast<int>(list->type.size()))
            return list->type[static_cast<std::size_t>(port)];
    return ir::DType::Invalid;
}

ir::Shape GraphIndex::output_shape(int n, int port) const {
    const auto& nd = node(n);
    auto it = nd.attrs.find("_output_shapes");
    if (it != nd.attrs.end())
        if (const auto* list = it->second.get_if<ir::AttrList>();
            list && port < static_cast<int>(list->shape.size()))
            return list->shape[static_cast<std::size_t>(port)];
    if (port == 0) {
        if (const auto* t = ir::attr_tensor(nd.attrs, "value")) return t->shape();
        if (const auto* s = ir::attr_shape(nd.attrs, "shape")) return *s;
    }
    return ir::Shape::unknown();
}

std::string GraphIndex::edge_label(const DataEdge& e) const {
    std::string label;
    const auto t = output_dtype(e.src, e.port);
    if (t != ir::DType::Invalid) label = std::string(ir::dtype_name(t));
    const auto s = output_shape(e.src, e.port);
    if (!s.unknown_rank) {
        if (!label.empty()) label += ' ';
        label += s.to_string();
    }
    return label;
}

}  // namespace wb::views
