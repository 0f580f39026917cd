// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QChartView>
#include <vector>

namespace wb::views {

// Time of every benchmark run in order. The first run (cold caches, lazy packing) is drawn
// apart in its own colour so it never hides the steady state; warm-up runs are grey and the
// median of the timed runs is a dashed line.
class RunTimeChart : public QChartView {
    Q_OBJECT
public:
    explicit RunTimeChart(QWidget* parent = nullptr);
    void setRuns(const std::vector<double>& run_ms, int warmup, double median_ms);
    // Two configurations' runs in one chart (first runs marked apart, as in setRuns).
    void setComparison(const std::vector<double>& a_ms, const std::vector<double>& b_ms, int warmup,
                       const QString& a_name, const QString& b_name);
    int seriesCount() const;
    void clear();
    int pointCount() const { return points_; }  // runs shown, for tests

private:
    void addAxes(std::size_t runs, double max_ms);
    int points_ = 0;
};

}  // namespace wb::views
