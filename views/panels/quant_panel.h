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
class QTabWidget;

namespace wb::views {

class BarChart;
class LayerErrorChart;

// The quantization comparison: float32 against float16 / uint8 / uint16 (each on all weights or
// on fnmatch patterns), computed by wb::analysis::quant_report off the UI thread. Shows the
// per-output metrics, a sortable per-layer table (activating a row asks the graph to focus the
// node), a bar chart of the worst layers, histograms of output and weight errors and the model
// sizes. Keeping a node's or a group's weights in float32 (table context menu) recomputes.
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
    BarChart* outputHistogram() const { return output_hist_; }
    BarChart* weightHistogram() const { return weight_hist_; }
    BarChart* sizeChart() const { return size_chart_; }
    void showConfig(int index);
    // What if: keeps the weights `node` reads (or every weight under `scope`/) in float32 and
    // recomputes; the stage line then says how the outputs' RMSE moved.
    void keepNodeFloat32(const QString& node);
    void keepGroupFloat32(const QString& scope);
    void clearKeepFloat32();
    QString keptFloat32() const;
    QString whatIfSummary() const { return what_if_; }

signals:
    void finished(bool ok, const QString& message);
    void nodeActivated(const QString& name);

private:
    struct Outcome {
        std::shared_ptr<analysis::QuantReport> report;
        std::vector<std::vector<double>> output_errors;  // per configuration, for the histogram
        QString error;
        bool cancelled = false;
    };
    void onFinished();
    void showCharts(const Outcome& out);  // quant_panel_charts.cpp
    void describeWhatIf();
    void layerMenu(const QPoint& pos);
    void addKept(const QStringList& patterns);

    std::shared_ptr<const ir::Model> model_;
    std::shared_ptr<analysis::QuantReport> report_, previous_;
    QString what_if_;
    QString run_kept_, report_kept_, previous_kept_;  // the float32 patterns behind each report
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
    BarChart *output_hist_, *weight_hist_, *size_chart_;
    QTabWidget* charts_;
};

}  // namespace wb::views
