// SPDX-License-Identifier: Apache-2.0
// The quantization comparison end to end on a corpus MobileNetV2 (tfjs graph model): the per-output table holds exactly
// the numbers wb::analysis::quant_report gives when called directly with the same options; the
// per-layer table sorts, selecting a row names the node, the chart shows the worst layers. The
// tables also match `tfjs-wb quant-report --json` run as a process, before and after keeping a
// layer's weights in float32 (what if); the histograms count every weight and output element;
// per-node error colours the graph (heat overlay).
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTabWidget>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <cmath>

#include "corpus_mobilenet.h"
#include "views/charts/bar_chart.h"
#include "views/charts/heat_legend.h"
#include "views/charts/layer_error_chart.h"
#include "laid_out_graph.h"
#include "views/graph/heat_overlay.h"
#include "views/panels/quant_panel.h"
#include "views/panels/quant_panel_errors.h"

using namespace wb;

namespace {
std::filesystem::path mobilenet() { return test::mobilenet_v2_mid(); }

// `tfjs-wb quant-report MODEL --samples 1 --json ARGS…` from the build's bin folder.
QJsonObject cli_report(const QStringList& args) {
    QProcess p;
    p.start(QString::fromStdString((test::bin_dir() / "tfjs-wb").string()),
            QStringList{QStringLiteral("quant-report"), QString::fromStdString(mobilenet().string()), QStringLiteral("--samples"),
                        QStringLiteral("1"), QStringLiteral("--json")} + args);
    if (!p.waitForFinished(180000) || p.exitCode() != 0) {
        qWarning() << "tfjs-wb quant-report failed:" << p.readAllStandardError();
        return {};
    }
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

// A JSON metric ("inf" for an exact match) against the number a table cell holds.
bool same_number(const QJsonValue& json, const QTableWidgetItem* cell) {
    const double shown = cell->data(Qt::DisplayRole).toDouble();
    if (json.isString()) return std::isinf(shown) && json.toString() == QLatin1String("inf");
    const double expected = json.toDouble();
    return std::abs(shown - expected) <= 1e-6 * std::max(1.0, std::abs(expected));  // same code, threads may reorder sums
}

// Every row of the panel's per-output table equals the CLI's configurations[].outputs[].
void compare_outputs(const QTableWidget* table, const QJsonObject& cli) {
    int row = 0;
    for (const auto& c : cli.value(QStringLiteral("configurations")).toArray())
        for (const auto& o : c.toObject().value(QStringLiteral("outputs")).toArray()) {
            const QJsonObject out = o.toObject();
            const QString name = c.toObject().value(QStringLiteral("name")).toString();
            if (name != QLatin1String("custom"))  // the CLI's name for a --quantize_* flag setting
                QCOMPARE(table->item(row, 0)->text(), name);
            QCOMPARE(table->item(row, 1)->text(), out.value(QStringLiteral("name")).toString());
            int col = 2;
            for (const char* key : {"max_abs_error", "mean_abs_error", "rmse", "snr_db", "cosine_similarity"})
                QVERIFY2(same_number(out.value(QLatin1String(key)), table->item(row, col++)), key);
            ++row;
        }
    QVERIFY(row > 0);
    QCOMPARE(table->rowCount(), row);
}
}  // namespace

class TestQuantPanel : public QObject {
    Q_OBJECT
    std::shared_ptr<const ir::Model> model_;

    static void compareNumber(const QTableWidgetItem* item, double expected) {
        QVERIFY(item);
        const double shown = item->data(Qt::DisplayRole).toDouble();
        if (std::isinf(expected)) QVERIFY(std::isinf(shown));
        else QCOMPARE(shown, expected);
    }

private slots:
    void initTestCase() { test::load_mobilenet_v2_mid(model_); }

