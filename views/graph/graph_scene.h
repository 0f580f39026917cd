// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QFutureWatcher>
#include <QGraphicsScene>
#include <atomic>
#include <memory>
#include <vector>

#include "views/graph/graph_index.h"
#include "views/graph/group_tree.h"
#include "views/graph/layout_job.h"

namespace wb::views {

class NodeGraphicsItem;
class GroupGraphicsItem;

// The graph as a scene: owns the expansion state, runs layouts on a worker thread
// (QtConcurrent) and turns finished layouts into items. Expanding a group lays out only
// that group and its ancestors; every other group's layout comes from the cache.
class GraphScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit GraphScene(QObject* parent = nullptr);
    ~GraphScene() override;

    // Shows a model; starts the first layout (big graphs open with groups collapsed).
    void setGraph(std::shared_ptr<const GraphIndex> index, std::shared_ptr<const GroupTree> tree);
    void clearGraph();
    bool hasGraph() const { return index_ != nullptr; }
    const GraphIndex& index() const { return *index_; }
    const GroupTree& tree() const { return *tree_; }

    bool isExpanded(int group) const { return expanded_[static_cast<std::size_t>(group)] != 0; }
    void setExpanded(int group, bool expanded);
    void toggleGroup(int group);
    void expandAll();
    void collapseAll();
    // Expands the node's groups if needed, then selects it and asks views to centre on it.
    void revealNode(int node);

    bool layoutRunning() const { return watcher_.isRunning(); }
    void cancelLayout() { stop_ = true; }
    double totalLayoutMs() const { return total_layout_ms_; }
    double lastLayoutMs() const { return last_layout_ms_; }

    NodeGraphicsItem* nodeItem(int node) const;
    GroupGraphicsItem* groupItem(int group) const;
    int selectedNode() const;
    int visibleNodeCount() const;
    // The item that currently shows `node`: the node itself or its outermost collapsed group.
    QGraphicsItem* visibleItemFor(int node) const;

signals:
    void layoutStarted();
    void layoutProgress(int done, int total);
    void layoutFinished(double ms);
    void nodeSelected(int node);  // -1 when the selection is not a node
    void groupToggled(int group);
    void focusRequested(QGraphicsItem* item);

private:
    void startLayout();
    void onLayoutDone();
    void rebuildItems();
    void placeGroup(int group, QPointF origin);
    void onSelectionChanged();

    std::shared_ptr<const GraphIndex> index_;
    std::shared_ptr<const GroupTree> tree_;
    std::vector<char> expanded_, dirty_;
    LayoutCache cache_;
    QFutureWatcher<LayoutResult> watcher_;
    std::atomic<bool> stop_{false};
    bool relayout_queued_ = false;
    int pending_reveal_ = -1;
    int pending_toggle_ = -1;
    double total_layout_ms_ = 0;
    double last_layout_ms_ = 0;
    std::vector<NodeGraphicsItem*> node_items_;
    std::vector<GroupGraphicsItem*> group_items_;
};

}  // namespace wb::views
