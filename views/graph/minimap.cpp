// SPDX-License-Identifier: Apache-2.0
#include "views/graph/minimap.h"

#include <QElapsedTimer>
#include <QGraphicsView>
#include <QMouseEvent>
#include <QPainter>

namespace wb::views {

MiniMap::MiniMap(QGraphicsView* view, QWidget* parent) : QWidget(parent), view_(view) {
    setFixedSize(220, 150);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click or drag to move the view"));
    render_timer_ = new QTimer(this);
    render_timer_->setSingleShot(true);
    render_timer_->setInterval(0);
    connect(render_timer_, &QTimer::timeout, this, &MiniMap::renderSome);
}

void MiniMap::invalidate() {
    next_band_ = 0;
    render_timer_->start();
}

void MiniMap::renderSome() {
    const QRectF target = mappedSceneRect();
    if (target.isEmpty() || !view_->scene() || !isVisible()) {  // a hidden minimap renders when shown
        cache_ = QPixmap();
        return update();
    }
    if (next_band_ == 0) {
        next_ = QPixmap(size() * devicePixelRatioF());
        next_.setDevicePixelRatio(devicePixelRatioF());
        next_.fill(Qt::transparent);
    }
    QElapsedTimer clock;
    clock.start();
    QPainter p(&next_);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF scene = view_->sceneRect();
    // Horizontal bands: render() clips to each target band, so an item across two is drawn in halves.
    do {
        const double t0 = double(next_band_) / kBands, t1 = double(next_band_ + 1) / kBands;
        const QRectF source(scene.left(), scene.top() + t0 * scene.height(), scene.width(), (t1 - t0) * scene.height());
        const QRectF band(target.left(), target.top() + t0 * target.height(), target.width(), (t1 - t0) * target.height());
        view_->scene()->render(&p, band, source, Qt::IgnoreAspectRatio);
    } while (++next_band_ < kBands && clock.elapsed() < kSliceMs);
    if (next_band_ < kBands) return render_timer_->start();
    p.end();
    cache_ = std::exchange(next_, QPixmap());
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
    if (!cache_.isNull()) p.drawPixmap(0, 0, cache_);
    else if (!render_timer_->isActive()) invalidate();  // first show
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
