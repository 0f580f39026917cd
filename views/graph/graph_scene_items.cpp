// SPDX-License-Identifier: Apache-2.0
// GraphScene, second half: turning finished layouts into items. The next scene is planned at
// once (positions and routes only), then items are deleted, moved or created in slices of at
// most sliceMs() (20 ms by default) so "Expand all" on 10,000 nodes keeps the UI thread responsive. Items that
// stay (nodes, unchanged groups) are moved, not rebuilt.
#include <QElapsedTimer>
#include <cmath>
#include <limits>
#include <map>

#include "views/graph/graph_items.h"
#include "views/graph/graph_metrics.h"
#include "views/graph/graph_scene.h"

namespace wb::views {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kFrame = std::numeric_limits<int>::min();  // an edge end that stays on the frame
const QPointF kContentOffset(metrics::kGroupMargin, metrics::kGroupHeader + metrics::kGroupMargin);
}  // namespace

void GraphScene::rebuildItems() {
    build_timer_.stop();
    if (!building_) reselect_ = selectedNode();
    building_ = true;
    node_pos_.assign(static_cast<std::size_t>(index_->size()), QPointF(kNaN, kNaN));
    group_specs_.clear();
    group_spec_of_.assign(static_cast<std::size_t>(tree_->group_count()), -1);
    edge_specs_.clear();
    node_order_.clear();
    planGroup(tree_->root(), QPointF(0, 0));
    planEdges(tree_->root(), QPointF(0, 0));
    for (std::size_t i = 0; i < group_specs_.size(); ++i)
        if (group_specs_[i].open) planEdges(group_specs_[i].group, group_specs_[i].pos + kContentOffset);

    // What goes: every edge, nodes no longer shown, groups whose look changed.
    doomed_.erase(doomed_.begin(), doomed_.begin() + static_cast<std::ptrdiff_t>(next_doomed_));
    next_doomed_ = 0;
    doomed_.insert(doomed_.end(), edge_items_.begin(), edge_items_.end());
    edge_items_.clear();
    node_items_.resize(static_cast<std::size_t>(index_->size()), nullptr);
    group_items_.resize(static_cast<std::size_t>(tree_->group_count()), nullptr);
    for (std::size_t n = 0; n < node_items_.size(); ++n)
        if (node_items_[n] && std::isnan(node_pos_[n].x())) doomed_.push_back(std::exchange(node_items_[n], nullptr));
    for (std::size_t g = 0; g < group_items_.size(); ++g) {
        auto* item = group_items_[g];
        if (!item) continue;
        const int spec = group_spec_of_[g];
        if (spec < 0 || item->expanded() != group_specs_[static_cast<std::size_t>(spec)].open ||
            item->size() != group_specs_[static_cast<std::size_t>(spec)].size)
            doomed_.push_back(std::exchange(group_items_[g], nullptr));
    }
    next_node_ = next_group_ = next_edge_ = 0;
    if (const auto& root = cache_[static_cast<std::size_t>(tree_->root())])
        setSceneRect(QRectF(0, 0, root->layout.width, root->layout.height).adjusted(-60, -60, 60, 60));
    buildSlice();
}

void GraphScene::planGroup(int group, QPointF origin) {
    const Group& grp = tree_->group(group);
    const auto& layout = cache_[static_cast<std::size_t>(group)];
    if (!layout) return;
    const auto& out = layout->layout;
    for (std::size_t i = 0; i < grp.items.size(); ++i) {
        const auto& member = grp.items[i];
        const QPointF pos = origin + QPointF(out.positions[i].x, out.positions[i].y);
        const auto id = static_cast<std::size_t>(member.id);
        if (!member.is_group) {
            node_pos_[id] = pos;
            node_order_.push_back(member.id);
            continue;
        }
        const bool open = expanded_[id] && cache_[id];
        const QSizeF size = open ? QSizeF(cache_[id]->width, cache_[id]->height)
                                 : QSizeF(metrics::kGroupWidth, metrics::kGroupHeight);
        group_spec_of_[id] = static_cast<int>(group_specs_.size());
        group_specs_.push_back({member.id, pos, size, open});
        if (open) planGroup(member.id, pos + kContentOffset);
    }
}

