// SPDX-License-Identifier: Apache-2.0
#include "views/panels/export_dialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QtConcurrent>
#include <algorithm>
#include <fstream>

#include "export/quantize.h"
#include "export/quantize_select.h"
#include "views/compare/table_fill.h"
#include "views/panels/queued_progress.h"

namespace wb::views {
namespace {
QString quoted(const QString& s) {
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:=,*+-]+$"));
    if (plain.match(s).hasMatch()) return s;
    return QLatin1Char('\'') + QString(s).replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
}
}  // namespace

ExportDialog::ExportDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Export to TensorFlow.js"));
    auto line = [](const QString& placeholder) {
        auto* e = new QLineEdit;
        e->setPlaceholderText(placeholder);
        return e;
    };
    input_ = line(tr("model file, SavedModel folder or Keras .h5/.keras"));
    output_ = line(tr("output folder"));
    signature_ = line(tr("serving_default"));
    tags_ = line(tr("serve"));
    tags_->setText(QStringLiteral("serve"));
    nodes_ = line(tr("e.g. Identity,probabilities (frozen graphs)"));
    patterns_ = line(tr("all weights, or fnmatch patterns: conv*/kernel,dense*"));
    metadata_ = line(tr("key:path.json[,key2:path2.json]"));
    format_ = new QComboBox;
    format_->addItems({QStringLiteral("tf_frozen_model"), QStringLiteral("tf_saved_model"), QStringLiteral("tf_hub"),
                       QStringLiteral("keras"), QStringLiteral("keras_keras")});
    out_format_ = new QComboBox;
    out_format_->addItems({QStringLiteral("tfjs_graph_model"), QStringLiteral("tfjs_layers_model")});
    quant_ = new QComboBox;
    quant_->addItem(tr("none"), QString());
    for (const char* d : {"float16", "uint8", "uint16"}) quant_->addItem(QLatin1String(d), QLatin1String(d));
    shard_ = new QSpinBox;
    shard_->setRange(1024, 1 << 30);
    shard_->setSingleStep(1 << 20);
    shard_->setValue(4194304);
    shard_->setSuffix(tr(" bytes"));
    strip_ = new QCheckBox(tr("Strip debug ops (Assert, CheckNumerics, Print)"));
    strip_->setChecked(true);
    cf2_ = new QCheckBox(tr("Control flow v2 (keep functional While/If)"));
    skip_check_ = new QCheckBox(tr("Skip the op check"));
    structured_ = new QCheckBox(tr("Use structured output names"));
    // Connected once every widget exists: the command reads them all.
    for (auto* e : {input_, output_, signature_, tags_, nodes_, patterns_, metadata_})
        connect(e, &QLineEdit::textChanged, this, &ExportDialog::updateCommand);
    for (auto* c : {format_, out_format_, quant_}) connect(c, &QComboBox::currentIndexChanged, this, &ExportDialog::updateCommand);
    for (auto* c : {format_, out_format_}) connect(c, &QComboBox::currentIndexChanged, this, &ExportDialog::updateRoute);
    connect(shard_, &QSpinBox::valueChanged, this, &ExportDialog::updateCommand);
    for (auto* c : {strip_, cf2_, skip_check_, structured_}) connect(c, &QCheckBox::toggled, this, &ExportDialog::updateCommand);
    command_ = new QLineEdit;
    command_->setReadOnly(true);
    auto* browse = new QPushButton(tr("&Browse…"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Output folder"), output_->text());
        if (!dir.isEmpty()) output_->setText(dir);
    });
    auto* out_row = new QHBoxLayout;
    out_row->addWidget(output_, 1);
    out_row->addWidget(browse);
    auto* quant_row = new QHBoxLayout;
    quant_row->addWidget(quant_);
    quant_row->addWidget(patterns_, 1);

    auto* form = new QFormLayout;
    form->addRow(tr("&Input:"), input_);
    form->addRow(tr("Input &format:"), format_);
    // Rows holding a layout need a buddy label, or the mnemonic '&' shows as text.
    auto buddy = [](const QString& text, QWidget* w) {
        auto* label = new QLabel(text);
        label->setBuddy(w);
        return label;
    };
    form->addRow(buddy(tr("&Output folder:"), output_), out_row);
    form->addRow(tr("Output forma&t:"), out_format_);
    form->addRow(tr("&Signature:"), signature_);
    form->addRow(tr("&Tags:"), tags_);
    form->addRow(tr("Output &nodes:"), nodes_);
    form->addRow(buddy(tr("&Quantization:"), quant_), quant_row);
    form->addRow(tr("Shard si&ze:"), shard_);
    form->addRow(tr("&Metadata:"), metadata_);
    for (auto* c : {strip_, cf2_, skip_check_, structured_}) form->addRow(QString(), c);

    copy_ = new QPushButton(tr("Cop&y command"));
    connect(copy_, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(command_->text()); });
    auto* cmd_row = new QHBoxLayout;
    cmd_row->addWidget(command_, 1);
    cmd_row->addWidget(copy_);
    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    status_ = new QLabel;
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    files_ = make_table({tr("File"), tr("Size")});
    files_->setMinimumHeight(110);
    diffs_ = make_table({tr("Output"), tr("Shape"), tr("Max abs"), tr("Max rel")});
    diffs_->setMinimumHeight(80);
    diffs_->setToolTip(tr("Export against source on the same random inputs; max rel = max abs / max |source|"));
    convert_ = new QPushButton(tr("&Convert"));
    convert_->setDefault(true);
    cancel_ = new QPushButton(tr("C&ancel"));
    cancel_->setEnabled(false);
    verify_ = new QPushButton(tr("&Verify"));
    verify_->setToolTip(tr("Reload the export and compare its outputs with the source model's on the runtime"));
    verify_->setEnabled(false);
    auto* box = new QDialogButtonBox(QDialogButtonBox::Close);
    box->addButton(convert_, QDialogButtonBox::ActionRole);
    box->addButton(cancel_, QDialogButtonBox::ActionRole);
    box->addButton(verify_, QDialogButtonBox::ActionRole);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(convert_, &QPushButton::clicked, this, &ExportDialog::start);
    connect(cancel_, &QPushButton::clicked, this, &ExportDialog::cancel);
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &ExportDialog::onFinished);
    connect(verify_, &QPushButton::clicked, this, &ExportDialog::verify);
    connect(&verify_watcher_, &QFutureWatcher<Checked>::finished, this, &ExportDialog::onVerified);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Equivalent command:")));
    layout->addLayout(cmd_row);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addWidget(files_, 1);
    layout->addWidget(diffs_, 1);
    layout->addWidget(box);
    resize(720, 860);
    updateRoute();
}

