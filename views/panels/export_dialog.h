// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QDialog>
#include <QFutureWatcher>
#include <atomic>

#include "export/convert_job.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace wb::views {

// Export to a TensorFlow.js graph model with every converter option. The equivalent
// `tfjs-wb convert …` command is kept up to date and can be copied; the conversion runs
// wb::exporter::convert_to_graph_model off the UI thread (atomic output, cancellable) and ends
// with the written files and their sizes.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(QWidget* parent = nullptr);
    ~ExportDialog() override;

    void setSource(const QString& model_path);
    void setOutputDir(const QString& dir);
    // Quantization in converter terms: dtype "" (none), "float16", "uint8" or "uint16".
    void setQuantization(const QString& dtype, const QString& patterns = {});
    void setOutputNodes(const QString& names);
    void setSkipOpCheck(bool skip);
    Expected<exporter::ConvertOptions> convertOptions() const;
    QString commandLine() const;  // shell-quoted
    void start();
    void cancel();
    bool running() const { return watcher_.isRunning(); }
    QTableWidget* fileTable() const { return files_; }

signals:
    void finished(bool ok, const QString& message);

private:
    struct Outcome {
        bool ok = false;
        bool cancelled = false;
        QString message;
    };
    void updateCommand();
    void onFinished();
    void showFiles();

    QFutureWatcher<Outcome> watcher_;
    std::atomic<bool> stop_{false};
    QLineEdit *input_, *output_, *signature_, *tags_, *nodes_, *patterns_, *metadata_, *command_;
    QComboBox *format_, *quant_;
    QSpinBox* shard_;
    QCheckBox *strip_, *cf2_, *skip_check_, *structured_;
    QPushButton *convert_, *cancel_, *copy_;
    QProgressBar* progress_;
    QLabel* status_;
    QTableWidget* files_;
};

}  // namespace wb::views
