// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QColor>
#include <QFutureWatcher>
#include <QGraphicsScene>
#include <QPolygonF>
#include <QStringList>
#include <QTimer>
#include <atomic>
#include <memory>
#include <vector>

#include "views/graph/graph_index.h"
#include "views/graph/group_tree.h"
#include "views/graph/layout_job.h"
#include "views/graph/scene_plan.h"

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

// What the layout worker hands back: the layouts and the scene planned from them.
struct LaidOutScene {
    LayoutResult layout;
    ScenePlan plan;
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

    // The function library call nodes link to: the shown model's own, unless set (a function
    // body's scene links to the library of the model it came from). Kept by clearGraph().
    void setFunctionLibrary(std::shared_ptr<const ir::Model> owner) { library_owner_ = std::move(owner); }
    // The bodies `node` calls (see called_functions), main one first; empty for other nodes.
    QStringList calledFunctions(int node) const;
    // Double-click / Enter on a node: a call node asks for its (first) body.
    void activateNode(int node);

signals:
    void layoutStarted();
    void layoutProgress(int done, int total);
    void buildStarted();  // items are being rebuilt, in slices, until layoutFinished
    void layoutFinished(double ms);
    void nodeSelected(int node);  // -1 when the selection is not a node
    void groupToggled(int group);
    void focusRequested(QGraphicsItem* item);
    void functionRequested(const QString& name);  // show this library function's body

private:
    void startLayout();
    void onLayoutDone();
    void rebuildItems(ScenePlan plan);
    void buildSlice();
    void finishBuild();
    void onSelectionChanged();

    // The next scene (planned on the worker), turned into items in time-boxed slices so that
    // rebuilding 10,000 items (expand all) never blocks the UI thread for long.
    ScenePlan plan_;
    QRectF next_rect_;  // the planned scene's rect, set once its items exist
    qint64 slice_ms_ = 20;
    std::vector<QGraphicsItem*> doomed_;  // old items deleted in the first slices
    std::size_t next_doomed_ = 0, next_node_ = 0, next_group_ = 0, next_edge_ = 0;
    bool building_ = false;
    int reselect_ = -1;
    QTimer build_timer_;
    std::vector<EdgeGraphicsItem*> edge_items_;
    std::vector<NodeMark> marks_;

    std::shared_ptr<const GraphIndex> index_;
    std::shared_ptr<const GroupTree> tree_;
    std::shared_ptr<const ir::Model> library_owner_;
    std::vector<char> expanded_, dirty_;
    LayoutCache cache_;
    QFutureWatcher<LaidOutScene> watcher_;
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