// The box that shows `node` in the planned scene: the node, or its outermost collapsed group.
QRectF GraphScene::plannedBoxFor(int node) const {
    const QPointF pos = node_pos_[static_cast<std::size_t>(node)];
    if (!std::isnan(pos.x())) return {pos, QSizeF(metrics::kNodeWidth, metrics::kNodeHeight)};
    std::vector<int> chain;
    for (int g = tree_->group_of_node(node); g >= 0; g = tree_->group(g).parent) chain.push_back(g);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const int spec = group_spec_of_[static_cast<std::size_t>(*it)];
        if (spec >= 0 && !group_specs_[static_cast<std::size_t>(spec)].open) {
            const auto& s = group_specs_[static_cast<std::size_t>(spec)];
            return {s.pos, s.size};
        }
    }
    return {};
}

// Edges between two members of `group`. An end on an expanded group is carried through the
// frame to the item inside that really produces or consumes the tensor: down (or up) to the
// channel under the title bar, across, then to the item.
void GraphScene::planEdges(int group, QPointF origin) {
    const Group& grp = tree_->group(group);
    const auto& layout = cache_[static_cast<std::size_t>(group)];
    if (!layout) return;
    const auto& routes = layout->layout.routes;
    auto is_open = [&](const GroupMember& m) {
        const int spec = m.is_group ? group_spec_of_[static_cast<std::size_t>(m.id)] : -1;
        return spec >= 0 && group_specs_[static_cast<std::size_t>(spec)].open;
    };
    auto label_of = [&](const DataEdge& e, bool control, int count) {
        QString label = control ? QString() : QString::fromStdString(index_->edge_label(e));
        return count > 1 ? label + QStringLiteral(" ×%1").arg(count) : label;
    };
    for (std::size_t e = 0; e < grp.edges.size() && e < routes.size(); ++e) {
        const GroupEdge& ge = grp.edges[e];
        if (routes[e].size() < 2) continue;
        QPolygonF frame_route;
        for (const auto& pt : routes[e]) frame_route << origin + QPointF(pt.x, pt.y);
        const auto& list = ge.control ? index_->control_edges() : index_->edges();
        const bool open_from = is_open(grp.items[static_cast<std::size_t>(ge.from)]);
        const bool open_to = is_open(grp.items[static_cast<std::size_t>(ge.to)]);
        if (!open_from && !open_to) {
            edge_specs_.push_back({frame_route, label_of(list[static_cast<std::size_t>(ge.sample_edge)], ge.control, ge.count), ge.control});
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
            edge_specs_.push_back({route, label_of(list[static_cast<std::size_t>(slot.first)], ge.control, slot.second), ge.control});
        }
    }
}

void GraphScene::buildSlice() {
    QSignalBlocker block(this);  // deleting or re-adding a selected item must not ping the panels
    QElapsedTimer clock;
    clock.start();
    auto out_of_time = [&clock, this](std::size_t i) { return (i & 31) == 0 && clock.elapsed() >= slice_ms_; };
    for (; next_doomed_ < doomed_.size(); ++next_doomed_) {
        if (out_of_time(next_doomed_)) return build_timer_.start();
        delete doomed_[next_doomed_];
    }
    doomed_.clear();
    next_doomed_ = 0;
    for (; next_node_ < node_order_.size(); ++next_node_) {
        if (out_of_time(next_node_)) return build_timer_.start();
        const int n = node_order_[next_node_];
        auto*& item = node_items_[static_cast<std::size_t>(n)];
        if (!item) {
            item = new NodeGraphicsItem(this, n);
            addItem(item);
        }
        item->setPos(node_pos_[static_cast<std::size_t>(n)]);
    }
    for (; next_group_ < group_specs_.size(); ++next_group_) {
        if (out_of_time(next_group_)) return build_timer_.start();
        const auto& spec = group_specs_[next_group_];
        auto*& item = group_items_[static_cast<std::size_t>(spec.group)];
        if (!item) {
            item = new GroupGraphicsItem(this, spec.group, spec.open, spec.size);
            addItem(item);
        }
        item->setPos(spec.pos);
    }
    for (; next_edge_ < edge_specs_.size(); ++next_edge_) {
        if (out_of_time(next_edge_)) return build_timer_.start();
        const auto& spec = edge_specs_[next_edge_];
        auto* item = new EdgeGraphicsItem(spec.route, spec.label, spec.control);
        addItem(item);
        edge_items_.push_back(item);
    }
    if (reselect_ >= 0 && nodeItem(reselect_) && !nodeItem(reselect_)->isSelected()) {
        clearSelection();
        nodeItem(reselect_)->setSelected(true);
    }
    block.unblock();
    finishBuild();
}

}  // namespace wb::views
