// SPDX-License-Identifier: Apache-2.0
#include "views/graph/graph_scene.h"

#include <QtConcurrent/QtConcurrentRun>
#include <deque>

#include "views/graph/graph_items.h"
#include "views/graph/graph_metrics.h"
#include "views/graph/graph_palette.h"

namespace wb::views {

GraphScene::GraphScene(QObject* parent) : QGraphicsScene(parent) {
    setBackgroundBrush(palette::kBackground);
    // Items are rebuilt wholesale after each layout; a BSP tree would be rebuilt each time.
    setItemIndexMethod(QGraphicsScene::NoIndex);
    connect(&watcher_, &QFutureWatcher<LayoutResult>::finished, this, &GraphScene::onLayoutDone);
    connect(this, &QGraphicsScene::selectionChanged, this, &GraphScene::onSelectionChanged);
}

GraphScene::~GraphScene() {
    stop_ = true;
    watcher_.waitForFinished();
}

void GraphScene::clearGraph() {
    stop_ = true;
    watcher_.waitForFinished();
    clear();
    node_items_.clear();
    group_items_.clear();
    index_.reset();
    tree_.reset();
    cache_.clear();
    total_layout_ms_ = last_layout_ms_ = 0;
}

void GraphScene::setGraph(std::shared_ptr<const GraphIndex> index, std::shared_ptr<const GroupTree> tree) {
    clearGraph();
    index_ = std::move(index);
    tree_ = std::move(tree);
    const auto groups = static_cast<std::size_t>(tree_->group_count());
    expanded_.assign(groups, 0);
    dirty_.assign(groups, 1);
    cache_.assign(groups, nullptr);
    expanded_[static_cast<std::size_t>(tree_->root())] = 1;
    if (index_->size() <= metrics::kExpandAllLimit) {
        std::fill(expanded_.begin(), expanded_.end(), 1);
    } else {
        // Breadth-first: open groups while the view stays small enough to read and to lay out fast.
        int visible = static_cast<int>(tree_->group(tree_->root()).items.size());
        std::deque<int> queue;
        for (const auto& item : tree_->group(tree_->root()).items)
            if (item.is_group) queue.push_back(item.id);
        while (!queue.empty()) {
            const int g = queue.front();
            queue.pop_front();
            const int grow = static_cast<int>(tree_->group(g).items.size()) - 1;
            if (visible + grow > metrics::kInitialVisibleItems) continue;
            visible += grow;
            expanded_[static_cast<std::size_t>(g)] = 1;
            for (const auto& item : tree_->group(g).items)
                if (item.is_group) queue.push_back(item.id);
        }
    }
    startLayout();
}

void GraphScene::setExpanded(int group, bool expanded) {
    if (!tree_ || group == tree_->root() || isExpanded(group) == expanded) return;
    expanded_[static_cast<std::size_t>(group)] = expanded ? 1 : 0;
    mark_dirty_up(*tree_, tree_->group(group).parent, dirty_);
    pending_toggle_ = group;
    startLayout();
}

void GraphScene::toggleGroup(int group) { setExpanded(group, !isExpanded(group)); }

void GraphScene::expandAll() {
    if (!tree_) return;
    std::fill(expanded_.begin(), expanded_.end(), 1);
    startLayout();
}

void GraphScene::collapseAll() {
    if (!tree_) return;
    std::fill(expanded_.begin(), expanded_.end(), 0);
    expanded_[static_cast<std::size_t>(tree_->root())] = 1;
    dirty_[static_cast<std::size_t>(tree_->root())] = 1;
    startLayout();
}

void GraphScene::revealNode(int node) {
    if (!tree_ || node < 0 || node >= index_->size()) return;
    bool changed = false;
    for (int g = tree_->group_of_node(node); g >= 0; g = tree_->group(g).parent)
        if (!isExpanded(g)) {
            expanded_[static_cast<std::size_t>(g)] = 1;
            mark_dirty_up(*tree_, tree_->group(g).parent, dirty_);
            changed = true;
        }
    if (changed || layoutRunning()) {
        pending_reveal_ = node;
        startLayout();
        return;
    }
    if (auto* item = nodeItem(node)) {
        clearSelection();
        item->setSelected(true);
        emit focusRequested(item);
    }
}

void GraphScene::startLayout() {
    if (watcher_.isRunning()) {
        relayout_queued_ = true;
        return;
    }
    relayout_queued_ = false;
    stop_ = false;
    LayoutRequest request{tree_, expanded_, cache_, dirty_};
    emit layoutStarted();
    watcher_.setFuture(QtConcurrent::run([this, request = std::move(request)] {
        return run_layout(request, stop_, [this](int done, int total) { emit layoutProgress(done, total); });
    }));
}

void GraphScene::onLayoutDone() {
    const LayoutResult result = watcher_.result();
    if (!tree_ || result.cancelled) return;
    cache_ = result.cache;
    for (int g : result.laid_out) dirty_[static_cast<std::size_t>(g)] = 0;
    last_layout_ms_ = result.ms;
    total_layout_ms_ += result.ms;
    if (relayout_queued_) {  // the state changed meanwhile: lay out again before showing anything
        startLayout();
        return;
    }
    rebuildItems();
    emit layoutFinished(result.ms);
    if (pending_toggle_ >= 0) {
        const int g = std::exchange(pending_toggle_, -1);
        emit groupToggled(g);
    }
    if (pending_reveal_ >= 0) revealNode(std::exchange(pending_reveal_, -1));
}

void GraphScene::rebuildItems() {
    const int selected = selectedNode();
    QSignalBlocker block(this);
    clear();
    node_items_.assign(static_cast<std::size_t>(index_->size()), nullptr);
    group_items_.assign(static_cast<std::size_t>(tree_->group_count()), nullptr);
    placeGroup(tree_->root(), QPointF(0, 0));
    if (selected >= 0 && node_items_[static_cast<std::size_t>(selected)])
        node_items_[static_cast<std::size_t>(selected)]->setSelected(true);
    setSceneRect(itemsBoundingRect().adjusted(-60, -60, 60, 60));
}

void GraphScene::placeGroup(int group, QPointF origin) {
    const Group& grp = tree_->group(group);
    const auto& layout = cache_[static_cast<std::size_t>(group)];
    if (!layout) return;
    const auto& out = layout->layout;
    for (std::size_t i = 0; i < grp.items.size(); ++i) {
        const auto& member = grp.items[i];
        const QPointF pos = origin + QPointF(out.positions[i].x, out.positions[i].y);
        if (!member.is_group) {
            auto* item = new NodeGraphicsItem(this, member.id);
            item->setPos(pos);
            addItem(item);
            node_items_[static_cast<std::size_t>(member.id)] = item;
            continue;
        }
        const auto ci = static_cast<std::size_t>(member.id);
        const bool open = expanded_[ci] && cache_[ci];
        const QSizeF size = open ? QSizeF(cache_[ci]->width, cache_[ci]->height)
                                 : QSizeF(metrics::kGroupWidth, metrics::kGroupHeight);
        auto* item = new GroupGraphicsItem(this, member.id, open, size);
        item->setPos(pos);
        addItem(item);
        group_items_[ci] = item;
        if (open)
            placeGroup(member.id, pos + QPointF(metrics::kGroupMargin, metrics::kGroupHeader + metrics::kGroupMargin));
    }
    const auto& edges = index_->edges();
    for (std::size_t e = 0; e < grp.edges.size() && e < out.routes.size(); ++e) {
        const auto& route = out.routes[e];
        if (route.size() < 2) continue;
        QPolygonF poly;
        poly.reserve(static_cast<int>(route.size()));
        for (const auto& pt : route) poly << origin + QPointF(pt.x, pt.y);
        QString label = QString::fromStdString(index_->edge_label(edges[static_cast<std::size_t>(grp.edges[e].sample_edge)]));
        if (grp.edges[e].count > 1) label += QStringLiteral(" ×%1").arg(grp.edges[e].count);
        addItem(new EdgeGraphicsItem(poly, label));
    }
}

NodeGraphicsItem* GraphScene::nodeItem(int node) const {
    return node >= 0 && node < static_cast<int>(node_items_.size()) ? node_items_[static_cast<std::size_t>(node)] : nullptr;
}

GroupGraphicsItem* GraphScene::groupItem(int group) const {
    return group >= 0 && group < static_cast<int>(group_items_.size()) ? group_items_[static_cast<std::size_t>(group)] : nullptr;
}

int GraphScene::selectedNode() const {
    for (auto* item : selectedItems())
        if (item->type() == NodeGraphicsItem::Type) return static_cast<NodeGraphicsItem*>(item)->node();
    return -1;
}

int GraphScene::visibleNodeCount() const {
    int count = 0;
    for (auto* item : node_items_) count += item != nullptr;
    return count;
}

QGraphicsItem* GraphScene::visibleItemFor(int node) const {
    if (auto* item = nodeItem(node)) return item;
    if (!tree_) return nullptr;
    std::vector<int> chain;
    for (int g = tree_->group_of_node(node); g >= 0; g = tree_->group(g).parent) chain.push_back(g);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it)
        if (!isExpanded(*it)) return groupItem(*it);
    return nullptr;
}

void GraphScene::onSelectionChanged() { emit nodeSelected(selectedNode()); }

}  // namespace wb::views
