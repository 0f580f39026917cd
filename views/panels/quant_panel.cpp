// SPDX-License-Identifier: Apache-2.0
#include "views/panels/quant_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QMenu>
#include <QSplitter>
#include <QTabWidget>
#include <QtConcurrent>

#include "export/quantize_select.h"
#include "views/charts/bar_chart.h"
#include "views/charts/layer_error_chart.h"
#include "views/compare/table_fill.h"
#include "views/panels/quant_panel_errors.h"
#include "views/panels/queued_progress.h"

namespace wb::views {
namespace {
QVariant top1(const analysis::ErrorMetrics& m) {
    return m.top1_agreement ? QVariant(*m.top1_agreement) : QVariant(QString());
}
std::vector<std::string> split_patterns(const QString& text) {
    std::vector<std::string> out;
    for (const QString& p : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) out.push_back(p.trimmed().toStdString());
    return out;
}
}  // namespace

QuantPanel::QuantPanel(QWidget* parent) : QWidget(parent) {
    f16_ = new QCheckBox(tr("float16"));
    u8_ = new QCheckBox(tr("uint8"));
    u16_ = new QCheckBox(tr("uint16"));
    f16_->setChecked(true);
    u8_->setChecked(true);
    patterns_ = new QLineEdit;
    patterns_->setPlaceholderText(tr("all weights (or e.g. conv*/kernel, dense*)"));
    exclude_ = new QLineEdit;
    exclude_->setPlaceholderText(tr("none"));
    exclude_->setToolTip(tr("Weights kept in float32 (what if), comma-separated fnmatch patterns"));
    samples_ = new QSpinBox;
    samples_->setRange(1, 256);
    samples_->setValue(4);
    auto* dtypes = new QHBoxLayout;
    for (auto* box : {f16_, u8_, u16_}) dtypes->addWidget(box);
    dtypes->addStretch();
    auto* form = new QFormLayout;
    form->addRow(tr("Quantize to:"), dtypes);
    form->addRow(tr("&Weights:"), patterns_);
    form->addRow(tr("&Keep float32:"), exclude_);
    form->addRow(tr("Random &samples:"), samples_);
    run_ = new QPushButton(tr("&Compare"));
    cancel_ = new QPushButton(tr("&Cancel"));
    cancel_->setEnabled(false);
    run_->setEnabled(false);
    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    stage_ = new QLabel;
    sizes_ = new QLabel;
    sizes_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    sizes_->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(cancel_);
    buttons->addWidget(progress_, 1);
    outputs_ = make_table({tr("Setting"), tr("Output"), tr("Max abs"), tr("Mean abs"), tr("RMSE"), tr("SNR dB"),
                           tr("Cosine"), tr("Top-1 agree")});
    config_ = new QComboBox;
    layers_ = make_table({tr("Node"), tr("Op"), tr("Max abs"), tr("Mean abs"), tr("RMSE"), tr("SNR dB"), tr("Cosine")});
    layers_->setSortingEnabled(true);
    chart_ = new LayerErrorChart;
    output_hist_ = new BarChart(tr("Output |error| distribution (first sample)"));
    weight_hist_ = new BarChart(tr("Weight error / quantization scale"));
    size_chart_ = new BarChart(tr("Model size"));
    charts_ = new QTabWidget;
    charts_->addTab(chart_, tr("Worst layers"));
    charts_->addTab(output_hist_, tr("Output errors"));
    charts_->addTab(weight_hist_, tr("Weight errors"));
    charts_->addTab(size_chart_, tr("Sizes"));
    layers_->setContextMenuPolicy(Qt::CustomContextMenu);
    layers_->setToolTip(tr("Right-click a layer to keep its weights, or its group's, in float32 (what if)"));

    auto* left = new QVBoxLayout;
    left->addLayout(form);
    left->addLayout(buttons);
    left->addWidget(stage_);
    left->addWidget(sizes_);
    left->addWidget(outputs_, 1);
    auto* top = new QWidget;
    auto* top_layout = new QHBoxLayout(top);
    top_layout->setContentsMargins(0, 0, 0, 0);
    top_layout->addLayout(left, 1);
    top_layout->addWidget(charts_, 1);
    auto* layer_box = new QWidget;
    auto* layer_layout = new QVBoxLayout(layer_box);
    layer_layout->setContentsMargins(0, 0, 0, 0);
    auto* pick = new QHBoxLayout;
    pick->addWidget(new QLabel(tr("Per-layer error for:")));
    pick->addWidget(config_);
    pick->addStretch();
    layer_layout->addLayout(pick);
    layer_layout->addWidget(layers_);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(layer_box);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(run_, &QPushButton::clicked, this, &QuantPanel::start);
    connect(cancel_, &QPushButton::clicked, this, &QuantPanel::cancel);
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &QuantPanel::onFinished);
    connect(config_, &QComboBox::currentIndexChanged, this, &QuantPanel::showConfig);
    connect(layers_, &QTableWidget::customContextMenuRequested, this, &QuantPanel::layerMenu);
    connect(layers_, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto rows = layers_->selectionModel()->selectedRows();
        if (!rows.isEmpty()) emit nodeActivated(layers_->item(rows.first().row(), 0)->text());
    });
}