ExportDialog::~ExportDialog() {
    stop_ = true;
    watcher_.waitForFinished();
    verify_watcher_.waitForFinished();
}

void ExportDialog::setSource(const QString& model_path) {
    input_->setText(model_path);
    const QString suffix = QFileInfo(model_path).suffix().toLower();
    const bool keras = suffix == QLatin1String("h5") || suffix == QLatin1String("hdf5");
    format_->setCurrentText(QFileInfo(model_path).isDir() ? QStringLiteral("tf_saved_model")
                            : keras                       ? QStringLiteral("keras")
                            : suffix == QLatin1String("keras") ? QStringLiteral("keras_keras")
                                                          : QStringLiteral("tf_frozen_model"));
    // The converter's default for Keras inputs is a layers model.
    out_format_->setCurrentIndex(format_->currentText().startsWith(QLatin1String("keras")) ? 1 : 0);
    if (output_->text().isEmpty()) output_->setText(QFileInfo(model_path).absoluteDir().filePath(QFileInfo(model_path).completeBaseName() + QStringLiteral("_tfjs")));
}
void ExportDialog::setOutputDir(const QString& dir) { output_->setText(dir); }
void ExportDialog::setOutputNodes(const QString& names) { nodes_->setText(names); }
void ExportDialog::setSkipOpCheck(bool skip) { skip_check_->setChecked(skip); }
void ExportDialog::setOutputFormat(const QString& format) { out_format_->setCurrentText(format); }
bool ExportDialog::kerasRoute() const {
    return format_->currentText().startsWith(QLatin1String("keras")) && out_format_->currentText() == QLatin1String("tfjs_layers_model");
}

