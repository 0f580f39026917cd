// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QFutureWatcher>
#include <QWidget>
#include <memory>

#include "ir/tensor.h"
#include "views/panels/weight_stats.h"

class QChartView;
class QLabel;
class QPushButton;
class QTableView;

namespace wb::views {

class GraphIndex;
class WeightValuesModel;

// For a Const node: min/max/mean/std/sparsity, a histogram (Qt Charts), a paged value table
// and export to .npy. Statistics are computed off the UI thread.
class WeightsPanel : public QWidget {
    Q_OBJECT
public:
    explicit WeightsPanel(QWidget* parent = nullptr);
    ~WeightsPanel() override;
    void setIndex(std::shared_ptr<const GraphIndex> index);
    void showNode(int node);
    WeightValuesModel* values() const { return values_; }
    bool statsReady() const { return stats_ready_; }
    const WeightStats& stats() const { return stats_; }

signals:
    void statsComputed();

private:
    void applyStats();
    void updatePageLabel();
    void exportNpy();

    std::shared_ptr<const GraphIndex> index_;
    ir::Tensor tensor_;
    QString name_;
    WeightStats stats_;
    bool stats_ready_ = false;
    QFutureWatcher<WeightStats> watcher_;
    QLabel* title_;
    QLabel* figures_;
    QChartView* chart_;
    WeightValuesModel* values_;
    QTableView* table_;
    QPushButton* prev_;
    QPushButton* next_;
    QLabel* page_;
    QPushButton* export_;
};

}  // namespace wb::views