QuantPanel::~QuantPanel() {
    stop_ = true;
    watcher_.waitForFinished();
}

void QuantPanel::setModel(std::shared_ptr<const ir::Model> model) {
    model_ = std::move(model);
    run_->setEnabled(model_ && !running());
}

void QuantPanel::setConfig(bool float16, bool uint8, bool uint16, const QString& patterns, int samples) {
    f16_->setChecked(float16);
    u8_->setChecked(uint8);
    u16_->setChecked(uint16);
    patterns_->setText(patterns);
    samples_->setValue(samples);
}

Expected<analysis::QuantReportOptions> QuantPanel::reportOptions() const {
    analysis::QuantReportOptions options;
    const QString patterns = patterns_->text().trimmed();
    for (auto [box, dtype] : {std::pair{f16_, exporter::QuantDType::Float16}, std::pair{u8_, exporter::QuantDType::UInt8},
                              std::pair{u16_, exporter::QuantDType::UInt16}}) {
        if (!box->isChecked()) continue;
        analysis::QuantConfig config;
        config.name = std::string(exporter::quant_dtype_name(dtype));
        if (patterns.isEmpty()) {
            config.spec = exporter::quantize_all(dtype);
        } else {
            exporter::QuantizationFlags flags;
            auto flag = exporter::QuantizeFlag::patterns(patterns.toStdString());
            (dtype == exporter::QuantDType::Float16 ? flags.float16 : dtype == exporter::QuantDType::UInt8 ? flags.uint8 : flags.uint16) = flag;
            auto spec = exporter::parse_quantization_flags(flags);
            if (!spec) return spec.error();
            config.spec = std::move(*spec);
        }
        options.configs.push_back(std::move(config));
    }
    if (options.configs.empty()) return Error{{}, {}, tr("Tick at least one of float16, uint8, uint16").toStdString()};
    options.exclude = split_patterns(exclude_->text());
    options.random_count = samples_->value();
    return options;
}

