// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ir/node.h"

namespace wb::ir {

// One argument of a function signature (OpDef.ArgDef, the parts graphs use).
struct ArgDef {
    std::string name;
    DType type = DType::Invalid;
    std::string type_attr;
    std::string number_attr;
    std::string type_list_attr;
    bool is_ref = false;
};

// A FunctionDef: signature, body and the map from output arg names to body tensors.
struct Function {
    std::string name;
    std::vector<ArgDef> inputs;
    std::vector<ArgDef> outputs;
    std::vector<std::string> control_outputs;
    AttrMap attrs;  // FunctionDef.attr
    std::vector<std::pair<std::string, std::string>> signature_attrs;  // OpDef.attr name, type
    bool is_stateful = false;
    std::vector<Node> nodes;
    std::map<std::string, std::string> ret;
    std::map<std::string, std::string> control_ret;
};

// A list of nodes with a name index. Node order is kept as read (exports preserve it).
class Graph {
public:
    std::vector<Node>& nodes() { return nodes_; }
    const std::vector<Node>& nodes() const { return nodes_; }
    std::size_t size() const { return nodes_.size(); }

    // Appends a node; returns its position. Names are not checked here (validate() does).
    std::size_t add(Node node);
    const Node* find(std::string_view name) const;
    Node* find(std::string_view name);
    // Removes every node for which pred is true; returns how many went.
    std::size_t remove_if(const std::function<bool(const Node&)>& pred);
    // Call after editing names or the vector directly.
    void reindex();

    std::vector<Function> functions;
    int producer = 0;      // VersionDef.producer
    int min_consumer = 0;  // VersionDef.min_consumer
    bool has_versions = false;

private:
    std::vector<Node> nodes_;
    std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace wb::ir
