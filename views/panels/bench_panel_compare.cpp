// SPDX-License-Identifier: Apache-2.0
// BenchPanel's side-by-side comparison of two configurations.
#include "views/panels/bench_panel_compare.h"

#include <QComboBox>
#include <QSpinBox>
#include <QTableWidget>

#include "analysis/quant_report_weights.h"
#include "export/quantize_select.h"
#include "passes/pipelines.h"
#include "views/charts/run_time_chart.h"
#include "views/compare/table_fill.h"
#include "views/panels/bench_panel.h"

namespace wb::views {

Expected<std::shared_ptr<const ir::Model>> comparison_model(const ir::Model& model, int kind) {
    if (kind >= 1 && kind <= 3) {
        const exporter::QuantDType dtypes[] = {exporter::QuantDType::Float16, exporter::QuantDType::UInt8,
                                               exporter::QuantDType::UInt16};
        auto q = analysis::quantize_model(model, exporter::quantize_all(dtypes[kind - 1]), {});
        if (!q) return q.error();
        return q->model;
    }
    auto copy = std::make_shared<ir::Model>(model);
    auto report = passes::run_default_pipeline(*copy);
    if (!report) return report.error();
    return std::shared_ptr<const ir::Model>(std::move(copy));
}

void BenchPanel::setComparison(Compare with) { compare_with_->setCurrentIndex(static_cast<int>(with)); }

QString BenchPanel::comparedName() const { return compare_with_->currentText(); }

void BenchPanel::showComparison() {
    const bool on = result_b_ != nullptr;
    compare_->setVisible(on);
    if (!on) return;
    const auto &a = *result_, &b = *result_b_;
    compare_->setHorizontalHeaderLabels({tr("Figure"), tr("As loaded"), comparedName(), tr("Ratio")});
    struct Row {
        QString name;
        double a, b;
    };
    const std::vector<Row> rows = {
        {tr("Median ms"), a.median_ms, b.median_ms},
        {tr("Min ms"), a.min_ms, b.min_ms},
        {tr("p90 ms"), a.p90_ms, b.p90_ms},
        {tr("Mean ms"), a.mean_ms, b.mean_ms},
        {tr("First run ms"), a.first_run_ms, b.first_run_ms},
        {tr("Session ms"), a.session_ms, b.session_ms},
        {tr("Peak activations MiB"), a.peak_activation_bytes / 1048576.0, b.peak_activation_bytes / 1048576.0},
        {tr("GFLOPS (conv/matmul)"), a.gflops, b.gflops},
        {tr("Profiled nodes"), static_cast<double>(a.nodes.size()), static_cast<double>(b.nodes.size())},
    };
    compare_->setRowCount(static_cast<int>(rows.size()));
    for (int i = 0; i < compare_->rowCount(); ++i) {
        const Row& r = rows[static_cast<std::size_t>(i)];
        set_cells(compare_, i, {r.name, r.a, r.b, r.a > 0 ? QVariant(r.b / r.a) : QVariant(QString())});
    }
    chart_->setComparison(a.run_ms, b.run_ms, warmup_->value(), tr("As loaded"), comparedName());
}

}  // namespace wb::views
