// SPDX-License-Identifier: Apache-2.0
#include "views/graph/group_tree.h"

#include <algorithm>
#include <map>

#include "ir/name_scope.h"

namespace wb::views {

GroupTree::GroupTree(const GraphIndex& index, int max_items) {
    const auto scopes = ir::build_scope_tree(index.graph());
    node_group_.assign(static_cast<std::size_t>(index.size()), 0);
    node_item_.assign(static_cast<std::size_t>(index.size()), 0);
    // Depth-first copy of the scope tree; explicit stack keeps deep scopes off the C stack.
    std::vector<std::pair<const ir::ScopeNode*, int>> stack{{scopes.get(), -1}};
    while (!stack.empty()) {
        auto [scope, parent] = stack.back();
        stack.pop_back();
        const int g = add_group(scope->name, scope->full_path, parent);
        for (std::size_t n : scope->nodes) groups_[g].items.push_back({false, static_cast<int>(n)});
        for (auto it = scope->children.rbegin(); it != scope->children.rend(); ++it)
            stack.push_back({it->get(), g});
    }
    const int count = group_count();
    for (int g = 0; g < count; ++g)
        if (groups_[g].parent >= 0) groups_[groups_[g].parent].items.push_back({true, g});
    for (int g = count - 1; g >= 0; --g) finish(g);  // children have larger ids than parents
    for (int g = 0; g < group_count(); ++g) split(g, max_items);
    group_item_.assign(groups_.size(), 0);
    for (int g = 0; g < group_count(); ++g) {
        auto& grp = groups_[g];
        // Up the chain, not from the parent's entry: a split part has a larger id than the
        // groups moved into it, so its own depth is not known yet when theirs is computed
        // (children laid out after their part made expanded parts overlap).
        grp.depth = 0;
        for (int p = grp.parent; p >= 0; p = groups_[p].parent) ++grp.depth;
        for (int i = 0; i < static_cast<int>(grp.items.size()); ++i) {
            const auto& item = grp.items[i];
            if (item.is_group) group_item_[item.id] = i;
            else { node_group_[item.id] = g; node_item_[item.id] = i; }
        }
    }
    // Counts, bottom-up again now that split parts exist (parts always get larger ids).
    for (auto& grp : groups_) grp.total_nodes = grp.tfjs_unsupported = grp.runtime_unsupported = 0;
    for (int n = 0; n < index.size(); ++n)
        for (int g = node_group_[n]; g >= 0; g = groups_[g].parent) {
            ++groups_[g].total_nodes;
            if (!index.style(n).tfjs_supported) ++groups_[g].tfjs_unsupported;
            if (!index.style(n).runtime_supported) ++groups_[g].runtime_unsupported;
        }
    lift_edges(index.edges(), false);
    lift_edges(index.control_edges(), true);
}

int GroupTree::add_group(std::string label, std::string path, int parent) {
    Group g;
    g.label = std::move(label);
    g.full_path = std::move(path);
    g.parent = parent;
    groups_.push_back(std::move(g));
    return group_count() - 1;
}

// Orders items as the file does and records each group's first node.
void GroupTree::finish(int g) {
    auto& grp = groups_[g];
    auto first = [&](const GroupMember& it) { return it.is_group ? groups_[it.id].first_node : it.id; };
    std::stable_sort(grp.items.begin(), grp.items.end(),
                     [&](const GroupMember& a, const GroupMember& b) { return first(a) < first(b); });
    grp.first_node = grp.items.empty() ? 1 << 30 : first(grp.items.front());
}

// A group with more than max_items members gets parts of consecutive members instead
// (consecutive in file order, which for frozen graphs follows the data flow).
void GroupTree::split(int g, int max_items) {
    while (static_cast<int>(groups_[g].items.size()) > max_items) {
        std::vector<GroupMember> items = std::move(groups_[g].items);
        groups_[g].items.clear();
        const int total = static_cast<int>(items.size());
        const int parts = (total + max_items - 1) / max_items;
        const int chunk = (total + parts - 1) / parts;  // balanced parts
        for (int p = 0; p < parts; ++p) {
            const std::string base = groups_[g].label.empty() ? std::string("graph") : groups_[g].label;
            const int part = add_group(base + " (" + std::to_string(p + 1) + "/" + std::to_string(parts) + ")",
                                       groups_[g].full_path, g);
            groups_[part].split_part = true;
            const std::size_t begin = static_cast<std::size_t>(p) * chunk;
            const std::size_t end = std::min(items.size(), begin + chunk);
            for (std::size_t i = begin; i < end; ++i) {
                groups_[part].items.push_back(items[i]);
                if (items[i].is_group) groups_[items[i].id].parent = part;
            }
            finish(part);
            groups_[g].items.push_back({true, part});
        }
    }
}

bool GroupTree::is_ancestor(int ancestor, int g) const {
    for (; g >= 0; g = groups_[g].parent)
        if (g == ancestor) return true;
    return false;
}

void GroupTree::lift_edges(const std::vector<DataEdge>& edges, bool control) {
    std::vector<std::map<std::pair<int, int>, std::size_t>> seen(groups_.size());
    for (int e = 0; e < static_cast<int>(edges.size()); ++e) {
        int a = node_group_[edges[e].src], b = node_group_[edges[e].dst];
        int ia = node_item_[edges[e].src], ib = node_item_[edges[e].dst];
        // Climb the deeper side until both sit in the same group; the item index follows.
        while (a != b) {
            if (groups_[a].depth >= groups_[b].depth) { ia = group_item_[a]; a = groups_[a].parent; }
            else { ib = group_item_[b]; b = groups_[b].parent; }
        }
        if (ia == ib) continue;  // both ends inside one collapsed item
        auto& grp = groups_[a];
        auto [it, fresh] = seen[a].emplace(std::pair{ia, ib}, grp.edges.size());
        if (fresh) grp.edges.push_back({ia, ib, 0, e, control, {}});
        ++grp.edges[it->second].count;
        grp.edges[it->second].members.push_back(e);
    }
}

}  // namespace wb::views
