// SPDX-License-Identifier: Apache-2.0
#include "views/panels/bench_panel.h"

#include <cmath>

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTextStream>
#include <QtConcurrent>

#include "analysis/quant_report_inputs.h"
#include "views/charts/run_time_chart.h"
#include "views/panels/bench_panel_compare.h"
#include "views/compare/table_fill.h"
#include "views/panels/queued_progress.h"

namespace wb::views {

BenchPanel::BenchPanel(QWidget* parent) : QWidget(parent) {
    auto* form = new QFormLayout;
    auto spin = [&](int lo, int hi, int value, const QString& label, const QString& tip) {
        auto* s = new QSpinBox;
        s->setRange(lo, hi);
        s->setValue(value);
        s->setToolTip(tip);
        form->addRow(label, s);
        return s;
    };
    threads_ = spin(0, 256, 0, tr("&Threads:"), tr("Worker threads of the session; 0 = all cores"));
    threads_->setSpecialValueText(tr("all cores"));
    runs_ = spin(1, 10000, 20, tr("&Runs:"), tr("Timed runs behind median, minimum and p90"));
    warmup_ = spin(0, 1000, 1, tr("&Warm-up:"), tr("Runs before timing starts (the first run is shown apart)"));
    profile_ = spin(0, 1000, 5, tr("&Profiled runs:"), tr("Runs of a separate profiled session for the per-node table; 0 = none"));
    compare_with_ = new QComboBox;
    compare_with_->addItems({tr("nothing (one configuration)"), tr("float16 weights"), tr("uint8 weights"), tr("uint16 weights"),
                             tr("simplified graph (converter passes)")});
    compare_with_->setToolTip(tr("Benchmark a second configuration right after, on the same inputs, and show both side by side"));
    form->addRow(tr("Compare &with:"), compare_with_);
    run_ = new QPushButton(tr("&Run benchmark"));
    cancel_ = new QPushButton(tr("&Cancel"));
    export_ = new QPushButton(tr("&Save results…"));
    cancel_->setEnabled(false);
    export_->setEnabled(false);
    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    stage_ = new QLabel;
    summary_ = new QLabel(tr("Open a model, then run the benchmark."));
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setWordWrap(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(cancel_);
    buttons->addWidget(export_);
    buttons->addStretch();
    auto* left = new QVBoxLayout;
    left->addLayout(form);
    left->addLayout(buttons);
    left->addWidget(progress_);
    left->addWidget(stage_);
    left->addWidget(summary_);
    compare_ = make_table({tr("Figure"), tr("As loaded"), tr("Compared"), tr("Ratio")});
    compare_->setMinimumHeight(120);
    compare_->hide();
    left->addWidget(compare_, 1);
    left->addStretch();
    chart_ = new RunTimeChart;
    auto* top = new QHBoxLayout;
    top->addLayout(left, 0);
    top->addWidget(chart_, 1);

    ops_ = make_table({tr("Op"), tr("Nodes"), tr("ms / run"), tr("Share %")});
    nodes_ = make_table({tr("Node"), tr("Op"), tr("ms / run"), tr("Share %")});
    // A fused step's op reads "_FusedConv2D+FusedDepthwiseConv2dNative+…": a fixed, resizable
    // width (elided, whole on hover) leaves the node names their room.
    nodes_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Interactive);
    nodes_->setColumnWidth(1, 200);
    auto* tables = new QSplitter(Qt::Horizontal);
    tables->addWidget(ops_);
    tables->addWidget(nodes_);
    tables->setStretchFactor(0, 2);
    tables->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top, 2);
    layout->addWidget(tables, 3);

    connect(run_, &QPushButton::clicked, this, &BenchPanel::start);
    connect(cancel_, &QPushButton::clicked, this, &BenchPanel::cancel);
    connect(export_, &QPushButton::clicked, this, &BenchPanel::exportResult);
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &BenchPanel::onFinished);
    connect(nodes_, &QTableWidget::cellActivated, this,
            [this](int row, int) { emit nodeActivated(nodes_->item(row, 0)->text()); });
    run_->setEnabled(false);
}

