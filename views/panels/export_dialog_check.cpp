// SPDX-License-Identifier: Apache-2.0
// ExportDialog: the Keras layers-model options and Verify.
#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QtConcurrent>

#include "views/compare/table_fill.h"
#include "views/panels/export_dialog.h"
#include "views/panels/queued_progress.h"

namespace wb::views {

Expected<exporter::KerasConvertOptions> ExportDialog::kerasOptions() const {
    auto graph = convertOptions();
    if (!graph) return graph.error();
    exporter::KerasConvertOptions ko;
    ko.input_format = format_->currentText().toStdString();
    ko.output_format = "tfjs_layers_model";
    ko.layers.weights.shard_size_bytes = graph->graph.weights.shard_size_bytes;
    ko.layers.weights.quantize = graph->graph.weights.quantize;
    ko.layers.metadata = graph->graph.metadata;
    ko.layers.converted_by = graph->graph.converted_by;
    return ko;
}

void ExportDialog::verify() {
    if (running() || verifying() || done_output_.isEmpty()) return;
    stop_ = false;
    verify_->setEnabled(false);
    convert_->setEnabled(false);
    cancel_->setEnabled(true);
    progress_->setValue(0);
    diffs_->setRowCount(0);
    verified_.reset();
    const std::filesystem::path in = done_input_.toStdString(), out = done_output_.toStdString();
    verify_watcher_.setFuture(QtConcurrent::run([this, in, out, reader = done_format_.toStdString(), read = done_read_] {
        const Progress progress = queued_progress(this, progress_, status_, &stop_);
        Checked c;
        auto r = verify_export(in, reader, read, out, progress);
        if (stop_) c.error = tr("Verification cancelled");
        else if (!r) c.error = QString::fromStdString(r.error().what());
        else c.result = std::make_shared<VerifyResult>(std::move(*r));
        return c;
    }));
}

void ExportDialog::onVerified() {
    const Checked c = verify_watcher_.result();
    convert_->setEnabled(true);
    cancel_->setEnabled(false);
    verify_->setEnabled(true);
    if (!c.result) {
        status_->setText(tr("Verify failed: %1").arg(c.error));
        emit verified(false, status_->text());
        return;
    }
    verified_ = c.result;
    progress_->setValue(1000);
    diffs_->setRowCount(static_cast<int>(verified_->outputs.size()));
    for (int i = 0; i < diffs_->rowCount(); ++i) {
        const auto& d = verified_->outputs[static_cast<std::size_t>(i)];
        set_cells(diffs_, i, {QString::fromStdString(d.name), QString::fromStdString(d.shape), d.max_abs, d.max_rel});
    }
    diffs_->resizeColumnsToContents();
    // Without quantization an export should compute what the source does, up to float
    // reordering; quantized weights move the outputs by design, so only the figure is shown.
    const double worst = verified_->worst_abs();
    const bool quantized = !quant_->currentData().toString().isEmpty();
    const bool ok = quantized || worst <= 1e-5;
    status_->setText(ok ? tr("Verified: the export reproduces the source model (max abs difference %1 over %2 outputs)")
                              .arg(worst, 0, 'g', 3).arg(verified_->outputs.size())
                        : tr("Verify: the export differs from the source model (max abs difference %1)").arg(worst, 0, 'g', 3));
    emit verified(ok, status_->text());
}

}  // namespace wb::views
