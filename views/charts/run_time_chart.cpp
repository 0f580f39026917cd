// SPDX-License-Identifier: Apache-2.0
#include "views/charts/run_time_chart.h"

#include <QChart>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace wb::views {

RunTimeChart::RunTimeChart(QWidget* parent) : QChartView(new QChart, parent) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
    chart()->setTitle(tr("Time per run"));
    chart()->legend()->setAlignment(Qt::AlignBottom);
}

void RunTimeChart::clear() {
    chart()->removeAllSeries();
    for (auto* axis : chart()->axes()) chart()->removeAxis(axis);
    points_ = 0;
}

void RunTimeChart::setRuns(const std::vector<double>& run_ms, int warmup, double median_ms) {
    clear();
    if (run_ms.empty()) return;
    auto* first = new QScatterSeries;
    first->setName(tr("First run"));
    first->setColor(QColor(0xd3, 0x2f, 0x2f));
    first->setMarkerSize(11);
    auto* warm = new QScatterSeries;
    warm->setName(tr("Warm-up"));
    warm->setColor(Qt::gray);
    warm->setMarkerSize(8);
    auto* timed = new QLineSeries;
    timed->setName(tr("Timed runs"));
    timed->setPointsVisible(true);
    timed->setColor(QColor(0x19, 0x76, 0xd2));
    for (std::size_t i = 0; i < run_ms.size(); ++i) {
        const double x = static_cast<double>(i + 1);
        if (i == 0) first->append(x, run_ms[i]);
        if (static_cast<int>(i) < warmup) {
            if (i > 0) warm->append(x, run_ms[i]);
        } else {
            timed->append(x, run_ms[i]);
        }
    }
    auto* median = new QLineSeries;
    median->setName(tr("Median %1 ms").arg(median_ms, 0, 'f', 2));
    QPen dash(QColor(0x38, 0x8e, 0x3c));
    dash.setStyle(Qt::DashLine);
    dash.setWidth(2);
    median->setPen(dash);
    median->append(1, median_ms);
    median->append(static_cast<double>(run_ms.size()), median_ms);

    for (QXYSeries* s : {static_cast<QXYSeries*>(timed), static_cast<QXYSeries*>(median), static_cast<QXYSeries*>(warm),
                         static_cast<QXYSeries*>(first)}) {
        if (s->count() == 0) delete s;
        else chart()->addSeries(s);
    }
    addAxes(run_ms.size(), *std::max_element(run_ms.begin(), run_ms.end()));
    points_ = static_cast<int>(run_ms.size());
}

void RunTimeChart::setComparison(const std::vector<double>& a_ms, const std::vector<double>& b_ms, int warmup,
                                 const QString& a_name, const QString& b_name) {
    clear();
    if (a_ms.empty() || b_ms.empty()) return;
    auto* first = new QScatterSeries;
    first->setName(tr("First runs"));
    first->setColor(QColor(0xd3, 0x2f, 0x2f));
    first->setMarkerSize(11);
    double top = 0;
    const QColor colors[] = {QColor(0x19, 0x76, 0xd2), QColor(0xef, 0x6c, 0x00)};
    int which = 0;
    for (const auto* runs : {&a_ms, &b_ms}) {
        auto* line = new QLineSeries;
        line->setName(which == 0 ? a_name : b_name);
        line->setPointsVisible(true);
        line->setColor(colors[which++]);
        // Warm-up runs after the first stay out: they would squash the steady state.
        for (std::size_t i = 0; i < runs->size(); ++i) {
            if (i == 0) first->append(1, (*runs)[0]);
            else if (static_cast<int>(i) >= warmup) line->append(static_cast<double>(i + 1), (*runs)[i]);
            top = std::max(top, (*runs)[i]);
        }
        chart()->addSeries(line);
    }
    chart()->addSeries(first);
    addAxes(std::max(a_ms.size(), b_ms.size()), top);
    points_ = static_cast<int>(a_ms.size() + b_ms.size());
}

int RunTimeChart::seriesCount() const { return static_cast<int>(chart()->series().size()); }

void RunTimeChart::addAxes(std::size_t runs, double max_ms) {
    auto* x_axis = new QValueAxis;
    x_axis->setTitleText(tr("Run"));
    x_axis->setLabelFormat(QStringLiteral("%d"));
    // Integer ticks from 0: run numbers, whatever the count.
    x_axis->setRange(0, static_cast<double>(runs) + 1);
    x_axis->setTickType(QValueAxis::TicksDynamic);
    x_axis->setTickAnchor(0);
    x_axis->setTickInterval(std::max(1.0, std::ceil(static_cast<double>(runs + 1) / 10.0)));
    auto* y_axis = new QValueAxis;
    y_axis->setTitleText(tr("ms"));
    y_axis->setRange(0, max_ms * 1.1);
    chart()->addAxis(x_axis, Qt::AlignBottom);
    chart()->addAxis(y_axis, Qt::AlignLeft);
    for (auto* s : chart()->series()) {
        s->attachAxis(x_axis);
        s->attachAxis(y_axis);
    }
}

}  // namespace wb::views
