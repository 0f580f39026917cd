// SPDX-License-Identifier: Apache-2.0
// The quantization comparison end to end on a corpus MobileNetV2 (tfjs graph model): the per-output table holds exactly
// the numbers wb::analysis::quant_report gives when called directly with the same options; the
// per-layer table sorts, selecting a row names the node, the chart shows the worst layers.
#include <QComboBox>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <cmath>

#include "common/corpus.h"
#include "formats/registry.h"
#include "views/charts/layer_error_chart.h"
#include "views/panels/quant_panel.h"

using namespace wb;

namespace {
// A real converted model (tfjs 4.22 layout) that the runtime runs end to end; the sample CNN
// holds a MatrixInverse the runtime has no kernel for.
std::filesystem::path mobilenet() { return test::corpus_dir() / "tfjs/nsfwjs/mobilenet_v2_mid/model.json"; }
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
    void initTestCase() {
        WB_REQUIRE_CORPUS();
        auto model = formats::read_model(mobilenet());
        QVERIFY2(model.ok(), model ? "" : model.error().what().c_str());
        model_ = std::make_shared<const ir::Model>(std::move(*model));
    }

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
