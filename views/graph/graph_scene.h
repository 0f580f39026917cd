// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QColor>
#include <QFutureWatcher>
#include <QGraphicsScene>
#include <QPolygonF>
#include <QTimer>
#include <atomic>
#include <memory>
#include <vector>

#include "views/graph/graph_index.h"
#include "views/graph/group_tree.h"
#include "views/graph/layout_job.h"

namespace wb::views {

class NodeGraphicsItem;
class GroupGraphicsItem;
class EdgeGraphicsItem;

// A mark a workflow puts on a node (simplification diff: removed / fused / new): a coloured
// ring, a short tag drawn on the node and a line added to its tooltip.
struct NodeMark {
    QColor color;
    QString tag;
    QString tooltip;
};

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

    // True while a layout runs or its items are still being built.
    bool layoutRunning() const { return watcher_.isRunning() || building_; }
    // Longest stretch of item building between event-loop turns (> 0; tests shorten it to see slicing).
    void setSliceMs(qint64 ms) { slice_ms_ = ms; }
    void cancelLayout() { stop_ = true; }
    double totalLayoutMs() const { return total_layout_ms_; }
    double lastLayoutMs() const { return last_layout_ms_; }

    NodeGraphicsItem* nodeItem(int node) const;
    GroupGraphicsItem* groupItem(int group) const;
    int selectedNode() const;
    int visibleNodeCount() const;
    // The item that currently shows `node`: the node itself or its outermost collapsed group.
    QGraphicsItem* visibleItemFor(int node) const;

    // Per-node marks (indexed like the graph's nodes; empty = none). Repaints, no relayout.
    void setNodeMarks(std::vector<NodeMark> marks);
    const NodeMark* nodeMark(int node) const;

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
    void planGroup(int group, QPointF origin);
    void planEdges(int group, QPointF origin);
    QRectF plannedBoxFor(int node) const;
    void buildSlice();
    void finishBuild();
    void onSelectionChanged();

    // The next scene, computed at once (cheap), then turned into items in time-boxed slices so
    // that rebuilding 10,000 items (expand all) never blocks the UI thread for long.
    struct GroupSpec {
        int group = 0;
        QPointF pos;
        QSizeF size;
        bool open = false;
    };
    struct EdgeSpec {
        QPolygonF route;
        QString label;
        bool control = false;
    };
    std::vector<QPointF> node_pos_;  // planned top-left per node; NaN x = not shown
    std::vector<GroupSpec> group_specs_;
    std::vector<int> group_spec_of_;  // per group: index into group_specs_ or -1
    std::vector<EdgeSpec> edge_specs_;
    qint64 slice_ms_ = 20;
    std::vector<QGraphicsItem*> doomed_;  // old items deleted in the first slices
    std::vector<int> node_order_;         // nodes to place, in plan order
    std::size_t next_doomed_ = 0, next_node_ = 0, next_group_ = 0, next_edge_ = 0;
    bool building_ = false;
    int reselect_ = -1;
    QTimer build_timer_;
    std::vector<EdgeGraphicsItem*> edge_items_;
    std::vector<NodeMark> marks_;

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
