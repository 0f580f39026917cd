// SPDX-License-Identifier: Apache-2.0
// The simplification preview on the sample CNN: the per-pass table and the change log come from
// the pass manager's report, and switching off a pass that changed something changes the diff.
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include "common/corpus.h"
#include "formats/registry.h"
#include "passes/pipelines.h"
#include "views/panels/simplify_panel.h"

using namespace wb;

class TestSimplifyPanel : public QObject {
    Q_OBJECT
    std::shared_ptr<const ir::Model> model_;

private slots:
    void initTestCase() {
        auto model = formats::read_model(test::bin_dir() / "../samples/sample_cnn.pb");
        QVERIFY2(model.ok(), "build/samples/sample_cnn.pb missing or unreadable (target wb_sample_model)");
        model_ = std::make_shared<const ir::Model>(std::move(*model));
    }

    void togglingAPassChangesTheDiff() {
        views::SimplifyPanel panel;
        panel.resize(1100, 700);
        panel.setModel(model_);
        QSignalSpy done(&panel, &views::SimplifyPanel::finished);
        panel.start();
        QVERIFY(done.wait(60000));
        QVERIFY(done.takeFirst().at(0).toBool());
        const passes::PipelineReport full = *panel.report();  // a copy: the next run replaces it
        // Same numbers as the pipeline called directly.
        ir::Model copy = *model_;
        auto direct = passes::run_default_pipeline(copy);
        QVERIFY(direct.ok());
        QCOMPARE(full.nodes_after, direct->nodes_after);
        QCOMPARE(panel.passTable()->rowCount(), static_cast<int>(direct->passes.size()));
        QVERIFY(full.nodes_after < full.nodes_before);
        const int full_changes = panel.changeTable()->rowCount();
        QVERIFY(full_changes > 0);

        QString changed;
        for (const auto& p : full.passes)
            if (!p.did_nothing() && p.nodes_after != p.nodes_before) { changed = QString::fromStdString(p.pass); break; }
        QVERIFY(!changed.isEmpty());
        panel.setPassEnabled(changed, false);
        QCOMPARE(panel.skippedPasses(), QStringList{changed});
        panel.start();
        QVERIFY(done.wait(60000));
        QVERIFY(done.takeFirst().at(0).toBool());
        for (const auto& p : panel.report()->passes) QVERIFY(QString::fromStdString(p.pass) != changed);
        QVERIFY(panel.changeTable()->rowCount() != full_changes || panel.report()->nodes_after != full.nodes_after);
        if (qEnvironmentVariableIsSet("WB_SCREENSHOT_DIR"))
            panel.grab().save(qEnvironmentVariable("WB_SCREENSHOT_DIR") + QStringLiteral("/simplify.png"));
    }
};

QTEST_MAIN(TestSimplifyPanel)
#include "tst_simplify_panel.moc"
