// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QDialog>
#include <QFutureWatcher>
#include <atomic>

#include "export/convert_job.h"
#include "export/keras_conversion.h"
#include "views/panels/export_dialog_verify.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace wb::views {

// Export to a TensorFlow.js graph model (or, from Keras, a layers model) with every converter
// option. The equivalent `tfjs-wb convert …` command is kept up to date and can be copied; the
// conversion runs off the UI thread (atomic output, cancellable) and ends with the written files
// and their sizes. "Verify" then reloads the export and compares its outputs with the source's.
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
    // "tfjs_graph_model" or "tfjs_layers_model" (Keras inputs only).
    void setOutputFormat(const QString& format);
    bool kerasRoute() const;  // Keras input → tfjs_layers_model (exporter::convert_keras)
    Expected<exporter::ConvertOptions> convertOptions() const;
    Expected<exporter::KerasConvertOptions> kerasOptions() const;
    QString commandLine() const;  // shell-quoted
    void start();
    void cancel();
    bool running() const { return watcher_.isRunning(); }
    QTableWidget* fileTable() const { return files_; }
    // Reloads the export and compares it with the source model off the UI thread.
    void verify();
    bool verifying() const { return verify_watcher_.isRunning(); }
    QTableWidget* verifyTable() const { return diffs_; }
    const VerifyResult* verifyResult() const { return verified_.get(); }

signals:
    void finished(bool ok, const QString& message);
    void verified(bool ok, const QString& message);

private:
    struct Outcome {
        bool ok = false;
        bool cancelled = false;
        QString message;
    };
    struct Checked {
        std::shared_ptr<VerifyResult> result;
        QString error;
    };
    void updateCommand();
    void updateRoute();
    void onFinished();
    void onVerified();  // export_dialog_check.cpp
    void showFiles();

    QFutureWatcher<Outcome> watcher_;
    QFutureWatcher<Checked> verify_watcher_;
    std::shared_ptr<VerifyResult> verified_;
    std::atomic<bool> stop_{false};
    QLineEdit *input_, *output_, *signature_, *tags_, *nodes_, *patterns_, *metadata_, *command_;
    QComboBox *format_, *out_format_, *quant_;
    QSpinBox* shard_;
    QCheckBox *strip_, *cf2_, *skip_check_, *structured_;
    QPushButton *convert_, *cancel_, *copy_, *verify_;
    QProgressBar* progress_;
    QLabel* status_;
    QTableWidget *files_, *diffs_;
    // What the last successful export read and wrote, for Verify.
    QString done_input_, done_format_, done_output_;
    formats::ReadOptions done_read_;
};

}  // namespace wb::views
