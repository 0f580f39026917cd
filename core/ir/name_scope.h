// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace wb::ir {

// The name-scope tree implied by '/' in node names: "a/b/conv" sits in scope "a/b".
// A node whose name is also a scope prefix (e.g. "dense" and "dense/kernel") stays a leaf of
// the parent scope; the scope "dense" is a sibling group.
struct ScopeNode {
    std::string name;       // last path component ("" for the root)
    std::string full_path;  // "a/b"
    std::vector<std::unique_ptr<ScopeNode>> children;  // sub-scopes, in first-seen order
    std::vector<std::size_t> nodes;                    // indices into Graph::nodes() directly in this scope
    std::size_t total_nodes = 0;                       // nodes in this scope and below

    const ScopeNode* child(const std::string& name) const;
};

std::unique_ptr<ScopeNode> build_scope_tree(const Graph& graph);
// "a/b/conv" -> "a/b"; "conv" -> "".
std::string scope_of(const std::string& node_name);

}  // namespace wb::ir
