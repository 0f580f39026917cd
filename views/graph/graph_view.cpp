// SPDX-License-Identifier: Apache-2.0
#include "views/graph/graph_view.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QScrollBar>
#include <QWheelEvent>

#include "views/graph/graph_items.h"
#include "views/graph/graph_scene.h"
#include "views/graph/minimap.h"

namespace wb::views {

GraphView::GraphView(GraphScene* scene, QWidget* parent) : QGraphicsView(scene, parent), scene_(scene) {
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState | QGraphicsView::DontAdjustForAntialiasing);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    minimap_ = new MiniMap(this, this);
    // While items are rebuilt in slices the view is not repainted after each slice: at overview
    // zoom one paint of 10,000 items costs more than a slice, and the half-built scene is noise.
    // Scrolling still paints; the finished scene is painted once. (A new layout also restores
    // updates, in case a build was abandoned by clearGraph.)
    connect(scene_, &GraphScene::buildStarted, this, [this] { setViewportUpdateMode(QGraphicsView::NoViewportUpdate); });
    connect(scene_, &GraphScene::layoutStarted, this, [this] { setViewportUpdateMode(QGraphicsView::SmartViewportUpdate); });
    connect(scene_, &GraphScene::layoutFinished, this, [this] {
        setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
        viewport()->update();
        minimap_->invalidate();
        placeMiniMap();
    });
    connect(scene_, &GraphScene::focusRequested, this, &GraphView::centreOn);
    connect(scene_, &GraphScene::groupToggled, this, [this](int g) {
        if (auto* item = scene_->groupItem(g)) ensureVisible(item, 40, 40);
    });
}

void GraphView::zoomBy(double factor) {
    const double level = zoomLevel() * factor;
    if (level < 0.02 || level > 6) return;
    scale(factor, factor);
    minimap_->update();
    emit zoomChanged(zoomLevel());
}

void GraphView::fitAll() {
    if (!scene_->hasGraph()) return;
    fitInView(scene_->itemsBoundingRect().adjusted(-20, -20, 20, 20), Qt::KeepAspectRatio);
    // Never magnify small graphs past 1:1, and keep huge ones readable as an overview.
    if (zoomLevel() > 1.0) resetZoom();
    minimap_->update();
    emit zoomChanged(zoomLevel());
}

void GraphView::resetZoom() {
    setTransform(QTransform());
    emit zoomChanged(1.0);
}

void GraphView::setMiniMapVisible(bool visible) {
    minimap_->setVisible(visible);
    placeMiniMap();
}

bool GraphView::miniMapVisible() const { return minimap_->isVisible(); }

void GraphView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) return;
    zoomBy(std::pow(1.15, steps));
    event->accept();
}

void GraphView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Down: walk(true); return;
    case Qt::Key_Up: walk(false); return;
    case Qt::Key_Left: cycle(-1); return;
    case Qt::Key_Right: cycle(1); return;
    case Qt::Key_Plus: case Qt::Key_Equal: zoomBy(1.25); return;
    case Qt::Key_Minus: zoomBy(0.8); return;
    case Qt::Key_Return: case Qt::Key_Enter:
        for (auto* item : scene_->selectedItems()) {
            if (item->type() == GroupGraphicsItem::Type) scene_->toggleGroup(static_cast<GroupGraphicsItem*>(item)->group());
            if (item->type() == NodeGraphicsItem::Type) scene_->activateNode(static_cast<NodeGraphicsItem*>(item)->node());
        }
        return;
    default: QGraphicsView::keyPressEvent(event);
    }
}

// Up/Down: move to the first input / output of the selected node; remember the others.
void GraphView::walk(bool downstream) {
    const int node = scene_->selectedNode();
    if (node < 0) return;
    const auto& index = scene_->index();
    walk_choices_.clear();
    for (int e : downstream ? index.out_edges(node) : index.in_edges(node)) {
        const auto& edge = index.edges()[static_cast<std::size_t>(e)];
        const int next = downstream ? edge.dst : edge.src;
        if (std::find(walk_choices_.begin(), walk_choices_.end(), next) == walk_choices_.end())
            walk_choices_.push_back(next);
    }
    walk_pos_ = 0;
    if (!walk_choices_.empty()) selectAndShow(walk_choices_.front());
}

void GraphView::cycle(int step) {
    if (walk_choices_.size() < 2) return;
    const int n = static_cast<int>(walk_choices_.size());
    walk_pos_ = ((walk_pos_ + step) % n + n) % n;
    selectAndShow(walk_choices_[static_cast<std::size_t>(walk_pos_)]);
}

void GraphView::selectAndShow(int node) { scene_->revealNode(node); }

void GraphView::centreOn(QGraphicsItem* item) {
    if (!item) return;
    // A focused node must be readable: zoom in to 100% when the overview is too small for text.
    if (zoomLevel() < 0.75) {
        setTransform(QTransform());
        emit zoomChanged(1.0);
    }
    centerOn(item);
    minimap_->update();
}

// Right-click on a call node: one entry per function body it names (While: body and cond...).
void GraphView::contextMenuEvent(QContextMenuEvent* event) {
    QGraphicsItem* item = itemAt(event->pos());
    while (item && item->type() != NodeGraphicsItem::Type) item = item->parentItem();
    if (!item) return QGraphicsView::contextMenuEvent(event);
    const int node = static_cast<NodeGraphicsItem*>(item)->node();
    const QStringList bodies = scene_->calledFunctions(node);
    if (bodies.isEmpty()) return QGraphicsView::contextMenuEvent(event);
    scene_->clearSelection();
    item->setSelected(true);
    QMenu menu(this);
    for (const QString& name : bodies)
        menu.addAction(tr("Open function body “%1”").arg(name), this, [this, name] { emit scene_->functionRequested(name); });
    menu.exec(event->globalPos());
    event->accept();
}

void GraphView::placeMiniMap() {
    minimap_->move(viewport()->width() - minimap_->width() - 12, viewport()->height() - minimap_->height() - 12);
    minimap_->raise();
}

void GraphView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    placeMiniMap();
}

void GraphView::scrollContentsBy(int dx, int dy) {
    QGraphicsView::scrollContentsBy(dx, dy);
    minimap_->update();
    placeMiniMap();  // the minimap is a child of the view, keep it pinned to the corner
}

}  // namespace wb::views