void ExportDialog::updateRoute() {
    // Only Keras inputs may become layers models; graph-only options mean nothing there.
    const bool keras_in = format_->currentText().startsWith(QLatin1String("keras"));
    if (!keras_in) out_format_->setCurrentIndex(0);
    if (format_->currentText() == QLatin1String("keras_keras")) out_format_->setCurrentIndex(1);
    out_format_->setEnabled(format_->currentText() == QLatin1String("keras"));
    const bool graph = !kerasRoute();
    for (QWidget* w : std::initializer_list<QWidget*>{signature_, tags_, nodes_, strip_, cf2_, skip_check_, structured_})
        w->setEnabled(graph && (!keras_in || w == strip_ || w == skip_check_ || w == structured_));
    updateCommand();
}
void ExportDialog::setQuantization(const QString& dtype, const QString& patterns) {
    quant_->setCurrentIndex(std::max(0, quant_->findData(dtype)));
    patterns_->setText(patterns);
}

Expected<exporter::ConvertOptions> ExportDialog::convertOptions() const {
    exporter::ConvertOptions o;
    o.input_format = format_->currentText().toStdString();
    o.read.signature_name = signature_->text().trimmed().toStdString();
    o.read.saved_model_tags = tags_->text().trimmed().toStdString();
    for (const QString& n : nodes_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) o.read.output_node_names.push_back(n.trimmed().toStdString());
    o.read.control_flow_v2 = cf2_->isChecked();
    o.strip_debug_ops = strip_->isChecked();
    o.skip_op_check = skip_check_->isChecked();
    o.graph.use_structured_outputs_names = structured_->isChecked();
    o.graph.weights.shard_size_bytes = shard_->value();
    o.graph.converted_by = QStringLiteral("tfjs-workbench %1").arg(QCoreApplication::applicationVersion()).trimmed().toStdString();
    const QString dtype = quant_->currentData().toString();
    if (!dtype.isEmpty()) {
        exporter::QuantizationFlags flags;
        const QString p = patterns_->text().trimmed();
        const auto flag = p.isEmpty() ? exporter::QuantizeFlag::bare() : exporter::QuantizeFlag::patterns(p.toStdString());
        (dtype == QLatin1String("float16") ? flags.float16 : dtype == QLatin1String("uint8") ? flags.uint8 : flags.uint16) = flag;
        auto spec = exporter::parse_quantization_flags(flags);
        if (!spec) return spec.error();
        o.graph.weights.quantize = exporter::make_quantizer(*spec);
    }
    for (const QString& item : metadata_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype colon = item.indexOf(QLatin1Char(':'));
        if (colon <= 0) return Error{{}, "--metadata", tr("expects key:path.json entries, got '%1'").arg(item).toStdString()};
        const std::string path = item.mid(colon + 1).trimmed().toStdString();
        std::ifstream in(path);
        auto json = nlohmann::ordered_json::parse(in, nullptr, false);
        if (!in || json.is_discarded()) return Error{path, "--metadata", tr("cannot read a JSON file").toStdString()};
        o.graph.metadata.emplace_back(item.left(colon).trimmed().toStdString(), std::move(json));
    }
    return o;
}

QString ExportDialog::commandLine() const {
    QStringList args{QStringLiteral("tfjs-wb"), QStringLiteral("convert"), QStringLiteral("--input_format=") + format_->currentText(),
                     QStringLiteral("--output_format=") + out_format_->currentText()};
    const bool graph = !kerasRoute(), keras_in = format_->currentText().startsWith(QLatin1String("keras"));
    auto value = [&](const char* flag, const QString& v) {
        if (!v.trimmed().isEmpty()) args << QLatin1String(flag) + QLatin1Char('=') + v.trimmed();
    };
    if (!keras_in) {
        value("--signature_name", signature_->text());
        if (tags_->text().trimmed() != QLatin1String("serve")) args << QStringLiteral("--saved_model_tags=") + tags_->text().trimmed();
        value("--output_node_names", nodes_->text());
    }
    const QString dtype = quant_->currentData().toString();
    if (!dtype.isEmpty()) {
        const QString flag = QStringLiteral("--quantize_") + dtype;
        args << (patterns_->text().trimmed().isEmpty() ? flag : flag + QLatin1Char('=') + patterns_->text().trimmed());
    }
    if (shard_->value() != 4194304) args << QStringLiteral("--weight_shard_size_bytes=%1").arg(shard_->value());
    if (graph) {
        if (!strip_->isChecked()) args << QStringLiteral("--strip_debug_ops=False");
        if (cf2_->isChecked() && !keras_in) args << QStringLiteral("--control_flow_v2=True");
        if (skip_check_->isChecked()) args << QStringLiteral("--skip_op_check");
        if (structured_->isChecked()) args << QStringLiteral("--use_structured_outputs_names=True");
    }
    value("--metadata", metadata_->text());
    args << input_->text() << output_->text();
    for (QString& a : args) a = quoted(a);
    return args.join(QLatin1Char(' '));
}

