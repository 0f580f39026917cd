// SPDX-License-Identifier: Apache-2.0
#include <QAbstractItemModelTester>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTest>
#include <QTreeView>

#include "common/corpus.h"
#include "main_window.h"
#include "settings.h"
#include "views/graph/graph_export.h"
#include "views/graph/graph_items.h"
#include "views/graph/graph_scene.h"
#include "views/graph/graph_view.h"
#include "views/models/property_model.h"
#include "views/models/unsupported_ops_model.h"
#include "views/panels/property_panel.h"
#include "views/panels/search_bar.h"
#include "views/panels/summary_panel.h"
#include "views/panels/unsupported_panel.h"

using namespace wb;

namespace {
// Opens `path` and waits until the model is loaded and its first layout is on screen.
bool openAndWait(gui::MainWindow& w, const QString& path) {
    QSignalSpy loaded(&w, &gui::MainWindow::modelLoaded);
    QSignalSpy laid(w.scene(), &views::GraphScene::layoutFinished);
    w.openFile(path);
    if (!loaded.wait(60000)) return false;
    return !laid.isEmpty() || laid.wait(60000);
}
int node_of(const gui::MainWindow& w, const char* name) {
    const auto& g = w.scene()->index().graph();
    const auto* n = g.find(name);
    return n ? static_cast<int>(n - g.nodes().data()) : -1;
}
}  // namespace

class TstMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sampleModelEndToEnd() {
        const QString sample = gui::MainWindow::samplePath();
        QVERIFY2(!sample.isEmpty(), "build/samples/sample_cnn.pb missing (target wb_sample_model)");
        gui::MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(openAndWait(w, sample));
        QVERIFY(w.summaryPanel()->summaryText().contains(QStringLiteral("tf_frozen_model")));
        QVERIFY(gui::Settings().recentFiles().contains(sample));

        // Search by op: the MatrixInverse node is found, selected and shown in the property panel.
        w.searchBar()->setQuery(QStringLiteral("op:MatrixInverse"));
        QCOMPARE(w.searchBar()->hits().size(), std::size_t(1));
        const int inverse = node_of(w, "whiten/MatrixInverse");
        QCOMPARE(w.scene()->selectedNode(), inverse);
        auto* props = w.propertyPanel()->model();
        QCOMPARE(props->value(QStringLiteral("Node"), QStringLiteral("Op")), QStringLiteral("MatrixInverse"));
        QCOMPARE(props->value(QStringLiteral("Node"), QStringLiteral("Name")), QStringLiteral("whiten/MatrixInverse"));
        QVERIFY(!props->value(QStringLiteral("Node"), QStringLiteral("What to do")).isEmpty());
        QCOMPARE(props->value(QStringLiteral("Inputs"), QStringLiteral("whiten/covariance:0")), QStringLiteral("float32 [32,32]"));
        QVERIFY(props->value(QStringLiteral("Outputs"), QStringLiteral("whiten/MatrixInverse:0")).contains(QStringLiteral("whiten/MatMul")));

        // Structured filters and next/previous.
        w.searchBar()->setQuery(QStringLiteral("op:Relu"));
        QCOMPARE(w.searchBar()->hits().size(), std::size_t(3));
        w.searchBar()->next();
        QCOMPARE(w.scene()->selectedNode(), w.searchBar()->hits()[1]);
        w.searchBar()->previous();
        QCOMPARE(w.scene()->selectedNode(), w.searchBar()->hits()[0]);
        w.searchBar()->setQuery(QStringLiteral("dtype:int32"));
        QCOMPARE(w.searchBar()->hits().size(), std::size_t(1));  // flatten/shape

