// SPDX-License-Identifier: Apache-2.0
#include "views/graph/minimap.h"

#include <QGraphicsView>
#include <QMouseEvent>
#include <QPainter>

namespace wb::views {

MiniMap::MiniMap(QGraphicsView* view, QWidget* parent) : QWidget(parent), view_(view) {
    setFixedSize(220, 150);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click or drag to move the view"));
}

void MiniMap::invalidate() {
    stale_ = true;
    update();
}

// Where the scene rect lands inside this widget, aspect ratio kept.
QRectF MiniMap::mappedSceneRect() const {
    const QRectF scene = view_->sceneRect();
    if (scene.isEmpty()) return {};
    const QRectF area = QRectF(rect()).adjusted(6, 6, -6, -6);
    const double s = std::min(area.width() / scene.width(), area.height() / scene.height());
    const QSizeF size(scene.width() * s, scene.height() * s);
    return QRectF(area.center() - QPointF(size.width() / 2, size.height() / 2), size);
}

void MiniMap::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(0x9a, 0xa4, 0xb0), 1));
    p.setBrush(QColor(255, 255, 255, 235));
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    const QRectF target = mappedSceneRect();
    if (target.isEmpty() || !view_->scene()) return;
    if (stale_ || cache_.size() != size() * devicePixelRatioF()) {
        cache_ = QPixmap(size() * devicePixelRatioF());
        cache_.setDevicePixelRatio(devicePixelRatioF());
        cache_.fill(Qt::transparent);
        QPainter cp(&cache_);
        cp.setRenderHint(QPainter::Antialiasing);
        view_->scene()->render(&cp, target, view_->sceneRect());
        stale_ = false;
    }
    p.drawPixmap(0, 0, cache_);
    // The visible area, in minimap coordinates.
    const QRectF scene = view_->sceneRect();
    const QRectF visible = view_->mapToScene(view_->viewport()->rect()).boundingRect().intersected(scene);
    const double s = target.width() / scene.width();
    const QRectF frame(target.left() + (visible.left() - scene.left()) * s, target.top() + (visible.top() - scene.top()) * s,
                       visible.width() * s, visible.height() * s);
    p.setPen(QPen(QColor(0x1e, 0x6f, 0xe8), 1.5));
    p.setBrush(QColor(0x1e, 0x6f, 0xe8, 40));
    p.drawRect(frame);
}

void MiniMap::moveTo(QPointF pos) {
    const QRectF target = mappedSceneRect();
    if (target.isEmpty()) return;
    const QRectF scene = view_->sceneRect();
    const double s = scene.width() / target.width();
    view_->centerOn(scene.left() + (pos.x() - target.left()) * s, scene.top() + (pos.y() - target.top()) * s);
    update();
}

void MiniMap::mousePressEvent(QMouseEvent* event) { moveTo(event->position()); }
void MiniMap::mouseMoveEvent(QMouseEvent* event) {
    if (event->buttons() & Qt::LeftButton) moveTo(event->position());
}

}  // namespace wb::views
