// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "views/graph/graph_index.h"

namespace wb::views {

// A member of a group's layout: a node or a child group.
struct GroupMember {
    bool is_group = false;
    int id = 0;  // node index or group id
};

// An edge between two items of the same group (their lowest common group), aggregating
// every node-level edge that crosses between them. Data and control edges aggregate apart.
struct GroupEdge {
    int from = 0;  // index into Group::items
    int to = 0;
    int count = 0;
    int sample_edge = 0;  // an index into GraphIndex::edges() (control_edges() if control), for the label
    bool control = false;
    std::vector<int> members;  // every node-level edge lifted here (same index space as sample_edge)
};

struct Group {
    std::string label;      // "conv1", or "block (2/5)" for a split part
    std::string full_path;  // name-scope path
    int parent = -1;
    int depth = 0;
    bool split_part = false;
    std::vector<GroupMember> items;
    std::vector<GroupEdge> edges;
    int total_nodes = 0;
    int tfjs_unsupported = 0;
    int runtime_unsupported = 0;
    int first_node = 0;  // smallest node index below, orders siblings as the file does
};

// Name-scope groups (ir::build_scope_tree) with oversized groups split into parts of at most
// `max_items` members, and node edges lifted to the groups where they are drawn.
class GroupTree {
public:
    static constexpr int kMaxItems = 120;
    explicit GroupTree(const GraphIndex& index, int max_items = kMaxItems);

    const Group& group(int g) const { return groups_[static_cast<std::size_t>(g)]; }
    int group_count() const { return static_cast<int>(groups_.size()); }
    int root() const { return 0; }
    int group_of_node(int node) const { return node_group_[static_cast<std::size_t>(node)]; }
    // Position of a node / group inside its parent's items.
    int item_of_node(int node) const { return node_item_[static_cast<std::size_t>(node)]; }
    int item_of_group(int g) const { return group_item_[static_cast<std::size_t>(g)]; }
    bool is_ancestor(int ancestor, int g) const;

private:
    int add_group(std::string label, std::string path, int parent);
    void split(int g, int max_items);
    void finish(int g);
    void lift_edges(const std::vector<DataEdge>& edges, bool control);

    std::vector<Group> groups_;
    std::vector<int> node_group_, node_item_, group_item_;
};

}  // namespace wb::views
