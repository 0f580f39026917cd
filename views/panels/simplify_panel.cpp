// SPDX-License-Identifier: Apache-2.0
#include "views/panels/simplify_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QtConcurrent>
#include <utility>

#include "passes/pipelines.h"
#include "views/compare/simplify_compare.h"
#include "views/compare/table_fill.h"

namespace wb::views {

SimplifyPanel::SimplifyPanel(QWidget* parent) : QWidget(parent) {
    list_ = new QListWidget;
    list_->setToolTip(tr("Untick a pass to see the pipeline without it"));
    QStringList seen;
    for (const auto& name : passes::default_pipeline_order(true)) {
        const QString pass = QString::fromStdString(name);
        if (seen.contains(pass)) continue;  // a pass that runs twice is switched as one
        seen << pass;
        auto* item = new QListWidgetItem(pass, list_);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    run_ = new QPushButton(tr("&Preview"));
    run_->setEnabled(false);
    summary_ = new QLabel(tr("Open a model, then preview the simplification."));
    summary_->setWordWrap(true);
    passes_ = make_table({tr("Pass"), tr("Nodes before"), tr("Nodes after"), tr("Change"), tr("ms")});
    changes_ = make_table({tr("Pass"), tr("Change"), tr("Node"), tr("Op"), tr("From / reason")});
    changes_->setSortingEnabled(true);
    auto* left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Passes, in pipeline order:")));
    left->addWidget(list_, 1);
    left->addWidget(run_);
    auto* tables = new QSplitter(Qt::Vertical);
    tables->addWidget(passes_);
    tables->addWidget(changes_);
    compare_ = new SimplifyCompare;
    tabs_ = new QTabWidget;
    tabs_->addTab(compare_, tr("Side by side"));
    tabs_->addTab(tables, tr("Passes and changes"));
    auto* top = new QHBoxLayout;
    top->addLayout(left, 1);
    top->addWidget(tabs_, 5);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addLayout(top, 1);
    connect(run_, &QPushButton::clicked, this, &SimplifyPanel::start);
    connect(list_, &QListWidget::itemChanged, this, [this] {
        if (!model_) return;
        if (running()) rerun_ = true;  // a toggle during a run is applied right after it
        else start();                  // toggling a pass recomputes the preview
    });
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &SimplifyPanel::onFinished);
    connect(changes_, &QTableWidget::cellActivated, this,
            [this](int row, int) { emit nodeActivated(changes_->item(row, 2)->text()); });
}

SimplifyPanel::~SimplifyPanel() { watcher_.waitForFinished(); }

void SimplifyPanel::setModel(std::shared_ptr<const ir::Model> model) {
    model_ = std::move(model);
    run_->setEnabled(model_ != nullptr);
}

void SimplifyPanel::setPassEnabled(const QString& pass, bool on) {
    const auto items = list_->findItems(pass, Qt::MatchExactly);
    list_->blockSignals(true);  // callers batch their toggles, then start()
    for (auto* item : items) item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    list_->blockSignals(false);
}

QStringList SimplifyPanel::skippedPasses() const {
    QStringList out;
    for (int i = 0; i < list_->count(); ++i)
        if (list_->item(i)->checkState() != Qt::Checked) out << list_->item(i)->text();
    return out;
}

void SimplifyPanel::start() {
    if (!model_ || running()) return;
    passes::PipelineOptions options;
    for (const QString& s : skippedPasses()) options.skip.push_back(s.toStdString());
    run_->setEnabled(false);
    summary_->setText(tr("Running the pipeline…"));
    auto model = model_;
    watcher_.setFuture(QtConcurrent::run([model, options] {
        Outcome out;
        auto copy = std::make_shared<ir::Model>(*model);  // the loaded model stays as read
        auto report = passes::run_default_pipeline(*copy, options);
        if (!report) out.error = QString::fromStdString(report.error().what());
        else {
            out.report = std::make_shared<passes::PipelineReport>(std::move(*report));
            out.optimized = std::move(copy);
        }
        return out;
    }));
}

void SimplifyPanel::onFinished() {
    const Outcome out = watcher_.result();
    run_->setEnabled(model_ != nullptr);
    if (!out.report) {
        summary_->setText(tr("Simplification failed: %1").arg(out.error));
        emit finished(false, out.error);
        return;
    }
    report_ = out.report;
    optimized_ = out.optimized;
    const auto& r = *report_;
    compare_->setModels(model_, optimized_, r);
    summary_->setText(tr("%1 nodes → %2 nodes in %3 ms (%4 passes skipped)")
                          .arg(r.nodes_before).arg(r.nodes_after).arg(r.total_ms, 0, 'f', 1).arg(skippedPasses().size()));
    passes_->setRowCount(static_cast<int>(r.passes.size()));
    int rows = 0;
    for (int i = 0; i < passes_->rowCount(); ++i) {
        const auto& p = r.passes[static_cast<std::size_t>(i)];
        set_cells(passes_, i, {QString::fromStdString(p.pass), static_cast<qulonglong>(p.nodes_before),
                               static_cast<qulonglong>(p.nodes_after),
                               static_cast<qlonglong>(p.nodes_after) - static_cast<qlonglong>(p.nodes_before), p.ms});
        rows += static_cast<int>(p.log.removed.size() + p.log.added.size() + p.log.rewritten.size());
    }
    changes_->setSortingEnabled(false);
    changes_->setRowCount(rows);
    int row = 0;
    auto from = [](const passes::NodeChange& c) {
        QStringList names;
        for (const auto& f : c.from) names << QString::fromStdString(f);
        return names.join(QStringLiteral(", ")) + (c.note.empty() ? QString() : QStringLiteral(" — ") + QString::fromStdString(c.note));
    };
    for (const auto& p : r.passes) {
        const QString pass = QString::fromStdString(p.pass);
        for (const auto& c : p.log.removed)
            set_cells(changes_, row++, {pass, tr("removed"), QString::fromStdString(c.node), QString::fromStdString(c.op),
                                        QString::fromStdString(c.reason)});
        for (const auto& c : p.log.added)
            set_cells(changes_, row++, {pass, tr("new"), QString::fromStdString(c.node), QString::fromStdString(c.op), from(c)});
        for (const auto& c : p.log.rewritten)
            set_cells(changes_, row++, {pass, tr("fused / rewritten"), QString::fromStdString(c.node), QString::fromStdString(c.op), from(c)});
    }
    changes_->setSortingEnabled(true);
    emit finished(true, {});
    if (std::exchange(rerun_, false)) start();
}

}  // namespace wb::views
