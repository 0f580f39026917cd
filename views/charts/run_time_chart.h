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
    void clear();
    int pointCount() const { return points_; }  // runs shown, for tests

private:
    int points_ = 0;
};

}  // namespace wb::views
