// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "ir/model.h"
#include "views/graph/op_style.h"

namespace wb::views {

// One data edge: output `port` of node `src` feeds node `dst`.
struct DataEdge {
    int src = 0;
    int dst = 0;
    int port = 0;
};

// Per-node facts the views need, computed once per loaded model (off the UI thread):
// resolved edges, output dtype/shape labels and op support. Immutable afterwards.
class GraphIndex {
public:
    explicit GraphIndex(std::shared_ptr<const ir::Model> model);

    const ir::Model& model() const { return *model_; }
    std::shared_ptr<const ir::Model> model_ptr() const { return model_; }
    const ir::Graph& graph() const { return model_->graph; }
    int size() const { return static_cast<int>(model_->graph.size()); }
    const ir::Node& node(int i) const { return model_->graph.nodes()[static_cast<std::size_t>(i)]; }

    const std::vector<DataEdge>& edges() const { return edges_; }
    // Control dependencies ("^node" inputs), drawn dashed; port is -1. Not in in/out_edges().
    const std::vector<DataEdge>& control_edges() const { return control_edges_; }
    const std::vector<int>& in_edges(int node) const { return in_[node]; }   // indices into edges()
    const std::vector<int>& out_edges(int node) const { return out_[node]; }
    const OpStyle& style(int node) const { return styles_[style_of_[node]]; }

    // dtype of output `port` when the attrs tell it (T, dtype, out_type...), else Invalid.
    ir::DType output_dtype(int node, int port) const;
    // Shape of output `port` from _output_shapes, a Const value or a Placeholder shape.
    ir::Shape output_shape(int node, int port) const;
    // "float32 [1,28,28,3]" or "" when nothing is known.
    std::string edge_label(const DataEdge& e) const;

    int tfjs_unsupported_count() const { return tfjs_unsupported_; }

private:
    std::shared_ptr<const ir::Model> model_;
    std::vector<DataEdge> edges_, control_edges_;
    std::vector<std::vector<int>> in_, out_;
    std::vector<OpStyle> styles_;  // one per distinct op
    std::vector<int> style_of_;
    int tfjs_unsupported_ = 0;
};

}  // namespace wb::views
