// SPDX-License-Identifier: Apache-2.0
#include "views/panels/weights_panel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QValueAxis>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "views/graph/graph_index.h"
#include "views/models/weight_values_model.h"

namespace wb::views {

WeightsPanel::WeightsPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    title_ = new QLabel(this);
    title_->setWordWrap(true);
    figures_ = new QLabel(this);
    figures_->setTextFormat(Qt::RichText);
    figures_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    chart_ = new QChartView(this);
    chart_->setRenderHint(QPainter::Antialiasing);
    chart_->setMinimumHeight(170);
    chart_->chart()->legend()->hide();
    chart_->chart()->setMargins(QMargins(2, 2, 2, 2));
    values_ = new WeightValuesModel(256, this);
    table_ = new QTableView(this);
    table_->setModel(values_);
    table_->verticalHeader()->setDefaultSectionSize(20);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setAlternatingRowColors(true);
    auto* pager = new QHBoxLayout;
    prev_ = new QPushButton(tr("Previous"), this);
    next_ = new QPushButton(tr("Next"), this);
    page_ = new QLabel(this);
    export_ = new QPushButton(tr("Export .npy…"), this);
    export_->setToolTip(tr("Save this tensor as a NumPy .npy file"));
    pager->addWidget(prev_);
    pager->addWidget(page_, 1, Qt::AlignCenter);
    pager->addWidget(next_);
    pager->addWidget(export_);
    layout->addWidget(title_);
    layout->addWidget(figures_);
    layout->addWidget(chart_, 1);
    layout->addWidget(table_, 1);
    layout->addLayout(pager);
    connect(prev_, &QPushButton::clicked, this, [this] { values_->setPage(values_->page() - 1); updatePageLabel(); });
    connect(next_, &QPushButton::clicked, this, [this] { values_->setPage(values_->page() + 1); updatePageLabel(); });
    connect(export_, &QPushButton::clicked, this, &WeightsPanel::exportNpy);
    connect(&watcher_, &QFutureWatcher<WeightStats>::finished, this, [this] {
        stats_ = watcher_.result();
        stats_ready_ = true;
        applyStats();
        emit statsComputed();
    });
    showNode(-1);
}

WeightsPanel::~WeightsPanel() { watcher_.waitForFinished(); }

void WeightsPanel::setIndex(std::shared_ptr<const GraphIndex> index) {
    index_ = std::move(index);
    showNode(-1);
}

void WeightsPanel::showNode(int node) {
    watcher_.waitForFinished();
    tensor_ = {};
    stats_ = {};
    stats_ready_ = false;
    const ir::Tensor* value = nullptr;
    if (index_ && node >= 0 && node < index_->size()) {
        value = ir::attr_tensor(index_->node(node).attrs, "value");
        name_ = QString::fromStdString(index_->node(node).name);
    }
    const bool has = value && value->valid();
    for (QWidget* w : std::initializer_list<QWidget*>{figures_, chart_, table_, prev_, next_, page_, export_}) w->setVisible(has);
    if (!has) {
        title_->setText(tr("Select a constant (Const node) to see its weights."));
        values_->setTensor({});
        return;
    }
    tensor_ = *value;
    const auto dt = ir::dtype_name(tensor_.dtype());
    title_->setText(QStringLiteral("<b>%1</b>  %2 %3").arg(name_.toHtmlEscaped(), QString::fromUtf8(dt.data(), static_cast<qsizetype>(dt.size())),
                                                            QString::fromStdString(tensor_.shape().to_string())));
    figures_->setText(tr("Computing statistics…"));
    chart_->chart()->removeAllSeries();
    values_->setTensor(tensor_);
    updatePageLabel();
    const ir::Tensor tensor = tensor_;
    watcher_.setFuture(QtConcurrent::run([tensor] { return compute_weight_stats(tensor); }));
}

void WeightsPanel::applyStats() {
    const QLocale locale;
    if (stats_.count == 0) {
        figures_->setText(tr("No numeric values."));
        return;
    }
    QString text = tr("<b>min</b> %1  <b>max</b> %2  <b>mean</b> %3  <b>std</b> %4<br><b>elements</b> %5  <b>zeros</b> %6%")
                       .arg(QString::number(stats_.min, 'g', 5), QString::number(stats_.max, 'g', 5),
                            QString::number(stats_.mean, 'g', 5), QString::number(stats_.stddev, 'g', 5),
                            locale.toString(static_cast<qlonglong>(stats_.count)),
                            QString::number(stats_.sparsity * 100, 'f', 1));
    if (stats_.non_finite) text += tr("  <b>NaN/Inf</b> %1").arg(stats_.non_finite);
    figures_->setText(text);
    auto* chart = chart_->chart();
    chart->removeAllSeries();
    for (auto* axis : chart->axes()) chart->removeAxis(axis);
    auto* set = new QBarSet(tr("Values"));
    set->setColor(QColor(0x42, 0x7f, 0xd6));
    set->setBorderColor(QColor(0x2a, 0x5c, 0xa8));
    QStringList categories;
    const double width = (stats_.max - stats_.min) / static_cast<double>(stats_.histogram.size());
    for (std::size_t i = 0; i < stats_.histogram.size(); ++i) {
        *set << static_cast<double>(stats_.histogram[i]);
        categories << (i % 8 == 0 ? QString::number(stats_.min + width * static_cast<double>(i), 'g', 3) : QString());
    }
    auto* series = new QBarSeries;
    series->setBarWidth(1.0);
    series->append(set);
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    x->setLabelsAngle(0);
    auto* y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

void WeightsPanel::updatePageLabel() {
    page_->setText(tr("Page %1 of %2").arg(values_->page() + 1).arg(values_->pageCount()));
    prev_->setEnabled(values_->page() > 0);
    next_->setEnabled(values_->page() + 1 < values_->pageCount());
}

void WeightsPanel::exportNpy() {
    QString suggested = name_;
    suggested.replace(QLatin1Char('/'), QLatin1Char('_'));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export tensor"), suggested + QStringLiteral(".npy"),
                                                      tr("NumPy arrays (*.npy)"));
    if (path.isEmpty()) return;
    const auto status = write_npy(tensor_, path.toStdString());
    if (!status) QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(status.error().what()));
}

}  // namespace wb::views
