// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QChartView>
#include <QStringList>
#include <vector>

namespace wb::views {

// Horizontal bars of the layers with the largest error (one quantization setting), worst on
// top, so the few layers that cost accuracy stand out from a long table.
class LayerErrorChart : public QChartView {
    Q_OBJECT
public:
    explicit LayerErrorChart(QWidget* parent = nullptr);
    // `names` and `values` are aligned; at most `max_bars` of the largest are drawn.
    void setLayers(const QStringList& names, const std::vector<double>& values, const QString& metric, int max_bars = 15);
    int barCount() const { return bars_; }

private:
    int bars_ = 0;
};

}  // namespace wb::views
