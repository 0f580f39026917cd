// SPDX-License-Identifier: Apache-2.0
// QuantPanel's charts beside the tables, and the "keep in float32" what-if.
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTableWidget>

#include "views/charts/bar_chart.h"
#include "views/panels/quant_panel.h"
#include "views/panels/quant_panel_errors.h"

namespace wb::views {

void QuantPanel::showCharts(const Outcome& out) {
    const auto& r = *report_;
    std::vector<QString> names;
    for (const auto& c : r.configs) names.push_back(QString::fromStdString(c.name));
    auto histogram = [&](BarChart* chart, const std::vector<std::vector<double>>& series, const QString& x) {
        const LogHistogram h = log_histogram(series);
        std::vector<std::pair<QString, std::vector<double>>> sets;
        for (std::size_t i = 0; i < h.counts.size() && i < names.size(); ++i) sets.emplace_back(names[i], h.counts[i]);
        chart->setBars(h.bins, sets, x, tr("count"));
    };
    histogram(output_hist_, out.output_errors, tr("|quantized − float32| (log bins, lower edge)"));
    std::vector<std::vector<double>> weights;
    for (const auto& c : r.configs) weights.push_back(weight_errors(c));
    histogram(weight_hist_, weights, tr("RMSE / scale (affine) · RMSE / max|w| (float16)"));
    QStringList categories{tr("float32")};
    std::vector<double> kib{static_cast<double>(r.float32_bytes) / 1024.0};
    for (const auto& c : r.configs) {
        categories << QString::fromStdString(c.name);
        kib.push_back(static_cast<double>(c.model_bytes) / 1024.0);
    }
    size_chart_->setBars(categories, {{tr("weights"), kib}}, tr("setting"), tr("KiB"));
}

void QuantPanel::describeWhatIf() {
    what_if_.clear();
    if (!previous_ || previous_kept_ == report_kept_) return;
    QStringList lines;
    for (const auto& now : report_->configs)
        for (const auto& before : previous_->configs) {
            if (before.name != now.name || before.outputs.empty() || now.outputs.empty()) continue;
            lines << tr("%1: %2 weights quantized (was %3), output RMSE %4 → %5")
                         .arg(QString::fromStdString(now.name))
                         .arg(now.quantized_weights)
                         .arg(before.quantized_weights)
                         .arg(before.outputs.front().metrics.rmse, 0, 'g', 4)
                         .arg(now.outputs.front().metrics.rmse, 0, 'g', 4);
        }
    what_if_ = tr("<b>What if</b> (float32 kept: %1)<br>%2")
                   .arg(report_kept_.isEmpty() ? tr("none") : report_kept_.toHtmlEscaped(), lines.join(QStringLiteral("<br>")));
    stage_->setText(what_if_);
}

void QuantPanel::addKept(const QStringList& patterns) {
    QStringList kept = exclude_->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString& k : kept) k = k.trimmed();
    for (const QString& p : patterns)
        if (!kept.contains(p)) kept << p;
    exclude_->setText(kept.join(QLatin1Char(',')));
    start();
}

void QuantPanel::keepNodeFloat32(const QString& node) {
    if (!model_) return;
    QStringList patterns;
    for (const auto& w : node_weights(*model_, node.toStdString())) patterns << QString::fromStdString(w);
    if (patterns.isEmpty()) {
        stage_->setText(tr("'%1' reads no weight to keep in float32").arg(node));
        return;
    }
    addKept(patterns);
}

void QuantPanel::keepGroupFloat32(const QString& scope) { addKept({scope + QStringLiteral("/*")}); }

void QuantPanel::clearKeepFloat32() {
    exclude_->clear();
    start();
}

QString QuantPanel::keptFloat32() const { return exclude_->text(); }

void QuantPanel::layerMenu(const QPoint& pos) {
    const int row = layers_->rowAt(pos.y());
    if (row < 0 || running()) return;
    const QString node = layers_->item(row, 0)->text().section(QLatin1Char(':'), 0, 0);
    QMenu menu(this);
    menu.addAction(tr("Keep weights of '%1' in float32 (what if)").arg(node), this, [this, node] { keepNodeFloat32(node); });
    const qsizetype slash = node.lastIndexOf(QLatin1Char('/'));
    if (slash > 0) {
        const QString scope = node.left(slash);
        menu.addAction(tr("Keep every weight under '%1/' in float32").arg(scope), this, [this, scope] { keepGroupFloat32(scope); });
    }
    if (!exclude_->text().isEmpty()) menu.addAction(tr("Quantize everything again"), this, &QuantPanel::clearKeepFloat32);
    menu.exec(layers_->viewport()->mapToGlobal(pos));
}

}  // namespace wb::views