BenchPanel::~BenchPanel() {
    stop_ = true;
    watcher_.waitForFinished();  // the worker holds no pointer to us once it returns
}

void BenchPanel::setModel(std::shared_ptr<const ir::Model> model) {
    model_ = std::move(model);
    run_->setEnabled(model_ && !running());
}

void BenchPanel::setSettings(int threads, int runs, int warmup) {
    threads_->setValue(threads);
    runs_->setValue(runs);
    warmup_->setValue(warmup);
}

void BenchPanel::start() {
    if (!model_ || running()) return;
    runtime::BenchOptions options;
    options.threads = threads_->value();
    options.runs = runs_->value();
    options.warmup = warmup_->value();
    options.profile_runs = profile_->value();
    stop_ = false;
    run_->setEnabled(false);
    cancel_->setEnabled(true);
    progress_->setValue(0);
    stage_->setText(tr("Preparing inputs…"));
    auto model = model_;
    const int compare = compare_with_->currentIndex();
    const QString compare_name = compare_with_->currentText();
    watcher_.setFuture(QtConcurrent::run([this, model, base = options, compare, compare_name] {
        Outcome out;
        runtime::BenchOptions options = base;
        // One random sample shaped as the model's inputs, as the quant report makes them.
        auto samples = analysis::random_samples(*model, 1, {});
        if (!samples) {
            out.error = QString::fromStdString(samples.error().what());
            return out;
        }
        if (!samples->empty()) options.feeds = samples->front();
        const Progress queued = queued_progress(this, progress_, stage_, &stop_);
        // With a comparison, each configuration takes half of the bar.
        const double share = compare > 0 ? 0.5 : 1.0;
        Progress progress{[&](double f, const std::string& s) { queued.report(f * share, s); }, &stop_};
        auto result = runtime::run_benchmark(model, options, progress);
        if (stop_) out.cancelled = true;
        else if (!result) out.error = QString::fromStdString(result.error().what());
        else out.result = std::make_shared<runtime::BenchResult>(std::move(*result));
        if (!out.result || compare == 0) return out;
        queued.report(0.5, tr("Preparing %1…").arg(compare_name).toStdString());
        auto other = comparison_model(*model, compare);
        if (!other) {
            out.error = QString::fromStdString(other.error().what());
            out.result.reset();
            return out;
        }
        Progress second{[&](double f, const std::string& s) { queued.report(0.5 + 0.5 * f, s); }, &stop_};
        auto compared = runtime::run_benchmark(*other, options, second);
        if (stop_) out.cancelled = true;
        else if (!compared) out.error = QString::fromStdString(compared.error().what());
        else out.compared = std::make_shared<runtime::BenchResult>(std::move(*compared));
        if (!out.compared) out.result.reset();
        return out;
    }));
}

void BenchPanel::cancel() {
    stop_ = true;
    stage_->setText(tr("Cancelling…"));
}

void BenchPanel::onFinished() {
    const Outcome out = watcher_.result();
    run_->setEnabled(model_ != nullptr);
    cancel_->setEnabled(false);
    if (out.cancelled) {
        stage_->setText(tr("Benchmark cancelled"));
        emit finished(false, stage_->text());
        return;
    }
    if (!out.result) {
        stage_->setText(tr("Benchmark failed: %1").arg(out.error));
        emit finished(false, out.error);
        return;
    }
    result_ = out.result;
    result_b_ = out.compared;
    progress_->setValue(1000);
    stage_->setText(tr("Done"));
    showResult();
    showComparison();
    export_->setEnabled(true);
    emit finished(true, {});
}

