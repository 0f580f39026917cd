// SPDX-License-Identifier: Apache-2.0
// Planning the scene (positions, routes, labels) from finished layouts: pure data, run on the
// layout worker so "Expand all" on 10,000 nodes does not plan on the UI thread.
#include "views/graph/scene_plan.h"

#include <cmath>
#include <limits>
#include <map>

#include "views/graph/graph_metrics.h"

namespace wb::views {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QPointF kContentOffset(metrics::kGroupMargin, metrics::kGroupHeader + metrics::kGroupMargin);

struct Planner {
    const GraphIndex& index;
    const GroupTree& tree;
    const LayoutCache& cache;
    const std::vector<char>& expanded;
    ScenePlan plan;

    void planGroup(int group, QPointF origin);
    void planEdges(int group, QPointF origin);
    QRectF plannedBoxFor(int node) const;
};
}  // namespace

void Planner::planGroup(int group, QPointF origin) {
    const Group& grp = tree.group(group);
    const auto& layout = cache[static_cast<std::size_t>(group)];
    if (!layout) return;
    const auto& out = layout->layout;
    for (std::size_t i = 0; i < grp.items.size(); ++i) {
        const auto& member = grp.items[i];
        const QPointF pos = origin + QPointF(out.positions[i].x, out.positions[i].y);
        const auto id = static_cast<std::size_t>(member.id);
        if (!member.is_group) {
            plan.node_pos[id] = pos;
            plan.node_order.push_back(member.id);
            continue;
        }
        const bool open = expanded[id] && cache[id];
        const QSizeF size = open ? QSizeF(cache[id]->width, cache[id]->height)
                                 : QSizeF(metrics::kGroupWidth, metrics::kGroupHeight);
        plan.group_spec_of[id] = static_cast<int>(plan.groups.size());
        plan.groups.push_back({member.id, pos, size, open});
        if (open) planGroup(member.id, pos + kContentOffset);
    }
}

// The box that shows `node` in the planned scene: the node, or its outermost collapsed group.
QRectF Planner::plannedBoxFor(int node) const {
    const QPointF pos = plan.node_pos[static_cast<std::size_t>(node)];
    if (!std::isnan(pos.x())) return {pos, QSizeF(metrics::kNodeWidth, metrics::kNodeHeight)};
    std::vector<int> chain;
    for (int g = tree.group_of_node(node); g >= 0; g = tree.group(g).parent) chain.push_back(g);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const int spec = plan.group_spec_of[static_cast<std::size_t>(*it)];
        if (spec >= 0 && !plan.groups[static_cast<std::size_t>(spec)].open) {
            const auto& s = plan.groups[static_cast<std::size_t>(spec)];
            return {s.pos, s.size};
        }
    }
    return {};
}

// Edges between two members of `group`. An end on an expanded group is carried through the
// frame to the item inside that really produces or consumes the tensor: down (or up) to the
// channel under the title bar, across, then to the item.
void Planner::planEdges(int group, QPointF origin) {
    const Group& grp = tree.group(group);
    const auto& layout = cache[static_cast<std::size_t>(group)];
    if (!layout) return;
    const auto& routes = layout->layout.routes;
    auto is_open = [&](const GroupMember& m) {
        const int spec = m.is_group ? plan.group_spec_of[static_cast<std::size_t>(m.id)] : -1;
        return spec >= 0 && plan.groups[static_cast<std::size_t>(spec)].open;
    };
    auto label_of = [&](const DataEdge& e, bool control, int count) {
        QString label = control ? QString() : QString::fromStdString(index.edge_label(e));
        return count > 1 ? label + QStringLiteral(" ×%1").arg(count) : label;
    };
    for (std::size_t e = 0; e < grp.edges.size() && e < routes.size(); ++e) {
        const GroupEdge& ge = grp.edges[e];
        if (routes[e].size() < 2) continue;
        QPolygonF frame_route;
        for (const auto& pt : routes[e]) frame_route << origin + QPointF(pt.x, pt.y);
        const auto& list = ge.control ? index.control_edges() : index.edges();
        const bool open_from = is_open(grp.items[static_cast<std::size_t>(ge.from)]);
        const bool open_to = is_open(grp.items[static_cast<std::size_t>(ge.to)]);
        if (!open_from && !open_to) {
            plan.edges.push_back({frame_route, label_of(list[static_cast<std::size_t>(ge.sample_edge)], ge.control, ge.count), ge.control});
            continue;
        }
        // One drawn edge per distinct pair of visible ends (a box encoded by its top-left).
        std::map<std::pair<std::pair<qreal, qreal>, std::pair<qreal, qreal>>, std::pair<int, int>> ends;
        std::map<std::pair<std::pair<qreal, qreal>, std::pair<qreal, qreal>>, std::pair<QRectF, QRectF>> boxes;
        for (int m : ge.members) {
            const auto& de = list[static_cast<std::size_t>(m)];
            const QRectF a = open_from ? plannedBoxFor(de.src) : QRectF();
            const QRectF b = open_to ? plannedBoxFor(de.dst) : QRectF();
            const auto key = std::pair{std::pair{a.x(), a.y()}, std::pair{b.x(), b.y()}};
            auto& slot = ends[key];
            if (slot.second++ == 0) { slot.first = m; boxes[key] = {a, b}; }
        }
        for (const auto& [key, slot] : ends) {
            const auto& [a, b] = boxes[key];
            QPolygonF route = frame_route;
            if (!a.isNull()) {
                const qreal channel = route.front().y() - metrics::kGroupMargin / 2;
                route.prepend(QPointF(route.front().x(), channel));
                route.prepend(QPointF(a.center().x(), channel));
                route.prepend(QPointF(a.center().x(), a.bottom()));
            }
            if (!b.isNull()) {
                const qreal channel = route.back().y() + metrics::kGroupHeader + metrics::kGroupMargin / 2;
                route << QPointF(route.back().x(), channel) << QPointF(b.center().x(), channel)
                      << QPointF(b.center().x(), b.top());
            }
            plan.edges.push_back({route, label_of(list[static_cast<std::size_t>(slot.first)], ge.control, slot.second), ge.control});
        }
    }
}

ScenePlan plan_scene(const GraphIndex& index, const GroupTree& tree, const LayoutCache& cache,
                     const std::vector<char>& expanded) {
    Planner p{index, tree, cache, expanded, {}};
    p.plan.node_pos.assign(static_cast<std::size_t>(index.size()), QPointF(kNaN, kNaN));
    p.plan.group_spec_of.assign(static_cast<std::size_t>(tree.group_count()), -1);
    p.planGroup(tree.root(), QPointF(0, 0));
    p.planEdges(tree.root(), QPointF(0, 0));
    for (std::size_t i = 0; i < p.plan.groups.size(); ++i)
        if (p.plan.groups[i].open) p.planEdges(p.plan.groups[i].group, p.plan.groups[i].pos + kContentOffset);
    return std::move(p.plan);
}

}  // namespace wb::views
