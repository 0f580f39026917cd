// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QPixmap>
#include <QTimer>
#include <QWidget>

class QGraphicsView;

namespace wb::views {

// An overview of the whole scene with the visible area outlined; click or drag to move there.
// Renders the scene into a cached pixmap after each layout (not on every scroll), band by band
// between event-loop turns: drawing 10,000 nodes and their edges at once would stall the UI.
class MiniMap : public QWidget {
    Q_OBJECT
public:
    explicit MiniMap(QGraphicsView* view, QWidget* parent = nullptr);
    void invalidate();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    QRectF mappedSceneRect() const;
    void moveTo(QPointF widget_pos);
    void renderSome();  // the next bands of next_, within kSliceMs; swaps it in when complete

    static constexpr int kBands = 24;
    static constexpr int kSliceMs = 12;
    QGraphicsView* view_;
    QPixmap cache_;  // what is shown
    QPixmap next_;   // being rendered
    int next_band_ = 0;
    QTimer* render_timer_;
};

}  // namespace wb::views