void ExportDialog::updateCommand() {
    command_->setText(commandLine());
    command_->setCursorPosition(0);  // show where the command starts; the rest scrolls
}

void ExportDialog::start() {
    if (running()) return;
    auto options = convertOptions();
    auto keras = kerasOptions();
    const bool layers = kerasRoute();
    if (!options || !keras || input_->text().isEmpty() || output_->text().isEmpty()) {
        status_->setText(!options ? QString::fromStdString(options.error().what())
                         : !keras ? QString::fromStdString(keras.error().what())
                                  : tr("Choose the input and the output folder."));
        emit finished(false, status_->text());
        return;
    }
    if (format_->currentText() == QLatin1String("keras_keras") && !layers) {
        status_->setText(tr("A .keras file converts to tfjs_layers_model only (as tensorflowjs_converter)."));
        emit finished(false, status_->text());
        return;
    }
    verify_->setEnabled(false);
    diffs_->setRowCount(0);
    done_input_ = input_->text();
    done_format_ = format_->currentText();
    done_output_ = output_->text();
    done_read_ = options->read;
    stop_ = false;
    convert_->setEnabled(false);
    cancel_->setEnabled(true);
    progress_->setValue(0);
    files_->setRowCount(0);
    const std::filesystem::path in = input_->text().toStdString(), out = output_->text().toStdString();
    watcher_.setFuture(QtConcurrent::run([this, in, out, layers, opts = std::move(*options), kopts = std::move(*keras)] {
        const Progress progress = queued_progress(this, progress_, status_, &stop_);
        Outcome o;
        if (layers) {
            auto r = exporter::convert_keras(in, out, kopts, progress);
            if (stop_) o.cancelled = true;
            else if (!r) o.message = QString::fromStdString(r.error().what());
            else {
                o.ok = true;
                o.message = tr("%1 weights in %2 layers").arg(r->weights).arg(r->layers_with_weights);
            }
            return o;
        }
        auto report = exporter::convert_to_graph_model(in, out, opts, progress);
        if (stop_) {
            o.cancelled = true;
        } else if (!report) {
            o.message = QString::fromStdString(report.error().what());
        } else {
            o.ok = true;
            o.message = tr("%1 nodes read, %2 written, %3 weights").arg(report->nodes_read).arg(report->nodes_written).arg(report->weights);
            for (const auto& w : report->warnings) o.message += QLatin1Char('\n') + tr("Warning: %1").arg(QString::fromStdString(w));
        }
        return o;
    }));
}

void ExportDialog::cancel() {
    stop_ = true;
    status_->setText(tr("Cancelling…"));
}

void ExportDialog::onFinished() {
    const Outcome o = watcher_.result();
    convert_->setEnabled(true);
    cancel_->setEnabled(false);
    if (o.ok) {
        progress_->setValue(1000);
        showFiles();
        verify_->setEnabled(true);
        status_->setText(tr("Exported to %1: %2").arg(output_->text(), o.message));
    } else {
        status_->setText(o.cancelled ? tr("Export cancelled; nothing was written") : tr("Export failed: %1").arg(o.message));
    }
    emit finished(o.ok, o.ok ? o.message : status_->text());
}

void ExportDialog::showFiles() {
    const QFileInfoList entries = QDir(output_->text()).entryInfoList(QDir::Files, QDir::Name);
    files_->setRowCount(static_cast<int>(entries.size()) + 1);
    qint64 total = 0;
    const QLocale locale;
    for (int i = 0; i < entries.size(); ++i) {
        set_cells(files_, i, {entries[i].fileName(), locale.formattedDataSize(entries[i].size())});
        total += entries[i].size();
    }
    set_cells(files_, static_cast<int>(entries.size()), {tr("Total"), locale.formattedDataSize(total)});
    files_->resizeColumnsToContents();
}

}  // namespace wb::views
