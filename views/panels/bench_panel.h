// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QFutureWatcher>
#include <QWidget>
#include <atomic>
#include <memory>

#include "ir/model.h"
#include "runtime/bench.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace wb::views {

class RunTimeChart;

// The benchmark workflow: settings, a run of wb::runtime::run_benchmark off the UI thread with
// progress and cancel, then the per-run chart, the summary figures and the per-op-type and
// per-node profile tables. Results save as JSON (the CLI's format) or CSV (per node).
class BenchPanel : public QWidget {
    Q_OBJECT
public:
    explicit BenchPanel(QWidget* parent = nullptr);
    ~BenchPanel() override;

    void setModel(std::shared_ptr<const ir::Model> model);
    void setSettings(int threads, int runs, int warmup);
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
        std::shared_ptr<runtime::BenchResult> result;
        QString error;
        bool cancelled = false;
    };
    void onFinished();
    void showResult();
    void exportResult();

    std::shared_ptr<const ir::Model> model_;
    std::shared_ptr<runtime::BenchResult> result_;
    QFutureWatcher<Outcome> watcher_;
    std::atomic<bool> stop_{false};
    QSpinBox *threads_, *runs_, *warmup_, *profile_;
    QPushButton *run_, *cancel_, *export_;
    QProgressBar* progress_;
    QLabel *stage_, *summary_;
    RunTimeChart* chart_;
    QTableWidget *ops_, *nodes_;
};

}  // namespace wb::views
