// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QChartView>
#include <QStringList>
#include <utility>
#include <vector>

namespace wb::views {

// Counts of several value series over shared log10 bins (errors span decades); exact zeros
// get their own first bin.
struct LogHistogram {
    QStringList bins;                     // bin labels, "0" then "1e-05…" lower edges
    std::vector<std::vector<double>> counts;  // one row per series, aligned with `bins`
};
LogHistogram log_histogram(const std::vector<std::vector<double>>& series, int bins = 8);

// Grouped vertical bars: one set per series over shared categories (histograms, model sizes).
class BarChart : public QChartView {
    Q_OBJECT
public:
    explicit BarChart(const QString& title, QWidget* parent = nullptr);
    void setBars(const QStringList& categories, const std::vector<std::pair<QString, std::vector<double>>>& sets,
                 const QString& x_title, const QString& y_title);
    void clear();
    int setCount() const { return sets_; }
    double total() const { return total_; }  // sum of every bar, for tests

private:
    int sets_ = 0;
    double total_ = 0;
};

}  // namespace wb::views
