// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QCoreApplication>
#include <QGraphicsItem>
#include <QPainterPath>

namespace wb::views {

class GraphScene;

// One IR node: a rounded box coloured by op category, red/amber when TensorFlow.js / our
// runtime cannot run it.
class NodeGraphicsItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };
    NodeGraphicsItem(const GraphScene* scene, int node);
    int type() const override { return Type; }
    int node() const { return node_; }
    // Re-reads the node's mark (tooltip and look) after GraphScene::setNodeMarks.
    void refresh();
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;

private:
    const GraphScene* scene_;
    int node_;
    bool calls_function_ = false;  // a call node: drawn with an "ƒ" tag, double-click opens the body
};

// A name-scope group: a stacked card when collapsed, a titled frame around its members
// when expanded. A click on the card (or on the frame's title bar) toggles it.
class GroupGraphicsItem : public QGraphicsItem {
    Q_DECLARE_TR_FUNCTIONS(GroupGraphicsItem)

public:
    enum { Type = UserType + 2 };
    GroupGraphicsItem(GraphScene* scene, int group, bool expanded, QSizeF size);
    int type() const override { return Type; }
    int group() const { return group_; }
    bool expanded() const { return expanded_; }
    QSizeF size() const { return size_; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;

private:
    void paintBadges(QPainter* painter, qreal right, qreal top) const;
    GraphScene* scene_;
    int group_;
    bool expanded_;
    QSizeF size_;
};

// An edge drawn along its layout route, with an arrow and a dtype/shape label (the label
// only when zoomed in far enough to read it). Control dependencies are dashed.
class EdgeGraphicsItem : public QGraphicsItem {
public:
    enum { Type = UserType + 3 };
    EdgeGraphicsItem(const QPolygonF& route, QString label, bool control = false);
    bool control() const { return control_; }
    const QPainterPath& path() const { return path_; }
    int type() const override { return Type; }
    QRectF boundingRect() const override { return bounds_; }
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QPainterPath path_;
    QPolygonF arrow_;
    QString label_;
    QPointF label_pos_;
    QRectF bounds_;
    bool control_ = false;
};

}  // namespace wb::views
