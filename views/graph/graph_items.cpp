// SPDX-License-Identifier: Apache-2.0
#include "views/graph/graph_items.h"

#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

#include "views/graph/graph_metrics.h"
#include "views/graph/graph_scene.h"
#include "views/graph/graph_palette.h"

namespace wb::views {

NodeGraphicsItem::NodeGraphicsItem(const GraphScene* scene, int node) : scene_(scene), node_(node) {
    setFlags(ItemIsSelectable | ItemIsFocusable);
    setZValue(2);
    // No item cache: at overview zoom thousands of cached pixmaps thrash QPixmapCache, and a
    // node paints in microseconds anyway (an aliased box below metrics::kOverviewLod).
    refresh();
}

void NodeGraphicsItem::refresh() {
    const auto& nd = scene_->index().node(node_);
    const auto& style = scene_->index().style(node_);
    QString tip = QStringLiteral("<b>%1</b><br>%2").arg(QString::fromStdString(nd.name).toHtmlEscaped(),
                                                        QString::fromStdString(nd.op).toHtmlEscaped());
    if (!style.tfjs_supported)
        tip += QStringLiteral("<br><span style='color:%1'>%2</span><br>%3")
                   .arg(palette::kUnsupported.name(), style.tfjs_reason.toHtmlEscaped(), style.tfjs_hint.toHtmlEscaped());
    else if (!style.runtime_supported)
        tip += QStringLiteral("<br><span style='color:%1'>%2</span>")
                   .arg(palette::kRuntimeMissing.name(),
                        QCoreApplication::translate("wb::views::NodeGraphicsItem",
                                                    "The bundled runtime has no kernel for this op."));
    const QStringList bodies = scene_->calledFunctions(node_);
    calls_function_ = !bodies.isEmpty();
    if (calls_function_)
        tip += QStringLiteral("<br><span style='color:%1'>%2</span>")
                   .arg(palette::kLink.name(),
                        QCoreApplication::translate("wb::views::NodeGraphicsItem", "Calls %1: double-click (or Enter) to open the body")
                            .arg(bodies.join(QStringLiteral(", ")).toHtmlEscaped()));
    if (const NodeMark* mark = scene_->nodeMark(node_); mark && !mark->tooltip.isEmpty())
        tip += QStringLiteral("<br><span style='color:%1'>%2</span>").arg(mark->color.name(), mark->tooltip.toHtmlEscaped());
    setToolTip(tip);
    update();
}

QRectF NodeGraphicsItem::boundingRect() const {
    return {-6, -8, metrics::kNodeWidth + 14, metrics::kNodeHeight + 14};
}

void NodeGraphicsItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*) {
    const auto& style = scene_->index().style(node_);
    const QRectF box(0, 0, metrics::kNodeWidth, metrics::kNodeHeight);
    const qreal lod = option->levelOfDetailFromTransform(p->worldTransform());
    if (lod < metrics::kOverviewLod) {  // a few pixels: one aliased fill, support colour first
        const QColor fill = isSelected() ? palette::kSelection
                            : !style.tfjs_supported ? palette::kUnsupported
                            : !style.runtime_supported ? palette::kRuntimeMissing : palette::node_fill(style.fill);
        p->setRenderHint(QPainter::Antialiasing, false);
        p->fillRect(QRectF(0, 0, metrics::kNodeWidth, metrics::kNodeHeight), fill);
        return;
    }
    QColor border = palette::kNodeBorder;
    qreal border_width = 1;
    if (!style.tfjs_supported) { border = palette::kUnsupported; border_width = 3; }
    else if (!style.runtime_supported) { border = palette::kRuntimeMissing; border_width = 3; }
    if (isSelected()) {  // a halo, so a red (unsupported) border stays visible when selected
        p->setPen(QPen(palette::kSelection, 3));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(box.adjusted(-4, -4, 4, 4), 9, 9);
        if (border_width < 2) border = palette::kSelection;
    }
    const NodeMark* mark = scene_->nodeMark(node_);
    if (mark) {  // a workflow's mark (e.g. removed / fused / new) as a wide outer ring
        p->setPen(QPen(mark->color, 4));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(box.adjusted(-3, -3, 3, 3), 9, 9);
    }
    p->setPen(QPen(border, border_width));
    p->setBrush(palette::node_fill(style.fill));
    if (lod < 0.25) { p->drawRect(box); return; }
    p->drawRoundedRect(box, 7, 7);
    // Category stripe on the left edge.
    p->setPen(Qt::NoPen);
    p->setBrush(style.fill);
    p->drawRoundedRect(QRectF(1.5, 1.5, 7, metrics::kNodeHeight - 3), 3, 3);
    if (lod < 0.45) return;
    const auto& nd = scene_->index().node(node_);
    QFont font = p->font();
    font.setPointSizeF(9.5);
    font.setBold(true);
    p->setFont(font);
    p->setPen(palette::kText);
    const QRectF text_box = box.adjusted(14, 4, -8, -4);
    const QFontMetricsF fm(font);
    p->drawText(QRectF(text_box.left(), text_box.top(), text_box.width(), 18), Qt::AlignLeft | Qt::AlignVCenter,
                fm.elidedText(QString::fromStdString(nd.op), Qt::ElideRight, text_box.width()));
    font.setBold(false);
    font.setPointSizeF(8);
    p->setFont(font);
    p->setPen(palette::kSubtleText);
    const std::string& name = nd.name;
    const auto slash = name.rfind('/');
    const QString short_name = QString::fromStdString(slash == std::string::npos ? name : name.substr(slash + 1));
    p->drawText(QRectF(text_box.left(), text_box.top() + 19, text_box.width(), 16), Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetricsF(font).elidedText(short_name, Qt::ElideMiddle, text_box.width()));
    if (mark && !mark->tag.isEmpty()) {
        font.setBold(true);
        font.setPointSizeF(7);
        p->setFont(font);
        const qreal w = QFontMetricsF(font).horizontalAdvance(mark->tag) + 10;
        const QRectF tag(metrics::kNodeWidth - w - 14, metrics::kNodeHeight - 7, w, 13);
        p->setPen(Qt::NoPen);
        p->setBrush(mark->color);
        p->drawRoundedRect(tag, 6, 6);
        p->setPen(Qt::white);
        p->drawText(tag, Qt::AlignCenter, mark->tag);
    }
    if (calls_function_) {  // a link to the body, bottom right
        QFont italic = font;
        italic.setBold(true);
        italic.setItalic(true);
        italic.setPointSizeF(9);
        p->setFont(italic);
        p->setPen(palette::kLink);
        p->drawText(QRectF(metrics::kNodeWidth - 22, metrics::kNodeHeight - 20, 16, 18), Qt::AlignCenter, QStringLiteral("ƒ"));
        p->setFont(font);  // the view keeps painter state between items (DontSavePainterState)
    }
    if (!style.tfjs_supported || !style.runtime_supported) {
        const QColor badge = !style.tfjs_supported ? palette::kUnsupported : palette::kRuntimeMissing;
        const QRectF dot(metrics::kNodeWidth - 10, -6, 16, 16);
        p->setPen(QPen(Qt::white, 1.5));
        p->setBrush(badge);
        p->drawEllipse(dot);
        font.setBold(true);
        font.setPointSizeF(8);
        p->setFont(font);
        p->setPen(Qt::white);
        p->drawText(dot, Qt::AlignCenter, QStringLiteral("!"));
    }
}

void NodeGraphicsItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) {
    // scene_ is the read-only view the painting needs; activation goes through the live scene.
    if (auto* scene = qobject_cast<GraphScene*>(this->scene())) scene->activateNode(node_);
    event->accept();
}

GroupGraphicsItem::GroupGraphicsItem(GraphScene* scene, int group, bool expanded, QSizeF size)
    : scene_(scene), group_(group), expanded_(expanded), size_(size) {
    setFlags(ItemIsSelectable);
    // Nested frames stack by depth but always under the edges (z 1): deep scopes (ten levels in
    // Keras SavedModels) used to cover the edges between their own members.
    const double depth = scene->tree().group(group).depth;
    setZValue(expanded ? depth / (depth + 1) : 2);
    setAcceptedMouseButtons(Qt::LeftButton);
    const auto& g = scene->tree().group(group);
    QString tip = QStringLiteral("<b>%1</b><br>").arg(QString::fromStdString(g.full_path.empty() ? g.label : g.full_path).toHtmlEscaped());
    tip += tr("%n node(s)", nullptr, g.total_nodes);
    if (g.tfjs_unsupported) tip += QStringLiteral("<br>") + tr("%n not runnable in TensorFlow.js", nullptr, g.tfjs_unsupported);
    if (g.runtime_unsupported) tip += QStringLiteral("<br>") + tr("%n without a runtime kernel", nullptr, g.runtime_unsupported);
    tip += QStringLiteral("<br><i>") + (expanded ? tr("Click the title bar to collapse") : tr("Click to expand")) + QStringLiteral("</i>");
    setToolTip(tip);
}