void QuantPanel::start() {
    if (!model_ || running()) return;
    auto options = reportOptions();
    if (!options) {
        stage_->setText(QString::fromStdString(options.error().what()));
        emit finished(false, stage_->text());
        return;
    }
    stop_ = false;
    run_kept_ = exclude_->text().trimmed();
    run_->setEnabled(false);
    cancel_->setEnabled(true);
    progress_->setValue(0);
    stage_->setText(tr("Running float32 and quantized models…"));
    auto model = model_;
    watcher_.setFuture(QtConcurrent::run([this, model, opts = std::move(*options)] {
        Outcome out;
        const Progress progress = queued_progress(this, progress_, stage_, &stop_);
        auto report = analysis::quant_report(*model, opts, progress);
        if (stop_) out.cancelled = true;
        else if (!report) out.error = QString::fromStdString(report.error().what());
        else out.report = std::make_shared<analysis::QuantReport>(std::move(*report));
        if (out.report) {  // the histogram's element-wise errors: one more run per configuration
            auto errors = output_abs_errors(*model, opts, *out.report, progress);
            if (errors) out.output_errors = std::move(*errors);
            else if (stop_) out = Outcome{{}, {}, {}, true};
        }
        return out;
    }));
}

void QuantPanel::cancel() {
    stop_ = true;
    stage_->setText(tr("Cancelling…"));
}

void QuantPanel::onFinished() {
    const Outcome out = watcher_.result();
    run_->setEnabled(model_ != nullptr);
    cancel_->setEnabled(false);
    if (!out.report) {
        stage_->setText(out.cancelled ? tr("Comparison cancelled") : tr("Comparison failed: %1").arg(out.error));
        emit finished(false, stage_->text());
        return;
    }
    previous_ = std::exchange(report_, out.report);
    previous_kept_ = std::exchange(report_kept_, run_kept_);
    progress_->setValue(1000);
    const auto& r = *report_;
    const QLocale locale;
    QStringList sizes{tr("float32: %1").arg(locale.formattedDataSize(static_cast<qint64>(r.float32_bytes)))};
    int rows = 0;
    for (const auto& c : r.configs) {
        sizes << tr("%1: %2 (%3 weights quantized)")
                     .arg(QString::fromStdString(c.name), locale.formattedDataSize(static_cast<qint64>(c.model_bytes)))
                     .arg(c.quantized_weights);
        rows += static_cast<int>(c.outputs.size());
    }
    sizes_->setText(tr("<b>Model size</b> — %1").arg(sizes.join(QStringLiteral(" · "))));
    stage_->setText(tr("%1 samples (%2)").arg(r.samples).arg(QString::fromStdString(r.inputs)));
    outputs_->setRowCount(rows);
    int row = 0;
    for (const auto& c : r.configs)
        for (const auto& o : c.outputs) {
            const auto& m = o.metrics;
            set_cells(outputs_, row++, {QString::fromStdString(c.name), QString::fromStdString(o.name), m.max_abs, m.mean_abs,
                                        m.rmse, m.snr_db, m.cosine, top1(m)});
        }
    outputs_->resizeColumnsToContents();
    config_->blockSignals(true);
    config_->clear();
    for (const auto& c : r.configs) config_->addItem(QString::fromStdString(c.name));
    config_->blockSignals(false);
    showConfig(0);
    showCharts(out);
    describeWhatIf();
    emit finished(true, {});
}

void QuantPanel::showConfig(int index) {
    if (!report_ || index < 0 || index >= static_cast<int>(report_->configs.size())) return;
    const auto& c = report_->configs[static_cast<std::size_t>(index)];
    layers_->setSortingEnabled(false);
    layers_->setRowCount(static_cast<int>(c.nodes.size()));
    QStringList names;
    std::vector<double> rmse;
    for (int i = 0; i < layers_->rowCount(); ++i) {
        const auto& n = c.nodes[static_cast<std::size_t>(i)];
        const auto& m = n.metrics;
        set_cells(layers_, i, {QString::fromStdString(n.name), QString::fromStdString(n.op), m.max_abs, m.mean_abs, m.rmse,
                               m.snr_db, m.cosine});
        names << QString::fromStdString(n.name);
        rmse.push_back(m.rmse);
    }
    layers_->setSortingEnabled(true);
    layers_->sortByColumn(4, Qt::DescendingOrder);
    chart_->setLayers(names, rmse, tr("RMSE (%1)").arg(QString::fromStdString(c.name)));
}

}  // namespace wb::views
