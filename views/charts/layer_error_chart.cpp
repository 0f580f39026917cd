// SPDX-License-Identifier: Apache-2.0
#include "views/charts/layer_error_chart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalBarSeries>
#include <QValueAxis>
#include <algorithm>
#include <numeric>

namespace wb::views {

LayerErrorChart::LayerErrorChart(QWidget* parent) : QChartView(new QChart, parent) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    chart()->legend()->hide();
    chart()->setTitle(tr("Largest per-layer errors"));
}

void LayerErrorChart::setLayers(const QStringList& names, const std::vector<double>& values, const QString& metric,
                                int max_bars) {
    chart()->removeAllSeries();
    for (auto* axis : chart()->axes()) chart()->removeAxis(axis);
    std::vector<int> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return values[a] > values[b]; });
    order.resize(std::min<std::size_t>(order.size(), static_cast<std::size_t>(max_bars)));
    bars_ = static_cast<int>(order.size());
    if (order.empty()) return;
    auto* set = new QBarSet(metric);
    set->setColor(QColor(0xef, 0x6c, 0x00));
    QStringList categories;
    // Bars are drawn bottom-up: add the smallest first so the worst layer is on top.
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        QString name = names[*it];
        if (name.size() > 40) name = QStringLiteral("…") + name.right(39);
        categories << name;
        *set << values[static_cast<std::size_t>(*it)];
    }
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    chart()->addSeries(series);
    auto* y_axis = new QBarCategoryAxis;
    y_axis->append(categories);
    auto* x_axis = new QValueAxis;
    x_axis->setTitleText(metric);
    x_axis->setMin(0);
    chart()->addAxis(y_axis, Qt::AlignLeft);
    chart()->addAxis(x_axis, Qt::AlignBottom);
    series->attachAxis(y_axis);
    series->attachAxis(x_axis);
}

}  // namespace wb::views
