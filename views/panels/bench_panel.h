// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QFutureWatcher>
#include <QWidget>
#include <atomic>
#include <memory>

#include "ir/model.h"
#include "runtime/bench.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace wb::views {

class RunTimeChart;

// The benchmark workflow: settings, a run of wb::runtime::run_benchmark off the UI thread with
// progress and cancel, then the per-run chart, the summary figures and the per-op-type and
// per-node profile tables. Results save as JSON (the CLI's format) or CSV (per node). A second
// configuration (quantized weights, simplified graph) can run right after on the same inputs:
// then both result columns, their ratio and both per-run series are shown side by side.
class BenchPanel : public QWidget {
    Q_OBJECT
public:
    explicit BenchPanel(QWidget* parent = nullptr);
    ~BenchPanel() override;

    void setModel(std::shared_ptr<const ir::Model> model);
    void setSettings(int threads, int runs, int warmup);
    enum class Compare { None, Float16, UInt8, UInt16, Simplified };
    void setComparison(Compare with);
    const runtime::BenchResult* comparedResult() const { return result_b_.get(); }
    QTableWidget* compareTable() const { return compare_; }
    void start();
    void cancel();
    bool running() const { return watcher_.isRunning(); }
    const runtime::BenchResult* result() const { return result_.get(); }
    RunTimeChart* chart() const { return chart_; }
    QTableWidget* opTable() const { return ops_; }
    QTableWidget* nodeTable() const { return nodes_; }
    bool saveJson(const QString& path) const;
    bool saveCsv(const QString& path) const;

signals:
    void finished(bool ok, const QString& message);
    void nodeActivated(const QString& name);

private:
    struct Outcome {
        std::shared_ptr<runtime::BenchResult> result, compared;
        QString error;
        bool cancelled = false;
    };
    void onFinished();
    void showResult();
    void exportResult();
    void showComparison();  // bench_panel_compare.cpp
    QString comparedName() const;

    std::shared_ptr<const ir::Model> model_;
    std::shared_ptr<runtime::BenchResult> result_, result_b_;
    QFutureWatcher<Outcome> watcher_;
    std::atomic<bool> stop_{false};
    QSpinBox *threads_, *runs_, *warmup_, *profile_;
    QPushButton *run_, *cancel_, *export_;
    QProgressBar* progress_;
    QLabel *stage_, *summary_;
    RunTimeChart* chart_;
    QTableWidget *ops_, *nodes_, *compare_;
    QComboBox* compare_with_;
};

}  // namespace wb::views
