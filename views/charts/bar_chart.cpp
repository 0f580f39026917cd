// SPDX-License-Identifier: Apache-2.0
#include "views/charts/bar_chart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace wb::views {

LogHistogram log_histogram(const std::vector<std::vector<double>>& series, int bins) {
    double low = INFINITY, high = -INFINITY;
    for (const auto& values : series)
        for (double v : values)
            if (v > 0 && std::isfinite(v)) {
                low = std::min(low, v);
                high = std::max(high, v);
            }
    LogHistogram h;
    h.bins << QStringLiteral("0");
    double lo = 0, step = 1;
    if (std::isfinite(low)) {
        lo = std::floor(std::log10(low) * 2) / 2;  // half-decade edges read well
        const double hi = std::max(lo + 0.5, std::ceil(std::log10(high) * 2) / 2);
        bins = std::max(1, std::min(bins, static_cast<int>(std::lround((hi - lo) * 2))));
        step = (hi - lo) / bins;
        for (int b = 0; b < bins; ++b) h.bins << QString::number(std::pow(10.0, lo + b * step), 'e', 0);  // "3e-05"
    } else {
        bins = 0;
    }
    for (const auto& values : series) {
        std::vector<double> counts(static_cast<std::size_t>(bins) + 1, 0.0);
        for (double v : values) {
            if (!std::isfinite(v) || v < 0) continue;
            if (v == 0 || bins == 0) { counts[0] += 1; continue; }
            const int b = std::clamp(static_cast<int>((std::log10(v) - lo) / step), 0, bins - 1);
            counts[static_cast<std::size_t>(b) + 1] += 1;
        }
        h.counts.push_back(std::move(counts));
    }
    return h;
}

BarChart::BarChart(const QString& title, QWidget* parent) : QChartView(new QChart, parent) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
    chart()->setTitle(title);
    chart()->legend()->setAlignment(Qt::AlignBottom);
}

void BarChart::clear() {
    chart()->removeAllSeries();
    for (auto* axis : chart()->axes()) chart()->removeAxis(axis);
    sets_ = 0;
    total_ = 0;
}

void BarChart::setBars(const QStringList& categories, const std::vector<std::pair<QString, std::vector<double>>>& sets,
                       const QString& x_title, const QString& y_title) {
    clear();
    auto* series = new QBarSeries;
    double top = 0;
    for (const auto& [name, values] : sets) {
        auto* set = new QBarSet(name);
        for (double v : values) {
            set->append(v);
            top = std::max(top, v);
            total_ += v;
        }
        series->append(set);
        ++sets_;
    }
    chart()->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    x->setTitleText(x_title);
    x->setLabelsAngle(categories.size() > 9 ? -60 : 0);
    auto* y = new QValueAxis;
    y->setTitleText(y_title);
    y->setRange(0, top > 0 ? top * 1.1 : 1);
    chart()->addAxis(x, Qt::AlignBottom);
    chart()->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

}  // namespace wb::views
