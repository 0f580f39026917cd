// SPDX-License-Identifier: Apache-2.0
// The simplification preview on the sample CNN: the per-pass table and the change log come from
// the pass manager's report, and switching off a pass that changed something changes the diff.
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include "common/corpus.h"
#include "formats/registry.h"
#include "passes/pipelines.h"
#include "views/compare/simplify_compare.h"
#include "views/graph/graph_items.h"
#include "views/graph/graph_scene.h"
#include "views/graph/graph_view.h"
#include "views/panels/simplify_panel.h"

using namespace wb;

namespace {
int node_of(const ir::Model& m, const char* name) {
    const auto* n = m.graph.find(name);
    return n ? static_cast<int>(n - m.graph.nodes().data()) : -1;
}
// Runs the preview and waits until both graphs of the side-by-side view are laid out.
bool previewAndWait(views::SimplifyPanel& panel) {
    QSignalSpy done(&panel, &views::SimplifyPanel::finished);
    QSignalSpy ready(panel.compare(), &views::SimplifyCompare::ready);
    panel.start();
    if (!done.wait(60000) || !done.first().first().toBool()) return false;
    return !ready.isEmpty() || ready.wait(60000);
}
}  // namespace

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
        panel.resize(1500, 800);
        panel.show();
        panel.setModel(model_);
        QSignalSpy done(&panel, &views::SimplifyPanel::finished);
        QVERIFY(previewAndWait(panel));
        done.clear();
        const passes::PipelineReport full = *panel.report();  // a copy: the next run replaces it
        if (qEnvironmentVariableIsSet("WB_SCREENSHOT_DIR")) {  // the README picture: a fused node selected
            auto* compare = panel.compare();
            const auto& diff = compare->diff();
            for (std::size_t i = 0; i < diff.original.size(); ++i)
                if (diff.original[i].fate == views::NodeFate::Fused && compare->scene(false)->nodeItem(static_cast<int>(i))) {
                    compare->scene(false)->revealNode(static_cast<int>(i));
                    break;
                }
            QSignalSpy checked(compare, &views::SimplifyCompare::checkFinished);
            compare->runCheck();
            QVERIFY(checked.wait(60000));
            QTest::qWait(300);
            panel.grab().save(qEnvironmentVariable("WB_SCREENSHOT_DIR") + QStringLiteral("/simplify.png"));
        }
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
    }

    // A corpus MLP (MatMul → BiasAdd → Softmax, weights behind Identity): the side-by-side view
    // marks the weight Consts removed, their Identity reads rewritten (folded to Consts) and
    // MatMul + BiasAdd fused, follows selections and zoom across, and running both graphs gives
    // the same outputs.
    void sideBySideOnACorpusModel() {
        WB_REQUIRE_CORPUS();
        auto read = formats::read_model(test::corpus_dir() / "tf_graphs/mnist_00/frozen_model.pb");
        QVERIFY(read.ok());
        auto original = std::make_shared<const ir::Model>(std::move(*read));
        views::SimplifyPanel panel;
        panel.resize(1500, 850);
        panel.show();
        panel.setModel(original);
        QVERIFY(previewAndWait(panel));
        auto* compare = panel.compare();
        const auto optimized = panel.optimizedModel();
        const auto& diff = compare->diff();
        QCOMPARE(diff.original.size(), original->graph.size());
        QCOMPARE(diff.optimized.size(), optimized->graph.size());
        const int weights = node_of(*original, "Variable");
        const int folded_read = node_of(*original, "Variable/read");
        const int matmul = node_of(*original, "MatMul");
        const int bias = node_of(*original, "BiasAdd");
        QCOMPARE(diff.original[weights].fate, views::NodeFate::Removed);
        QCOMPARE(diff.original[weights].pass, std::string("fold_constants"));
        QCOMPARE(diff.original[folded_read].fate, views::NodeFate::Rewritten);
        QCOMPARE(diff.original[matmul].fate, views::NodeFate::Fused);
        QCOMPARE(diff.original[bias].fate, views::NodeFate::Fused);
        const int fused = diff.original[matmul].counterpart;
        QVERIFY(fused >= 0);
        QCOMPARE(diff.original[bias].counterpart, fused);
        QCOMPARE(diff.optimized[fused].fate, views::NodeFate::Fused);
        QCOMPARE(optimized->graph.nodes()[fused].op, std::string("_FusedMatMul"));
        // Hovering the fused node tells what it came from.
        auto* fused_item = compare->scene(true)->nodeItem(fused);
        QVERIFY(fused_item);
        QVERIFY(fused_item->toolTip().contains(QStringLiteral("BiasAdd")));
        QVERIFY(fused_item->toolTip().contains(QStringLiteral("MatMul")));
        QVERIFY(compare->scene(false)->nodeMark(weights) != nullptr);
        QVERIFY(compare->scene(true)->nodeMark(node_of(*optimized, "output")) == nullptr);  // Softmax untouched

        // Synced navigation: selecting MatMul on the left selects and centres the fused node
        // (named BiasAdd), and the left keeps MatMul (no bounce back to the BiasAdd of that name).
        compare->scene(false)->nodeItem(matmul)->setSelected(true);
        QTRY_COMPARE(compare->scene(true)->selectedNode(), fused);
        QCOMPARE(compare->scene(false)->selectedNode(), matmul);
        auto* right = compare->view(true);
        const QRectF shown = right->mapToScene(right->viewport()->rect()).boundingRect();
        QVERIFY(shown.contains(fused_item->sceneBoundingRect().center()));
        compare->view(false)->zoomBy(1.5);
        QVERIFY(qFuzzyCompare(compare->view(true)->zoomLevel(), compare->view(false)->zoomLevel()));

        // The check: both graphs on the runtime, same inputs, same outputs within 1e-5.
        QSignalSpy checked(compare, &views::SimplifyCompare::checkFinished);
        compare->runCheck();
        QVERIFY(checked.wait(60000));
        QVERIFY2(checked.first().first().toBool(), qPrintable(checked.first().at(1).toString()));
        QCOMPARE(compare->checkResult().size(), original->outputs.size());
        for (const auto& d : compare->checkResult()) {
            QVERIFY2(d.max_abs <= 1e-5, d.output.c_str());
            QVERIFY(d.max_rel <= 1e-5);
        }
        QCOMPARE(compare->checkTable()->rowCount(), static_cast<int>(original->outputs.size()));

        // Switching off the fusion changes the diff: BiasAdd stays as it was, nothing is fused.
        const int fused_before = diff.count(false, views::NodeFate::Fused);
        QString fusion;
        for (const auto& p : panel.report()->passes)
            for (const auto& c : p.log.rewritten)
                if (c.op == "_FusedMatMul") fusion = QString::fromStdString(p.pass);
        QVERIFY(!fusion.isEmpty());
        panel.setPassEnabled(fusion, false);
        QVERIFY(previewAndWait(panel));
        QCOMPARE(compare->diff().original[bias].fate, views::NodeFate::Unchanged);
        QVERIFY(compare->diff().count(false, views::NodeFate::Fused) < fused_before);
        QVERIFY(compare->diffSummary().contains(QStringLiteral("0 fused")));
    }
};

QTEST_MAIN(TestSimplifyPanel)
#include "tst_simplify_panel.moc"
