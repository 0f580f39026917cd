// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QFutureWatcher>
#include <QWidget>
#include <atomic>
#include <memory>

#include "analysis/quant_report.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace wb::views {

class LayerErrorChart;

// The quantization comparison: float32 against float16 / uint8 / uint16 (each on all weights or
// on fnmatch patterns), computed by wb::analysis::quant_report off the UI thread. Shows the
// per-output metrics, a sortable per-layer table (activating a row asks the graph to focus the
// node), a bar chart of the worst layers and the model sizes.
class QuantPanel : public QWidget {
    Q_OBJECT
public:
    explicit QuantPanel(QWidget* parent = nullptr);
    ~QuantPanel() override;

    void setModel(std::shared_ptr<const ir::Model> model);
    // Ticks the dtypes to compare; `patterns` (comma-separated fnmatch, may be empty = all weights).
    void setConfig(bool float16, bool uint8, bool uint16, const QString& patterns = {}, int samples = 4);
    // The options the panel passes to quant_report (tests call quant_report with these directly).
    Expected<analysis::QuantReportOptions> reportOptions() const;
    void start();
    void cancel();
    bool running() const { return watcher_.isRunning(); }
    const analysis::QuantReport* report() const { return report_.get(); }
    QTableWidget* outputTable() const { return outputs_; }
    QTableWidget* layerTable() const { return layers_; }
    LayerErrorChart* chart() const { return chart_; }
    void showConfig(int index);

signals:
    void finished(bool ok, const QString& message);
    void nodeActivated(const QString& name);

private:
    struct Outcome {
        std::shared_ptr<analysis::QuantReport> report;
        QString error;
        bool cancelled = false;
    };
    void onFinished();

    std::shared_ptr<const ir::Model> model_;
    std::shared_ptr<analysis::QuantReport> report_;
    QFutureWatcher<Outcome> watcher_;
    std::atomic<bool> stop_{false};
    QCheckBox *f16_, *u8_, *u16_;
    QLineEdit *patterns_, *exclude_;
    QSpinBox* samples_;
    QPushButton *run_, *cancel_;
    QProgressBar* progress_;
    QLabel *stage_, *sizes_;
    QComboBox* config_;
    QTableWidget *outputs_, *layers_;
    LayerErrorChart* chart_;
};

}  // namespace wb::views
