// SPDX-License-Identifier: Apache-2.0
// The benchmark workflow end to end on a corpus MobileNetV2 (tfjs graph model): a run fills the chart and both profile
// tables, the exports parse back, and cancel stops a long run early.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include "common/corpus.h"
#include "formats/registry.h"
#include "views/charts/run_time_chart.h"
#include "views/panels/bench_panel.h"

using namespace wb;

namespace {
// A real converted model (tfjs 4.22 layout) that the runtime runs end to end; the sample CNN
// holds a MatrixInverse the runtime has no kernel for.
std::filesystem::path mobilenet() { return test::corpus_dir() / "tfjs/nsfwjs/mobilenet_v2_mid/model.json"; }
}  // namespace

class TestBenchPanel : public QObject {
    Q_OBJECT
    std::shared_ptr<const ir::Model> model_;

private slots:
    void initTestCase() {
        WB_REQUIRE_CORPUS();
        auto model = formats::read_model(mobilenet());
        QVERIFY2(model.ok(), model ? "" : model.error().what().c_str());
        model_ = std::make_shared<const ir::Model>(std::move(*model));
    }

    void benchmarkFillsChartAndTables() {
        views::BenchPanel panel;
        panel.resize(1100, 750);
        panel.setModel(model_);
        panel.setSettings(1, 6, 2);
        QSignalSpy done(&panel, &views::BenchPanel::finished);
        panel.start();
        QVERIFY(panel.running());
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().at(0).toBool(), true);
        const auto* r = panel.result();
        QVERIFY(r);
        QCOMPARE(r->runs, 6);
        QCOMPARE(static_cast<int>(r->run_ms.size()), 8);  // warm-up runs included, first one apart
        QCOMPARE(panel.chart()->pointCount(), 8);
        QVERIFY(r->min_ms > 0 && r->min_ms <= r->median_ms && r->median_ms <= r->p90_ms);
        QVERIFY(panel.opTable()->rowCount() > 0);
        QCOMPARE(panel.nodeTable()->rowCount(), static_cast<int>(r->nodes.size()));
        // The per-op table groups the per-node one: MobileNet's (fused) convolutions are there.
        bool conv = false;
        for (int i = 0; i < panel.opTable()->rowCount(); ++i)
            conv |= panel.opTable()->item(i, 0)->text().contains(QStringLiteral("Conv2D"));
        QVERIFY(conv);

        const auto dir = test::temp_dir("bench_panel");
        const QString json = QString::fromStdString((dir / "bench.json").string());
        const QString csv = QString::fromStdString((dir / "bench.csv").string());
        QVERIFY(panel.saveJson(json));
        QVERIFY(panel.saveCsv(csv));
        QFile jf(json);
        QVERIFY(jf.open(QIODevice::ReadOnly));
        const auto doc = QJsonDocument::fromJson(jf.readAll());
        QVERIFY(doc.isObject());
        QCOMPARE(doc.object().value(QStringLiteral("median_ms")).toDouble(), r->median_ms);
        QFile cf(csv);
        QVERIFY(cf.open(QIODevice::ReadOnly));
        QCOMPARE(cf.readAll().count('\n'), static_cast<qsizetype>(r->nodes.size() + 1));
        if (qEnvironmentVariableIsSet("WB_SCREENSHOT_DIR"))
            panel.grab().save(qEnvironmentVariable("WB_SCREENSHOT_DIR") + QStringLiteral("/benchmark.png"));
    }

    void cancelStopsMidRun() {
        views::BenchPanel panel;
        panel.setModel(model_);
        panel.setSettings(1, 10000, 0);
        QSignalSpy done(&panel, &views::BenchPanel::finished);
        panel.start();
        auto* bar = panel.findChild<QProgressBar*>();
        QVERIFY(bar);
        QTRY_VERIFY_WITH_TIMEOUT(bar->value() > 0, 30000);  // mid-run: some runs reported
        panel.cancel();
        QVERIFY(done.wait(30000));
        QCOMPARE(done.first().at(0).toBool(), false);
        QVERIFY(bar->value() < 1000);
        QVERIFY(!panel.result());
        QVERIFY(!panel.running());
    }
};

QTEST_MAIN(TestBenchPanel)
#include "tst_bench_panel.moc"