QRectF GroupGraphicsItem::boundingRect() const {
    return QRectF(QPointF(0, 0), size_).adjusted(-4, -10, 10, 8);
}

void GroupGraphicsItem::paintBadges(QPainter* p, qreal right, qreal top) const {
    const auto& g = scene_->tree().group(group_);
    QFont font = p->font();
    font.setPointSizeF(8);
    font.setBold(true);
    p->setFont(font);
    const QFontMetricsF fm(font);
    auto badge = [&](int count, const QColor& color) {
        if (count <= 0) return;
        const QString text = QString::number(count);
        const qreal w = std::max<qreal>(20, fm.horizontalAdvance(text) + 12);
        const QRectF r(right - w, top, w, 18);
        p->setPen(QPen(Qt::white, 1.5));
        p->setBrush(color);
        p->drawRoundedRect(r, 9, 9);
        p->setPen(Qt::white);
        p->drawText(r, Qt::AlignCenter, text);
        right -= w + 4;
    };
    badge(g.tfjs_unsupported, palette::kUnsupported);
    badge(g.runtime_unsupported, palette::kRuntimeMissing);
}

void GroupGraphicsItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*) {
    const auto& g = scene_->tree().group(group_);
    const qreal lod = option->levelOfDetailFromTransform(p->worldTransform());
    const QRectF box(QPointF(0, 0), size_);
    const QColor border = isSelected() ? palette::kSelection : palette::kGroupBorder;
    if (lod < metrics::kOverviewLod) {  // aliased, cosmetic: thousands of these share one paint
        p->setRenderHint(QPainter::Antialiasing, false);
        p->setPen(QPen(g.tfjs_unsupported ? palette::kUnsupported : border, 0));
        p->setBrush(expanded_ ? QBrush(Qt::NoBrush) : QBrush(palette::kGroupFill));
        p->drawRect(box);
        return;
    }
    QFont font = p->font();
    if (!expanded_) {
        p->setPen(QPen(palette::kGroupBorder, 1));
        p->setBrush(palette::kGroupFillBack);
        p->drawRoundedRect(box.translated(5, 5), 8, 8);  // stacked-card hint: there is more inside
        p->setPen(QPen(border, isSelected() ? 3 : 1.2));
        p->setBrush(palette::kGroupFill);
        p->drawRoundedRect(box, 8, 8);
        if (lod < 0.35) return;
        font.setBold(true);
        font.setPointSizeF(9.5);
        p->setFont(font);
        p->setPen(palette::kText);
        const QRectF text_box = box.adjusted(12, 6, -26, -6);
        p->drawText(QRectF(text_box.left(), text_box.top(), text_box.width(), 22), Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetricsF(font).elidedText(QString::fromStdString(g.label), Qt::ElideMiddle, text_box.width()));
        font.setBold(false);
        font.setPointSizeF(8);
        p->setFont(font);
        p->setPen(palette::kSubtleText);
        p->drawText(QRectF(text_box.left(), text_box.top() + 24, text_box.width(), 18), Qt::AlignLeft | Qt::AlignVCenter,
                    tr("%n node(s)", nullptr, g.total_nodes));
        p->setPen(QPen(palette::kSubtleText, 1.6));
        const QPointF c(box.right() - 16, box.bottom() - 16);
        p->drawLine(c + QPointF(-5, 0), c + QPointF(5, 0));
        p->drawLine(c + QPointF(0, -5), c + QPointF(0, 5));
        paintBadges(p, box.right() + 6, -9);
        return;
    }
    QColor fill = palette::kExpandedFill;
    fill.setAlpha(std::min(255, 60 + 30 * g.depth));
    p->setPen(QPen(border, isSelected() ? 3 : 1.2, Qt::SolidLine));
    p->setBrush(fill);
    p->drawRoundedRect(box, 10, 10);
    const QRectF header(box.left(), box.top(), box.width(), metrics::kGroupHeader);
    p->setPen(Qt::NoPen);
    p->setBrush(palette::kGroupHeader);
    p->drawRoundedRect(header.adjusted(1, 1, -1, 0), 9, 9);
    if (lod < 0.3) return;
    font.setBold(true);
    font.setPointSizeF(9);
    p->setFont(font);
    p->setPen(palette::kText);
    const QString title = tr("%1  ·  %n node(s)", nullptr, g.total_nodes).arg(QString::fromStdString(g.label));
    p->drawText(header.adjusted(28, 0, -60, 0), Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetricsF(font).elidedText(title, Qt::ElideRight, header.width() - 88));
    p->setPen(QPen(palette::kSubtleText, 1.6));
    const QPointF c(header.left() + 14, header.center().y());
    p->drawLine(c + QPointF(-5, 0), c + QPointF(5, 0));
    paintBadges(p, box.right() - 8, header.top() + 6);
}

void GroupGraphicsItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    if (event->button() == Qt::LeftButton &&
        (!expanded_ || event->pos().y() <= metrics::kGroupHeader)) {
        scene_->toggleGroup(group_);
        event->accept();
        return;
    }
    QGraphicsItem::mousePressEvent(event);
}

EdgeGraphicsItem::EdgeGraphicsItem(const QPolygonF& route, QString label, bool control)
    : label_(std::move(label)), control_(control) {
    setZValue(1);
    if (route.size() < 2) return;
    // Smooth the polyline: straight to the first midpoint, quadratic curves through the bends.
    path_.moveTo(route.front());
    for (int i = 1; i + 1 < route.size(); ++i) {
        const QPointF mid = (route[i] + route[i + 1]) / 2;
        path_.quadTo(route[i], mid);
    }
    path_.lineTo(route.back());
    const QPointF tip = route.back();
    const QPointF from = route[route.size() - 2];
    const qreal angle = std::atan2(tip.y() - from.y(), tip.x() - from.x());
    const qreal size = 7;
    arrow_ << tip << tip - QPointF(std::cos(angle - 0.45) * size, std::sin(angle - 0.45) * size)
           << tip - QPointF(std::cos(angle + 0.45) * size, std::sin(angle + 0.45) * size);
    label_pos_ = path_.pointAtPercent(0.5) + QPointF(6, 0);
    bounds_ = path_.boundingRect().united(arrow_.boundingRect()).adjusted(-4, -4, 4, 4);
    if (!label_.isEmpty()) bounds_ = bounds_.united(QRectF(label_pos_ - QPointF(0, 10), QSizeF(label_.size() * 6.5 + 8, 14)));
}

QPainterPath EdgeGraphicsItem::shape() const {
    QPainterPathStroker stroker;
    stroker.setWidth(6);
    return stroker.createStroke(path_);
}

void EdgeGraphicsItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*) {
    const qreal lod = option->levelOfDetailFromTransform(p->worldTransform());
    if (lod < metrics::kOverviewLod) {  // an overview (or the minimap of 10,000 edges): one thin aliased stroke
        p->setRenderHint(QPainter::Antialiasing, false);
        p->setPen(QPen(palette::kEdge, 0));
        p->drawLine(path_.elementAt(0), path_.currentPosition());
        return;
    }
    p->setPen(QPen(palette::kEdge, 1.3, control_ ? Qt::DashLine : Qt::SolidLine));
    p->setBrush(Qt::NoBrush);
    p->drawPath(path_);
    p->setPen(Qt::NoPen);
    p->setBrush(palette::kEdge);
    p->drawPolygon(arrow_);
    if (lod < 0.7 || label_.isEmpty()) return;
    QFont font = p->font();
    font.setPointSizeF(7);
    p->setFont(font);
    p->setPen(palette::kEdgeLabel);
    p->drawText(label_pos_, label_);
}

}  // namespace wb::views
