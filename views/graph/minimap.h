// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QWidget>

class QGraphicsView;

namespace wb::views {

// An overview of the whole scene with the visible area outlined; click or drag to move there.
// Renders the scene into a cached pixmap after each layout (not on every scroll).
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

    QGraphicsView* view_;
    QPixmap cache_;
    bool stale_ = true;
};

}  // namespace wb::views
