// SPDX-License-Identifier: Apache-2.0
#include "views/graph/graph_scene.h"

#include <QtConcurrent/QtConcurrentRun>
#include <deque>

#include "views/graph/function_calls.h"
#include "views/graph/graph_items.h"
#include "views/graph/graph_metrics.h"
#include "views/graph/graph_palette.h"

namespace wb::views {

GraphScene::GraphScene(QObject* parent) : QGraphicsScene(parent) {
    setBackgroundBrush(palette::kBackground);
    // A BSP index: without one every paint (and the minimap's banded render) walks all items,
    // 27,000 after expanding a 10,000-node graph. Items come and go in slices, so the index is
    // updated a slice at a time.
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    build_timer_.setSingleShot(true);
    build_timer_.setInterval(0);
    connect(&build_timer_, &QTimer::timeout, this, &GraphScene::buildSlice);
    connect(&watcher_, &QFutureWatcher<LaidOutScene>::finished, this, &GraphScene::onLayoutDone);
    connect(this, &QGraphicsScene::selectionChanged, this, &GraphScene::onSelectionChanged);
}

GraphScene::~GraphScene() {
    stop_ = true;
    watcher_.waitForFinished();
}

void GraphScene::clearGraph() {
    stop_ = true;
    watcher_.waitForFinished();
    build_timer_.stop();
    building_ = false;
    next_rect_ = QRectF();
    clear();  // deletes the doomed items too: they are still in the scene
    node_items_.clear();
    group_items_.clear();
    edge_items_.clear();
    doomed_.clear();
    next_doomed_ = 0;
    marks_.clear();
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
    watcher_.setFuture(QtConcurrent::run([this, request = std::move(request), index = index_] {
        LaidOutScene out;
        // At most one progress signal per percent: one per group would queue thousands of events.
        out.layout = run_layout(request, stop_, [this, last = -1](int done, int total) mutable {
            if (const int percent = done * 100 / std::max(1, total); percent != last) {
                last = percent;
                emit layoutProgress(done, total);
            }
        });
        if (!out.layout.cancelled) out.plan = plan_scene(*index, *request.tree, out.layout.cache, request.expanded);
        return out;
    }));
}

void GraphScene::onLayoutDone() {
    LaidOutScene done = watcher_.result();
    const LayoutResult& result = done.layout;
    if (!tree_ || result.cancelled) return;
    cache_ = result.cache;
    for (int g : result.laid_out) dirty_[static_cast<std::size_t>(g)] = 0;
    last_layout_ms_ = result.ms;
    total_layout_ms_ += result.ms;
    if (relayout_queued_) {  // the state changed meanwhile: lay out again before showing anything
        startLayout();
        return;
    }
    rebuildItems(std::move(done.plan));  // finishBuild() announces the result once the items exist
}

void GraphScene::finishBuild() {
    building_ = false;
    if (watcher_.isRunning()) return;  // a newer layout is under way; it announces itself
    emit layoutFinished(last_layout_ms_);
    if (pending_toggle_ >= 0) {
        const int g = std::exchange(pending_toggle_, -1);
        emit groupToggled(g);
    }
    if (pending_reveal_ >= 0) revealNode(std::exchange(pending_reveal_, -1));
}

void GraphScene::setNodeMarks(std::vector<NodeMark> marks) {
    marks_ = std::move(marks);
    for (auto* item : node_items_)
        if (item) item->refresh();
}

const NodeMark* GraphScene::nodeMark(int node) const {
    if (node < 0 || node >= static_cast<int>(marks_.size())) return nullptr;
    const auto& mark = marks_[static_cast<std::size_t>(node)];
    return mark.color.isValid() ? &mark : nullptr;
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

QStringList GraphScene::calledFunctions(int node) const {
    if (!index_ || node < 0 || node >= index_->size()) return {};
    const auto& library = library_owner_ ? library_owner_->graph.functions : index_->graph().functions;
    return called_functions(index_->node(node), library);
}

void GraphScene::activateNode(int node) {
    const QStringList bodies = calledFunctions(node);
    if (!bodies.isEmpty()) emit functionRequested(bodies.front());
}

}  // namespace wb::views
