// SPDX-License-Identifier: Apache-2.0
#include "views/compare/simplify_diff.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace wb::views {

namespace {

int index_of(const ir::Graph& g, const std::string& name) {
    const ir::Node* n = g.find(name);
    return n ? static_cast<int>(n - g.nodes().data()) : -1;
}

struct Touch {
    std::string pass, note;
    bool rewritten = false;
};

}  // namespace

int SimplifyDiff::count(bool optimized_side, NodeFate fate) const {
    const auto& side = optimized_side ? optimized : original;
    return static_cast<int>(std::count_if(side.begin(), side.end(), [fate](const NodeDiff& d) { return d.fate == fate; }));
}

SimplifyDiff diff_simplification(const ir::Model& original, const ir::Model& optimized,
                                 const passes::PipelineReport& report) {
    const auto& before = original.graph;
    const auto& after = optimized.graph;
    // origins[name]: the original nodes a current node stands for, replayed pass by pass.
    std::unordered_map<std::string, std::set<std::string>> origins;
    for (const auto& n : before.nodes()) origins[n.name] = {n.name};
    std::unordered_map<std::string, Touch> touched;  // last change per name
    std::unordered_map<std::string, passes::Removal> removed;
    std::unordered_map<std::string, std::string> removed_by;
    for (const auto& pass : report.passes) {
        auto apply = [&](const passes::NodeChange& c, bool rewritten) {
            std::set<std::string> from;
            for (const auto& f : c.from) {
                auto it = origins.find(f);
                if (it != origins.end()) from.insert(it->second.begin(), it->second.end());
            }
            if (rewritten) {  // a rewrite keeps what the node stood for
                auto it = origins.find(c.node);
                if (it != origins.end()) from.insert(it->second.begin(), it->second.end());
            }
            origins[c.node] = std::move(from);
            touched[c.node] = {pass.pass, c.note, rewritten};
        };
        for (const auto& c : pass.log.added) apply(c, false);
        for (const auto& c : pass.log.rewritten) apply(c, true);
        for (const auto& r : pass.log.removed) {
            removed[r.node] = r;
            removed_by[r.node] = pass.pass;
        }
    }

    SimplifyDiff diff;
    diff.original.resize(before.size());
    diff.optimized.resize(after.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        const auto& node = after.nodes()[i];
        NodeDiff& d = diff.optimized[i];
        auto it = origins.find(node.name);
        if (it != origins.end())
            for (const auto& o : it->second)
                if (before.find(o)) d.origins.push_back(o);
        auto t = touched.find(node.name);
        if (t != touched.end()) { d.pass = t->second.pass; d.reason = t->second.note; }
        const int same = index_of(before, node.name);
        if (d.origins.empty()) d.fate = NodeFate::New;
        else if (d.origins.size() > 1 || d.origins.front() != node.name) d.fate = NodeFate::Fused;
        else if (t != touched.end()) d.fate = NodeFate::Rewritten;
        else d.fate = NodeFate::Unchanged;
        // Its counterpart: the original of the same name, else the first original it holds.
        d.counterpart = same >= 0 ? same : (d.origins.empty() ? -1 : index_of(before, d.origins.front()));
    }
    // Originals: kept under their own name, else folded into the node that holds them, else gone.
    std::unordered_map<std::string, int> holder;
    for (std::size_t i = 0; i < after.size(); ++i)
        for (const auto& o : diff.optimized[i].origins) holder.emplace(o, static_cast<int>(i));
    for (std::size_t i = 0; i < before.size(); ++i) {
        NodeDiff& d = diff.original[i];
        const auto& name = before.nodes()[i].name;
        int twin = index_of(after, name);
        if (twin >= 0 && diff.optimized[static_cast<std::size_t>(twin)].fate == NodeFate::New) twin = -1;  // a reused name
        if (twin < 0)
            if (auto h = holder.find(name); h != holder.end()) twin = h->second;
        if (twin < 0) {
            d.fate = NodeFate::Removed;
            if (auto r = removed.find(name); r != removed.end()) {
                d.pass = removed_by[name];
                d.reason = r->second.reason;
            }
            continue;
        }
        const NodeDiff& od = diff.optimized[static_cast<std::size_t>(twin)];
        d.counterpart = twin;
        d.fate = od.fate == NodeFate::New ? NodeFate::Fused : od.fate;
        d.pass = od.pass;
        d.reason = od.reason;
    }
    return diff;
}

}  // namespace wb::views
