// SPDX-License-Identifier: Apache-2.0
#include "ir/name_scope.h"

#include <string_view>
#include <unordered_map>

namespace wb::ir {

const ScopeNode* ScopeNode::child(const std::string& name) const {
    for (const auto& c : children)
        if (c->name == name) return c.get();
    return nullptr;
}

std::string scope_of(const std::string& node_name) {
    auto slash = node_name.rfind('/');
    return slash == std::string::npos ? std::string() : node_name.substr(0, slash);
}

std::unique_ptr<ScopeNode> build_scope_tree(const Graph& graph) {
    auto root = std::make_unique<ScopeNode>();
    std::unordered_map<std::string, ScopeNode*> by_path{{"", root.get()}};
    for (std::size_t k = 0; k < graph.nodes().size(); ++k) {
        const std::string& name = graph.nodes()[k].name;
        std::string scope = scope_of(name);
        ScopeNode* parent = root.get();
        ++root->total_nodes;
        if (!scope.empty()) {
            std::size_t start = 0;
            while (start <= scope.size()) {
                auto slash = scope.find('/', start);
                auto end = slash == std::string::npos ? scope.size() : slash;
                std::string path = scope.substr(0, end);
                auto it = by_path.find(path);
                if (it == by_path.end()) {
                    auto child = std::make_unique<ScopeNode>();
                    child->name = scope.substr(start, end - start);
                    child->full_path = path;
                    it = by_path.emplace(path, child.get()).first;
                    parent->children.push_back(std::move(child));
                }
                parent = it->second;
                ++parent->total_nodes;
                if (slash == std::string::npos) break;
                start = slash + 1;
            }
        }
        parent->nodes.push_back(k);
    }
    return root;
}

}  // namespace wb::ir
