// SPDX-License-Identifier: Apache-2.0
#include "views/graph/heat_overlay.h"

#include <QGraphicsItem>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "analysis/quant_report.h"
#include "runtime/bench.h"
#include "views/charts/heat_legend.h"
#include "views/graph/graph_items.h"
#include "views/graph/graph_metrics.h"
#include "views/graph/graph_scene.h"
#include "views/graph/graph_view.h"

namespace wb::views {
namespace {

// A tint over a node box or collapsed group card. Takes no mouse button, so clicks reach the
// node or group beneath; its tooltip adds the value to the item's own.
class HeatMarkItem : public QGraphicsItem {
public:
    enum { Type = UserType + 40 };
    HeatMarkItem(QGraphicsItem* parent, QRectF box, QColor color) : QGraphicsItem(parent), box_(box), color_(color) {
        setAcceptedMouseButtons(Qt::NoButton);
        setAcceptHoverEvents(false);
    }
    int type() const override { return Type; }
    QRectF boundingRect() const override { return box_.adjusted(-2, -2, 2, 2); }
    void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override {
        QColor fill = color_;
        fill.setAlpha(120);
        p->setPen(QPen(color_.darker(115), 3));
        p->setBrush(fill);
        p->drawRoundedRect(box_, 7, 7);
    }

private:
    QRectF box_;
    QColor color_;
};

QString format_value(double v, const QString& unit) {
    const QString number = QString::number(v, 'g', 4);
    return unit.isEmpty() ? number : number + QLatin1Char(' ') + unit;
}

void remove_marks(QGraphicsItem* item) {
    const auto children = item->childItems();
    for (QGraphicsItem* child : children)
        if (child->type() == HeatMarkItem::Type) delete child;
}

}  // namespace

QColor heat_color(double t) {
    static const QColor stops[] = {QColor(0xff, 0xff, 0xb2), QColor(0xfe, 0xcc, 0x5c), QColor(0xfd, 0x8d, 0x3c),
                                   QColor(0xf0, 0x3b, 0x20), QColor(0xbd, 0x00, 0x26)};
    t = std::clamp(t, 0.0, 1.0) * 4.0;
    const int i = std::min(3, static_cast<int>(t));
    const double f = t - i;
    const QColor &a = stops[i], &b = stops[i + 1];
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * f),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * f),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * f));
}

void finish_layer(HeatLayer& layer) {
    double low = INFINITY, high = -INFINITY, low_positive = INFINITY;
    for (const auto& [name, v] : layer.values) {
        if (!std::isfinite(v)) continue;
        low = std::min(low, v);
        high = std::max(high, v);
        if (v > 0) low_positive = std::min(low_positive, v);
    }
    if (!std::isfinite(low)) low = high = 0;
    // Errors and times are skewed: a few layers dominate. A log ramp keeps the rest apart.
    layer.log_scale = std::isfinite(low_positive) && high > 100 * low_positive;
    layer.low = layer.log_scale ? low_positive : low;
    layer.high = high;
}

std::vector<std::pair<QString, HeatLayer>> quant_error_layers(const analysis::QuantReport& report) {
    std::vector<std::pair<QString, HeatLayer>> out;
    for (const auto& config : report.configs) {
        HeatLayer layer;
        layer.title = HeatOverlay::tr("Quantization RMSE (%1)").arg(QString::fromStdString(config.name));
        for (const auto& n : config.nodes) {
            const std::string node = n.name.substr(0, n.name.rfind(':') == std::string::npos ? n.name.size() : n.name.rfind(':'));
            double& v = layer.values[node];
            v = std::max(v, n.metrics.rmse);
        }
        finish_layer(layer);
        out.emplace_back(QStringLiteral("quant:") + QString::fromStdString(config.name), std::move(layer));
    }
    return out;
}

HeatLayer bench_time_layer(const runtime::BenchResult& result) {
    HeatLayer layer;
    layer.title = HeatOverlay::tr("Time per run");
    layer.unit = HeatOverlay::tr("ms");
    for (const auto& n : result.nodes) layer.values[n.node] += n.ms;
    finish_layer(layer);
    return layer;
}

HeatOverlay* HeatOverlay::of(GraphView* view) {
    if (auto* existing = view->findChild<HeatOverlay*>(QString(), Qt::FindDirectChildrenOnly)) return existing;
    return new HeatOverlay(view);
}

HeatOverlay::HeatOverlay(GraphView* view) : QObject(view), view_(view), legend_(new HeatLegend(view)) {
    legend_->hide();
    connect(view->graphScene(), &GraphScene::layoutFinished, this, &HeatOverlay::apply);
    connect(legend_, &HeatLegend::layerChosen, this, &HeatOverlay::showLayer);
}