        // The unsupported-op list: one op, one node; clicking the node focuses it on the graph.
        auto* list = w.unsupportedPanel();
        QAbstractItemModelTester tester(list->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(list->model()->rowCount(), 1);
        const QModelIndex op = list->model()->index(0, 0);
        QCOMPARE(op.data().toString(), QStringLiteral("MatrixInverse"));
        w.scene()->clearSelection();
        const QModelIndex node = list->model()->index(0, 0, op);
        list->view()->expandAll();
        const QRect rect = list->view()->visualRect(node);
        QVERIFY(rect.isValid());
        QTest::mouseClick(list->view()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(w.scene()->selectedNode(), inverse);
        auto* item = w.scene()->nodeItem(inverse);
        QVERIFY(item);
        const QRectF visible = w.graphView()->mapToScene(w.graphView()->viewport()->rect()).boundingRect();
        QVERIFY(visible.contains(item->sceneBoundingRect().center()));

        // Collapse and expand a group.
        const int conv1 = w.scene()->tree().group_of_node(node_of(w, "conv1/Conv2D"));
        QVERIFY(w.scene()->isExpanded(conv1));
        QSignalSpy laid(w.scene(), &views::GraphScene::layoutFinished);
        w.scene()->setExpanded(conv1, false);
        QVERIFY(laid.wait(20000));
        QVERIFY(w.scene()->nodeItem(node_of(w, "conv1/Conv2D")) == nullptr);
        QVERIFY(w.scene()->groupItem(conv1) != nullptr);
        w.scene()->setExpanded(conv1, true);
        QVERIFY(laid.wait(20000));
        QVERIFY(w.scene()->nodeItem(node_of(w, "conv1/Conv2D")) != nullptr);

        // Export PNG and SVG.
        const auto dir = test::temp_dir("gui-export");
        const QString png = QString::fromStdString((dir / "sample.png").string());
        const QString svg = QString::fromStdString((dir / "sample.svg").string());
        QVERIFY(views::export_png(*w.scene(), png).ok());
        QVERIFY(views::export_svg(*w.scene(), svg, QStringLiteral("sample")).ok());
        QVERIFY(!QImage(png).isNull());
        QVERIFY(QSvgRenderer(svg).isValid());
        QVERIFY(QFile(svg).size() > 1000);
    }

    // The acceptance path on a real corpus graph (TF 1.x lstsq: Cholesky, MatrixDiag and
    // MatrixTriangularSolve have no TensorFlow.js kernel): search, select, properties, the
    // unsupported-op list and focus on click, collapse/expand a scope, PNG and SVG export.
    void corpusModelEndToEnd() {
        WB_REQUIRE_CORPUS();
        const auto path = test::corpus_dir() / "tf_graphs/lstsq/float32_rank2/frozen_model.pb";
        gui::MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(openAndWait(w, QString::fromStdString(path.string())));
        QVERIFY(w.summaryPanel()->summaryText().contains(QStringLiteral("tf_frozen_model")));

        // Search by op, by name (regex) and by support; the hit is selected and described.
        w.searchBar()->setQuery(QStringLiteral("op:Cholesky"));
        QCOMPARE(w.searchBar()->hits().size(), std::size_t(1));
        const int cholesky = node_of(w, "matrix_solve_ls/Cholesky");
        QCOMPARE(w.scene()->selectedNode(), cholesky);
        auto* props = w.propertyPanel()->model();
        QCOMPARE(props->value(QStringLiteral("Node"), QStringLiteral("Op")), QStringLiteral("Cholesky"));
        QCOMPARE(props->value(QStringLiteral("Node"), QStringLiteral("Name")), QStringLiteral("matrix_solve_ls/Cholesky"));
        QVERIFY(!props->value(QStringLiteral("Node"), QStringLiteral("What to do")).isEmpty());
        QVERIFY(props->value(QStringLiteral("Inputs"), QStringLiteral("matrix_solve_ls/add:0")).startsWith(QStringLiteral("float32")));
        QVERIFY(props->value(QStringLiteral("Outputs"), QStringLiteral("matrix_solve_ls/Cholesky:0"))
                    .contains(QStringLiteral("MatrixTriangularSolve")));
        w.searchBar()->setQuery(QStringLiteral("op:MatrixTriangularSolve"));
        QCOMPARE(w.searchBar()->hits().size(), std::size_t(2));
        w.searchBar()->setQuery(QStringLiteral("unsupported:tfjs"));
        QCOMPARE(w.searchBar()->hits().size(), std::size_t(4));

        // The unsupported-op list: three ops; clicking a node under one focuses it on the graph.
        auto* list = w.unsupportedPanel();
        QAbstractItemModelTester tester(list->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(list->model()->rowCount(), 3);
        QModelIndex solve;
        for (int r = 0; r < 3; ++r)
            if (list->model()->index(r, 0).data().toString() == QStringLiteral("MatrixTriangularSolve")) solve = list->model()->index(r, 0);
        QVERIFY(solve.isValid());
        QCOMPARE(list->model()->rowCount(solve), 2);
        list->view()->expandAll();
        w.scene()->clearSelection();
        const QModelIndex second = list->model()->index(1, 0, solve);
        const int target = node_of(w, second.data().toString().toUtf8().constData());
        QVERIFY(target >= 0);
        const QRect rect = list->view()->visualRect(second);
        QVERIFY(rect.isValid());
        QTest::mouseClick(list->view()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(w.scene()->selectedNode(), target);
        auto* item = w.scene()->nodeItem(target);
        QVERIFY(item);
        const QRectF visible = w.graphView()->mapToScene(w.graphView()->viewport()->rect()).boundingRect();
        QVERIFY(visible.contains(item->sceneBoundingRect().center()));

        // Collapse and expand the cholesky_solve scope.
        const int scope = w.scene()->tree().group_of_node(target);
        QVERIFY(scope != w.scene()->tree().root());
        QVERIFY(w.scene()->isExpanded(scope));
        QSignalSpy laid(w.scene(), &views::GraphScene::layoutFinished);
        w.scene()->setExpanded(scope, false);
        QVERIFY(laid.wait(20000));
        QVERIFY(w.scene()->nodeItem(target) == nullptr);
        QVERIFY(w.scene()->groupItem(scope) != nullptr);
        QCOMPARE(w.scene()->visibleItemFor(target), static_cast<QGraphicsItem*>(w.scene()->groupItem(scope)));
        w.scene()->setExpanded(scope, true);
        QVERIFY(laid.wait(20000));
        QVERIFY(w.scene()->nodeItem(target) != nullptr);

        // Export PNG and SVG: valid and not empty.
        const auto dir = test::temp_dir("gui-corpus-export");
        const QString png = QString::fromStdString((dir / "lstsq.png").string());
        const QString svg = QString::fromStdString((dir / "lstsq.svg").string());
        QVERIFY(views::export_png(*w.scene(), png).ok());
        QVERIFY(views::export_svg(*w.scene(), svg, QStringLiteral("lstsq")).ok());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 200 && image.height() > 200);
        QVERIFY(QSvgRenderer(svg).isValid());
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("Cholesky"));
    }

    void corpusModelWithUnsupportedOp() {
        WB_REQUIRE_CORPUS();
        const auto path = test::corpus_dir() / "tf_graphs/matrix_inverse/rank2/frozen_model.pb";
        gui::MainWindow w;
        w.show();
        QVERIFY(openAndWait(w, QString::fromStdString(path.string())));
        QCOMPARE(w.unsupportedPanel()->model()->rowCount(), 1);
        QCOMPARE(w.unsupportedPanel()->model()->index(0, 0).data().toString(), QStringLiteral("MatrixInverse"));
        w.searchBar()->setQuery(QStringLiteral("unsupported:tfjs"));
        QVERIFY(!w.searchBar()->hits().empty());
        QCOMPARE(w.propertyPanel()->model()->value(QStringLiteral("Node"), QStringLiteral("Op")), QStringLiteral("MatrixInverse"));
    }

    void brokenFileGivesAClearError() {
        const auto dir = test::temp_dir("gui-broken");
        const QString path = QString::fromStdString((dir / "random_bytes.pb").string());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01 not a graph", 24));
        f.close();
        gui::MainWindow w;
        QSignalSpy failed(&w, &gui::MainWindow::loadFailed);
        w.openFile(path);
        QVERIFY(failed.wait(30000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("random_bytes.pb")));
        QVERIFY(!w.scene()->hasGraph());
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_main_window.moc"
