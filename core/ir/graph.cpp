// SPDX-License-Identifier: Apache-2.0
#include "ir/graph.h"

#include <algorithm>

namespace wb::ir {

std::size_t Graph::add(Node node) {
    index_.emplace(node.name, nodes_.size());
    nodes_.push_back(std::move(node));
    return nodes_.size() - 1;
}

const Node* Graph::find(std::string_view name) const {
    auto it = index_.find(std::string(name));
    if (it == index_.end() || it->second >= nodes_.size() || nodes_[it->second].name != name) return nullptr;
    return &nodes_[it->second];
}

Node* Graph::find(std::string_view name) {
    return const_cast<Node*>(static_cast<const Graph*>(this)->find(name));
}

std::size_t Graph::remove_if(const std::function<bool(const Node&)>& pred) {
    auto before = nodes_.size();
    nodes_.erase(std::remove_if(nodes_.begin(), nodes_.end(), pred), nodes_.end());
    reindex();
    return before - nodes_.size();
}

void Graph::reindex() {
    index_.clear();
    index_.reserve(nodes_.size());
    for (std::size_t k = 0; k < nodes_.size(); ++k) index_.emplace(nodes_[k].name, k);
}

}  // namespace wb::ir
