// SPDX-License-Identifier: Apache-2.0
// The benchmark workflow end to end on a corpus MobileNetV2 (tfjs graph model): a run fills the chart and both profile
// tables, the exports parse back, and cancel stops a long run early; a comparison of two
// configurations fills both columns and one chart; per-node time colours the graph (heat overlay).
#include <QCheckBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <set>

#include "corpus_mobilenet.h"
#include "views/charts/heat_legend.h"
#include "views/charts/run_time_chart.h"
#include "laid_out_graph.h"
#include "views/graph/heat_overlay.h"
#include "views/panels/bench_panel.h"

using namespace wb;

namespace {
std::filesystem::path mobilenet() { return test::mobilenet_v2_mid(); }
}  // namespace

class TestBenchPanel : public QObject {
    Q_OBJECT
    std::shared_ptr<const ir::Model> model_;

private slots:
    void initTestCase() { test::load_mobilenet_v2_mid(model_); }

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

    void comparisonFillsBothColumns() {
        views::BenchPanel panel;
        panel.resize(1300, 800);
        panel.setModel(model_);
        panel.setSettings(1, 5, 1);
        panel.setComparison(views::BenchPanel::Compare::UInt8);
        QSignalSpy done(&panel, &views::BenchPanel::finished);
        panel.start();
        QVERIFY(done.wait(120000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        const auto *a = panel.result(), *b = panel.comparedResult();
        QVERIFY(a && b);
        QCOMPARE(b->runs, 5);
        auto* table = panel.compareTable();
        QVERIFY(table->isVisibleTo(&panel));
        QVERIFY(table->rowCount() >= 4);
        QCOMPARE(table->item(0, 1)->data(Qt::DisplayRole).toDouble(), a->median_ms);
        QCOMPARE(table->item(0, 2)->data(Qt::DisplayRole).toDouble(), b->median_ms);
        QCOMPARE(table->item(0, 3)->data(Qt::DisplayRole).toDouble(), b->median_ms / a->median_ms);
        QCOMPARE(panel.chart()->pointCount(), static_cast<int>(a->run_ms.size() + b->run_ms.size()));
        QCOMPARE(panel.chart()->seriesCount(), 3);  // both configurations + the first runs
        if (qEnvironmentVariableIsSet("WB_SCREENSHOT_DIR"))
            panel.grab().save(qEnvironmentVariable("WB_SCREENSHOT_DIR") + QStringLiteral("/benchmark_compare.png"));

        // Before vs after simplification: the converter's passes on the same model.
        panel.setComparison(views::BenchPanel::Compare::Simplified);
        panel.start();
        QVERIFY(done.wait(120000));
        QVERIFY2(done.last().at(0).toBool(), qPrintable(done.last().at(1).toString()));
        QVERIFY(panel.comparedResult() && panel.comparedResult() != b);
    }

    void comparisonCancelsInSecondRun() {
        views::BenchPanel panel;
        panel.setModel(model_);
        panel.setSettings(1, 150, 0);
        panel.setComparison(views::BenchPanel::Compare::Float16);
        QSignalSpy done(&panel, &views::BenchPanel::finished);
        panel.start();
        auto* bar = panel.findChild<QProgressBar*>();
        QTRY_VERIFY_WITH_TIMEOUT(bar->value() > 520, 60000);  // the second configuration is running
        panel.cancel();
        QVERIFY(done.wait(30000));
        QCOMPARE(done.first().at(0).toBool(), false);
        QVERIFY(!panel.result() && !panel.comparedResult());
    }

    void timeHeatOverlay() {
        views::BenchPanel panel;
        panel.setModel(model_);
        panel.setSettings(1, 2, 0);
        QSignalSpy done(&panel, &views::BenchPanel::finished);
        panel.start();
        QVERIFY(done.wait(60000));
        QVERIFY(done.first().at(0).toBool());

        test::LaidOutGraph graph;
        QVERIFY(graph.show(model_));
        auto& view = graph.view;
        auto* overlay = views::HeatOverlay::of(&view);
        QCOMPARE(views::HeatOverlay::of(&view), overlay);
        overlay->setBenchResult(*panel.result());
        QVERIFY(overlay->markCount() > 0);
        // The slowest node is the hottest colour; a node without a time has none.
        const auto& slowest = panel.result()->nodes.front();
        const ir::Node* node = model_->graph.find(slowest.node);
        QVERIFY(node);
        const int n = static_cast<int>(node - model_->graph.nodes().data());
        QCOMPARE(overlay->nodeColor(n), views::heat_color(1.0));
        // A node the profile does not list (weights are not timed) has no colour.
        std::set<std::string> timed;
        for (const auto& t : panel.result()->nodes) timed.insert(t.node);
        for (int i = 0; i < graph.scene.index().size(); ++i)
            if (!timed.count(graph.scene.index().node(i).name)) {
                QVERIFY(!overlay->nodeColor(i).isValid());
                break;
            }
        // The legend's switch turns it off and on again.
        overlay->legend()->onSwitch()->setChecked(false);
        QCOMPARE(overlay->markCount(), 0);
        QVERIFY(!overlay->nodeColor(n).isValid());
        overlay->legend()->onSwitch()->setChecked(true);
        QVERIFY(overlay->markCount() > 0);
        if (qEnvironmentVariableIsSet("WB_SCREENSHOT_DIR")) {
            view.show();
            view.resetZoom();
            view.zoomBy(0.55);
            if (auto* item = graph.scene.visibleItemFor(n)) view.centerOn(item);
            view.grab().save(qEnvironmentVariable("WB_SCREENSHOT_DIR") + QStringLiteral("/heat_time.png"));
        }
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
