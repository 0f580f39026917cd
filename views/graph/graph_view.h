// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QGraphicsView>

namespace wb::views {

class GraphScene;
class MiniMap;

// Zoom (wheel, +/-), pan (drag), fit, a minimap in the corner and keyboard walking along
// edges: Down follows an output, Up an input, Left/Right switch between the alternatives of
// the last step, Enter toggles a selected group or opens a selected call node's function body
// (also on double-click and from the context menu).
class GraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit GraphView(GraphScene* scene, QWidget* parent = nullptr);
    GraphScene* graphScene() const { return scene_; }

    void zoomBy(double factor);
    void fitAll();
    void resetZoom();
    double zoomLevel() const { return transform().m11(); }
    void setMiniMapVisible(bool visible);
    bool miniMapVisible() const;

signals:
    void zoomChanged(double level);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void walk(bool downstream);
    void cycle(int step);
    void selectAndShow(int node);
    void centreOn(QGraphicsItem* item);
    void placeMiniMap();

    GraphScene* scene_;
    MiniMap* minimap_;
    std::vector<int> walk_choices_;  // the alternatives of the last Up/Down step
    int walk_pos_ = 0;
};

}  // namespace wb::views