void HeatOverlay::setLayer(const QString& id, HeatLayer layer, bool show) {
    layers_[id] = std::move(layer);
    if (show) current_ = id;
    apply();
}

void HeatOverlay::setQuantReport(const analysis::QuantReport& report) {
    for (auto it = layers_.begin(); it != layers_.end();)  // configurations no longer compared go
        it = it->first.startsWith(QLatin1String("quant:")) ? layers_.erase(it) : std::next(it);
    auto layers = quant_error_layers(report);
    const bool keep = current_.startsWith(QLatin1String("quant:"));
    for (auto& [id, layer] : layers) layers_[id] = std::move(layer);
    if (!layers.empty() && (!keep || !layers_.count(current_))) current_ = layers.back().first;  // the coarsest dtype
    apply();
}

void HeatOverlay::setBenchResult(const runtime::BenchResult& result, const QString& id) {
    setLayer(id.isEmpty() ? QStringLiteral("bench") : id, bench_time_layer(result));
}

void HeatOverlay::clear() {
    layers_.clear();
    current_.clear();
    apply();
}

void HeatOverlay::showLayer(const QString& id) {
    current_ = layers_.count(id) ? id : QString();
    apply();
}

QStringList HeatOverlay::layerIds() const {
    QStringList ids;
    for (const auto& [id, layer] : layers_) ids << id;
    return ids;
}

const HeatLayer* HeatOverlay::layer(const QString& id) const {
    auto it = layers_.find(id);
    return it == layers_.end() ? nullptr : &it->second;
}

double HeatOverlay::position(double value) const {
    const HeatLayer* l = layer(current_);
    if (!l || !(l->high > l->low)) return 1.0;
    if (l->log_scale) return value <= 0 ? 0.0 : std::clamp(std::log(value / l->low) / std::log(l->high / l->low), 0.0, 1.0);
    return std::clamp((value - l->low) / (l->high - l->low), 0.0, 1.0);
}

QColor HeatOverlay::nodeColor(int node) const {
    const HeatLayer* l = layer(current_);
    GraphScene* scene = view_->graphScene();
    if (!l || !scene->hasGraph() || node < 0 || node >= scene->index().size()) return {};
    auto it = l->values.find(scene->index().node(node).name);
    return it == l->values.end() ? QColor() : heat_color(position(it->second));
}

void HeatOverlay::apply() {
    GraphScene* scene = view_->graphScene();
    marks_ = 0;
    QStringList ids, titles;
    for (const auto& [id, layer] : layers_) {
        ids << id;
        titles << layer.title;
    }
    legend_->setLayers(ids, titles, current_);
    legend_->setVisible(!layers_.empty());
    const HeatLayer* l = layer(current_);
    if (l) legend_->setRange(l->low, l->high, l->unit, l->log_scale);
    if (!scene->hasGraph()) return;
    const auto& index = scene->index();
    const auto& tree = scene->tree();
    std::vector<double> group_worst(static_cast<std::size_t>(tree.group_count()), -1.0);
    for (int n = 0; n < index.size(); ++n) {
        NodeGraphicsItem* item = scene->nodeItem(n);
        if (item) remove_marks(item);
        if (!l) continue;
        auto it = l->values.find(index.node(n).name);
        if (it == l->values.end() || !std::isfinite(it->second)) continue;
        for (int g = tree.group_of_node(n); g >= 0; g = tree.group(g).parent)
            group_worst[static_cast<std::size_t>(g)] = std::max(group_worst[static_cast<std::size_t>(g)], it->second);
        if (!item) continue;
        auto* mark = new HeatMarkItem(item, QRectF(0, 0, metrics::kNodeWidth, metrics::kNodeHeight), heat_color(position(it->second)));
        mark->setToolTip(item->toolTip() + QStringLiteral("<br><b>%1</b>: %2").arg(l->title.toHtmlEscaped(), format_value(it->second, l->unit)));
        ++marks_;
    }
    for (int g = 0; g < tree.group_count(); ++g) {
        GroupGraphicsItem* item = scene->groupItem(g);
        if (!item) continue;
        remove_marks(item);
        const double worst = group_worst[static_cast<std::size_t>(g)];
        if (!l || item->expanded() || worst < 0) continue;
        auto* mark = new HeatMarkItem(item, item->boundingRect().adjusted(4, 10, -10, -8), heat_color(position(worst)));
        mark->setToolTip(HeatOverlay::tr("<b>%1</b><br>worst in group: %2")
                             .arg(l->title.toHtmlEscaped(), format_value(worst, l->unit)));
        ++marks_;
    }
    emit changed();
}

}  // namespace wb::views