void BenchPanel::showResult() {
    const auto& r = *result_;
    const QLocale locale;
    summary_->setText(tr("<b>Median</b> %1 ms · <b>min</b> %2 ms · <b>p90</b> %3 ms · mean %4 ms<br>"
                         "First run %5 ms · session %6 ms · %7 timed runs on %8 threads<br>"
                         "<b>Peak memory</b>: activations %9 (live lower bound %10), process RSS %11")
                          .arg(r.median_ms, 0, 'f', 3).arg(r.min_ms, 0, 'f', 3).arg(r.p90_ms, 0, 'f', 3)
                          .arg(r.mean_ms, 0, 'f', 3).arg(r.first_run_ms, 0, 'f', 3).arg(r.session_ms, 0, 'f', 1)
                          .arg(r.runs).arg(r.threads)
                          .arg(locale.formattedDataSize(static_cast<qint64>(r.peak_activation_bytes)),
                               locale.formattedDataSize(static_cast<qint64>(r.plan_lower_bound_bytes)),
                               locale.formattedDataSize(static_cast<qint64>(r.peak_rss_bytes))));
    if (r.huge_page_bytes > 0)  // timings with and without differ by a few percent: say which this is
        summary_->setText(summary_->text() +
                          tr(", %1 of it on huge pages").arg(locale.formattedDataSize(static_cast<qint64>(r.huge_page_bytes))));
    if (r.flops > 0)
        summary_->setText(summary_->text() + QStringLiteral("<br>") +
                          tr("<b>Compute</b>: %1 GFLOP of convolutions and matrix products per run, %2 GFLOPS at the median")
                              .arg(r.flops * 1e-9, 0, 'f', 3).arg(r.gflops, 0, 'f', 1));
    chart_->setRuns(r.run_ms, warmup_->value(), r.median_ms);
    double total = 0;
    for (const auto& op : r.op_types) total += op.ms;
    const double share = total > 0 ? 100.0 / total : 0.0;
    // Shown to µs and 0.1 %: more digits are noise and would take the op names' room.
    auto ms = [](double v) { return std::round(v * 1000.0) / 1000.0; };
    auto pct = [](double v) { return std::round(v * 10.0) / 10.0; };
    ops_->setSortingEnabled(false);
    ops_->setRowCount(static_cast<int>(r.op_types.size()));
    for (int i = 0; i < ops_->rowCount(); ++i) {
        const auto& op = r.op_types[static_cast<std::size_t>(i)];
        set_cells(ops_, i, {QString::fromStdString(op.op), op.count, ms(op.ms), pct(op.ms * share)});
    }
    ops_->setSortingEnabled(true);
    ops_->sortByColumn(2, Qt::DescendingOrder);
    nodes_->setSortingEnabled(false);
    nodes_->setRowCount(static_cast<int>(r.nodes.size()));
    for (int i = 0; i < nodes_->rowCount(); ++i) {
        const auto& n = r.nodes[static_cast<std::size_t>(i)];
        set_cells(nodes_, i, {QString::fromStdString(n.node), QString::fromStdString(n.op), ms(n.ms), pct(n.ms * share)});
    }
    nodes_->setSortingEnabled(true);
    nodes_->sortByColumn(2, Qt::DescendingOrder);
}

bool BenchPanel::saveJson(const QString& path) const {
    if (!result_) return false;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    return f.write(QByteArray::fromStdString(runtime::bench_to_json(*result_))) >= 0;
}

bool BenchPanel::saveCsv(const QString& path) const {
    if (!result_) return false;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) return false;
    QTextStream out(&f);
    out << "node,op,ms_per_run\n";
    for (const auto& n : result_->nodes)
        out << csv_field(QString::fromStdString(n.node)) << ',' << csv_field(QString::fromStdString(n.op)) << ','
            << QString::number(n.ms, 'g', 9) << '\n';
    return out.status() == QTextStream::Ok;
}

void BenchPanel::exportResult() {
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save benchmark results"), QStringLiteral("bench.json"),
                                                      tr("JSON (*.json);;CSV, per node (*.csv)"), &filter);
    if (path.isEmpty()) return;
    const bool ok = path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive) ? saveCsv(path) : saveJson(path);
    stage_->setText(ok ? tr("Saved %1").arg(path) : tr("Could not write %1").arg(path));
}

}  // namespace wb::views