    void tableMatchesDirectReport() {
        views::QuantPanel panel;
        panel.resize(1200, 800);
        panel.setModel(model_);
        panel.setConfig(true, true, true, {}, 1);
        QSignalSpy done(&panel, &views::QuantPanel::finished);
        panel.start();
        QVERIFY(done.wait(120000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));

        auto options = panel.reportOptions();
        QVERIFY(options.ok());
        auto direct = analysis::quant_report(*model_, *options);
        QVERIFY2(direct.ok(), direct ? "" : direct.error().what().c_str());
        QCOMPARE(static_cast<int>(direct->configs.size()), 3);
        auto* table = panel.outputTable();
        int row = 0;
        for (const auto& config : direct->configs)
            for (const auto& out : config.outputs) {
                QCOMPARE(table->item(row, 0)->text(), QString::fromStdString(config.name));
                QCOMPARE(table->item(row, 1)->text(), QString::fromStdString(out.name));
                compareNumber(table->item(row, 2), out.metrics.max_abs);
                compareNumber(table->item(row, 3), out.metrics.mean_abs);
                compareNumber(table->item(row, 4), out.metrics.rmse);
                compareNumber(table->item(row, 5), out.metrics.snr_db);
                compareNumber(table->item(row, 6), out.metrics.cosine);
                ++row;
            }
        QCOMPARE(table->rowCount(), row);
        QVERIFY(row > 0);
        QCOMPARE(panel.report()->float32_bytes, direct->float32_bytes);

        // Per-layer table: sorted by RMSE, worst first; the chart shows bars; a row names its node.
        auto* layers = panel.layerTable();
        QCOMPARE(layers->rowCount(), static_cast<int>(direct->configs[0].nodes.size()));
        QVERIFY(layers->rowCount() > 1);
        QVERIFY(layers->item(0, 4)->data(Qt::DisplayRole).toDouble() >= layers->item(1, 4)->data(Qt::DisplayRole).toDouble());
        QVERIFY(panel.chart()->barCount() > 0);
        layers->sortByColumn(0, Qt::AscendingOrder);
        QVERIFY(layers->item(0, 0)->text() <= layers->item(1, 0)->text());
        QSignalSpy focus(&panel, &views::QuantPanel::nodeActivated);
        layers->selectRow(1);
        QCOMPARE(focus.count(), 1);
        QCOMPARE(focus.first().at(0).toString(), layers->item(1, 0)->text());
        // uint8 errors are larger than float16 ones on the same layers.
        panel.findChild<QComboBox*>()->setCurrentIndex(1);
        QCOMPARE(layers->rowCount(), static_cast<int>(direct->configs[1].nodes.size()));
        if (qEnvironmentVariableIsSet("WB_SCREENSHOT_DIR"))
            panel.grab().save(qEnvironmentVariable("WB_SCREENSHOT_DIR") + QStringLiteral("/quantization.png"));
    }

    void tablesMatchCli() {
        views::QuantPanel panel;
        panel.resize(1300, 850);
        panel.setModel(model_);
        panel.setConfig(true, true, true, {}, 1);
        QSignalSpy done(&panel, &views::QuantPanel::finished);
        panel.start();
        QVERIFY(done.wait(180000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        const QJsonObject cli = cli_report({});
        QVERIFY2(!cli.isEmpty(), "tfjs-wb quant-report gave no JSON (target tfjs-wb built?)");
        compare_outputs(panel.outputTable(), cli);
        QCOMPARE(static_cast<qint64>(panel.report()->float32_bytes), cli.value(QStringLiteral("float32_bytes")).toInteger());
        // Per-layer table of float16 (the first configuration) against the CLI's nodes.
        QHash<QString, QJsonObject> nodes;
        for (const auto& n : cli.value(QStringLiteral("configurations")).toArray().at(0).toObject().value(QStringLiteral("nodes")).toArray())
            nodes.insert(n.toObject().value(QStringLiteral("name")).toString(), n.toObject());
        auto* layers = panel.layerTable();
        QCOMPARE(layers->rowCount(), nodes.size());
        for (int i = 0; i < layers->rowCount(); ++i) {
            const QJsonObject n = nodes.value(layers->item(i, 0)->text());
            QVERIFY2(!n.isEmpty(), qPrintable(layers->item(i, 0)->text()));
            QVERIFY(same_number(n.value(QStringLiteral("rmse")), layers->item(i, 4)));
            QVERIFY(same_number(n.value(QStringLiteral("max_abs_error")), layers->item(i, 2)));
        }
        // Histograms: every quantized weight is counted once per configuration; outputs too.
        int quantized = 0;
        for (const auto& c : panel.report()->configs) quantized += c.quantized_weights;
        QCOMPARE(panel.weightHistogram()->setCount(), 3);
        QCOMPARE(panel.weightHistogram()->total(), static_cast<double>(quantized));
        QCOMPARE(panel.outputHistogram()->setCount(), 3);
        double elements = 0;
        for (const auto& o : panel.report()->configs[0].outputs) elements += static_cast<double>(o.metrics.count);
        QCOMPARE(panel.outputHistogram()->total(), 3 * elements);  // one sample: every element once
        QCOMPARE(panel.sizeChart()->total() * 1024.0,
                 static_cast<double>(panel.report()->float32_bytes + panel.report()->configs[0].model_bytes +
                                     panel.report()->configs[1].model_bytes + panel.report()->configs[2].model_bytes));
        if (qEnvironmentVariableIsSet("WB_SCREENSHOT_DIR")) {
            panel.findChild<QTabWidget*>()->setCurrentIndex(1);
            panel.grab().save(qEnvironmentVariable("WB_SCREENSHOT_DIR") + QStringLiteral("/quant_histograms.png"));
        }
    }

    void keepFloat32WhatIf() {
        views::QuantPanel panel;
        panel.setModel(model_);
        panel.setConfig(false, true, false, {}, 1);
        QSignalSpy done(&panel, &views::QuantPanel::finished);
        panel.start();
        QVERIFY(done.wait(180000));
        QVERIFY(done.takeFirst().at(0).toBool());
        const int before = panel.report()->configs[0].quantized_weights;
        // The worst layer that reads weights itself (sorted by RMSE, worst first; an Add reads none).
        QString node;
        for (int row = 0; row < panel.layerTable()->rowCount() && node.isEmpty(); ++row) {
            const QString name = panel.layerTable()->item(row, 0)->text().section(QLatin1Char(':'), 0, 0);
            if (!views::node_weights(*model_, name.toStdString()).empty()) node = name;
        }
        QVERIFY(!node.isEmpty());
        panel.keepNodeFloat32(node);
        QVERIFY(!panel.keptFloat32().isEmpty());
        QVERIFY(panel.running());
        QVERIFY(done.wait(180000));
        QVERIFY(done.first().at(0).toBool());
        QVERIFY(panel.report()->configs[0].quantized_weights < before);
        QVERIFY(panel.whatIfSummary().contains(QStringLiteral("uint8")));
        const QJsonObject cli = cli_report({QStringLiteral("--quantize_uint8"), QStringLiteral("--exclude"), panel.keptFloat32()});
        QVERIFY(!cli.isEmpty());
        QCOMPARE(cli.value(QStringLiteral("configurations")).toArray().at(0).toObject().value(QStringLiteral("quantized_weights")).toInt(),
                 panel.report()->configs[0].quantized_weights);
        compare_outputs(panel.outputTable(), cli);
    }

    void errorHeatOverlay() {
        views::QuantPanel panel;
        panel.setModel(model_);
        panel.setConfig(true, true, false, {}, 1);
        QSignalSpy done(&panel, &views::QuantPanel::finished);
        panel.start();
        QVERIFY(done.wait(180000));
        QVERIFY(done.first().at(0).toBool());
        test::LaidOutGraph graph;
        QVERIFY(graph.show(model_));
        auto& view = graph.view;
        auto* overlay = views::HeatOverlay::of(&view);
        overlay->setQuantReport(*panel.report());
        QCOMPARE(overlay->layerIds(), (QStringList{QStringLiteral("quant:float16"), QStringLiteral("quant:uint8")}));
        QCOMPARE(overlay->currentLayer(), QStringLiteral("quant:uint8"));
        QVERIFY(overlay->markCount() > 0);
        // The node with the largest uint8 RMSE is the hottest.
        const auto& nodes = panel.report()->configs[1].nodes;
        const auto worst = std::max_element(nodes.begin(), nodes.end(),
                                            [](const auto& a, const auto& b) { return a.metrics.rmse < b.metrics.rmse; });
        const ir::Node* node = model_->graph.find(worst->name.substr(0, worst->name.find(':')));
        QVERIFY(node);
        const int n = static_cast<int>(node - model_->graph.nodes().data());
        QCOMPARE(overlay->nodeColor(n), views::heat_color(1.0));
        // The legend picks the other dtype and switches the overlay off.
        auto* legend = overlay->legend();
        QVERIFY(legend->isVisibleTo(&view));
        legend->layerBox()->setCurrentIndex(0);
        emit legend->layerBox()->activated(0);
        QCOMPARE(overlay->currentLayer(), QStringLiteral("quant:float16"));
        if (qEnvironmentVariableIsSet("WB_SCREENSHOT_DIR")) {
            // float16 (shown now): mobilenet_v2_mid ships uint8 weights, so re-quantizing to uint8 moves little.
            view.show();
            view.resetZoom();
            view.zoomBy(0.55);
            if (auto* item = graph.scene.visibleItemFor(n)) view.centerOn(item);
            view.grab().save(qEnvironmentVariable("WB_SCREENSHOT_DIR") + QStringLiteral("/heat_quant.png"));
        }
        legend->onSwitch()->setChecked(false);
        QCOMPARE(overlay->currentLayer(), QString());
        QCOMPARE(overlay->markCount(), 0);
    }

    void patternsSelectWeights() {
        views::QuantPanel panel;
        panel.setConfig(false, true, false, QStringLiteral("no_such_weight*"), 1);
        auto options = panel.reportOptions();
        QVERIFY(options.ok());
        QCOMPARE(options->configs.size(), std::size_t{1});
        auto report = analysis::quant_report(*model_, *options);
        QVERIFY(report.ok());
        QCOMPARE(report->configs[0].quantized_weights, 0);  // nothing matched: nothing quantized
        panel.setConfig(false, false, false);
        QVERIFY(!panel.reportOptions().ok());
    }
};

QTEST_MAIN(TestQuantPanel)
#include "tst_quant_panel.moc"
