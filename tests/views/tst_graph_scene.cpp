// SPDX-License-Identifier: Apache-2.0
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTest>
#include <QTimer>

#include "common/corpus.h"
#include "synthetic_graph.h"
#include "views/graph/function_browser.h"
#include "views/graph/function_calls.h"
#include "views/graph/graph_export.h"
#include "views/graph/graph_items.h"
#include "views/graph/graph_scene.h"
#include "views/graph/graph_view.h"

using namespace wb;

namespace {
struct Loaded {
    std::shared_ptr<const views::GraphIndex> index;
    std::shared_ptr<const views::GroupTree> tree;
};
Loaded load(int blocks) {
    auto index = std::make_shared<const views::GraphIndex>(test::synthetic_model(blocks, true));
    auto tree = std::make_shared<const views::GroupTree>(*index);
    return {index, tree};
}
int node_of(const views::GraphIndex& index, const char* name) {
    return static_cast<int>(index.graph().find(name) - index.graph().nodes().data());
}
bool waitLayout(views::GraphScene& scene) {
    QSignalSpy spy(&scene, &views::GraphScene::layoutFinished);
    return spy.wait(20000);
}
}  // namespace

class TstGraphScene : public QObject {
    Q_OBJECT
private slots:
    void smallGraphOpensExpanded() {
        views::GraphScene scene;
        auto [index, tree] = load(5);
        QSignalSpy done(&scene, &views::GraphScene::layoutFinished);
        scene.setGraph(index, tree);
        QVERIFY(done.wait(20000));
        QCOMPARE(scene.visibleNodeCount(), index->size());
        QVERIFY(scene.nodeItem(node_of(*index, "block3/Relu")) != nullptr);
    }

    void bigGraphOpensCollapsedAndExpandsOnClick() {
        views::GraphScene scene;
        views::GraphView view(&scene);
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto [index, tree] = load(300);  // 1,500 nodes: above the expand-all limit
        scene.setGraph(index, tree);
        QVERIFY(waitLayout(scene));
        QVERIFY(scene.visibleNodeCount() < index->size());
        const int relu = node_of(*index, "block250/Relu");
        const int group = tree->group_of_node(relu);
        QVERIFY(!scene.isExpanded(group));
        auto* box = scene.groupItem(group);
        if (!box) {  // inside a collapsed split part: open that first
            scene.setExpanded(tree->group(group).parent, true);
            QVERIFY(waitLayout(scene));
            box = scene.groupItem(group);
        }
        QVERIFY(box);
        // A click on the collapsed card expands it.
        view.centerOn(box);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(box->sceneBoundingRect().center()));
        QVERIFY(waitLayout(scene));
        QVERIFY(scene.isExpanded(group));
        QVERIFY(scene.nodeItem(relu) != nullptr);
        // And a click on the expanded frame's title bar collapses it again.
        box = scene.groupItem(group);
        const QPointF title = box->scenePos() + QPointF(box->boundingRect().width() / 2, 12);
        view.centerOn(title);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(title));
        QVERIFY(waitLayout(scene));
        QVERIFY(!scene.isExpanded(group));
        QVERIFY(scene.nodeItem(relu) == nullptr);
    }

    void revealExpandsAndSelects() {
        views::GraphScene scene;
        auto [index, tree] = load(300);
        scene.setGraph(index, tree);
        QVERIFY(waitLayout(scene));
        const int target = node_of(*index, "block123/Conv2D");
        QSignalSpy focus(&scene, &views::GraphScene::focusRequested);
        QSignalSpy selected(&scene, &views::GraphScene::nodeSelected);
        scene.revealNode(target);
        QVERIFY(focus.wait(20000));
        QCOMPARE(scene.selectedNode(), target);
        QVERIFY(!selected.isEmpty());
        QCOMPARE(selected.last().first().toInt(), target);
    }

    void keyboardWalksAlongEdges() {
        views::GraphScene scene;
        views::GraphView view(&scene);
        auto [index, tree] = load(3);
        scene.setGraph(index, tree);
        QVERIFY(waitLayout(scene));
        scene.revealNode(node_of(*index, "block1/Conv2D"));
        QCOMPARE(scene.selectedNode(), node_of(*index, "block1/Conv2D"));
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(scene.selectedNode(), node_of(*index, "block1/BiasAdd"));
        QTest::keyClick(&view, Qt::Key_Up);
        QTest::keyClick(&view, Qt::Key_Up);  // Conv2D's inputs: block0/Relu, then weights
        QCOMPARE(scene.selectedNode(), node_of(*index, "block0/Relu"));
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(scene.selectedNode(), node_of(*index, "block1/weights"));
    }

    // With both scopes expanded, the edge block0/Relu → block1/Conv2D leaves the real Relu and
    // ends on the real Conv2D, not on the scopes' frames.
    void edgesReachNodesInsideExpandedGroups() {
        views::GraphScene scene;
        auto [index, tree] = load(3);
        scene.setGraph(index, tree);
        QVERIFY(waitLayout(scene));
        auto* relu = scene.nodeItem(node_of(*index, "block0/Relu"));
        auto* conv = scene.nodeItem(node_of(*index, "block1/Conv2D"));
        QVERIFY(relu && conv);
        QVERIFY(tree->group_of_node(relu->node()) != tree->group_of_node(conv->node()));
        const QPointF from = relu->scenePos() + QPointF(84, 46);  // bottom centre (kNodeWidth/2, kNodeHeight)
        const QPointF to = conv->scenePos() + QPointF(84, 0);     // top centre
        bool found = false;
        for (auto* item : scene.items()) {
            if (item->type() != views::EdgeGraphicsItem::Type) continue;
            const auto& path = static_cast<views::EdgeGraphicsItem*>(item)->path();
            const QPointF a = path.elementAt(0), b = path.currentPosition();
            if (QLineF(a, from).length() < 1 && QLineF(b, to).length() < 1) found = true;
        }
        QVERIFY(found);
    }

    // "^x" inputs become dashed control edges; data edges stay solid.
    void controlEdgesAreDrawn() {
        auto model = std::make_shared<ir::Model>(*test::synthetic_model(2, false));
        ir::Node wait;
        wait.name = "after/wait";
        wait.op = "NoOp";
        wait.inputs = {"^block1/Relu"};
        model->graph.add(std::move(wait));
        auto index = std::make_shared<const views::GraphIndex>(model);
        QCOMPARE(index->control_edges().size(), std::size_t(1));
        QVERIFY(index->in_edges(node_of(*index, "after/wait")).empty());  // walking follows data only
        views::GraphScene scene;
        scene.setGraph(index, std::make_shared<const views::GroupTree>(*index));
        QVERIFY(waitLayout(scene));
        int control = 0, data = 0;
        for (auto* item : scene.items())
            if (item->type() == views::EdgeGraphicsItem::Type)
                (static_cast<views::EdgeGraphicsItem*>(item)->control() ? control : data)++;
        QCOMPARE(control, 1);
        QVERIFY(data > 0);
    }

    // Expand all on 10,000 nodes: every node gets an item, built in slices between event-loop
    // turns (a timer keeps firing meanwhile) rather than in one blocking pass.
    void expandAllBuildsInSlices() {
        views::GraphScene scene;
        auto [index, tree] = load(2000);
        scene.setGraph(index, tree);
        QVERIFY(waitLayout(scene));
        scene.setSliceMs(2);  // a quiet machine builds all 10,000 items within one 20 ms slice
        bool partial = false;  // seen from the event loop: some items built, not all, still building
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, &scene, [&] {
            const int shown = scene.visibleNodeCount();
            if (scene.layoutRunning() && shown > 200 && shown < index->size()) partial = true;
        });
        ticker.start(0);
        QSignalSpy laid(&scene, &views::GraphScene::layoutFinished);
        scene.expandAll();
        QVERIFY(laid.wait(120000));
        ticker.stop();
        QCOMPARE(scene.visibleNodeCount(), index->size());
        QVERIFY2(partial, "the items were built in one blocking pass");
        scene.setSliceMs(20);
        QSignalSpy collapsed(&scene, &views::GraphScene::layoutFinished);  // may finish inside the call
        scene.collapseAll();
        QVERIFY(!collapsed.isEmpty() || collapsed.wait(20000));
        QVERIFY(scene.visibleNodeCount() < 10);
    }

    // A zero budget (or a slice that starts late) still builds at least one item per slice:
    // the build finishes, in many event-loop turns.
    void zeroSliceStillFinishes() {
        views::GraphScene scene;
        auto [index, tree] = load(300);
        scene.setGraph(index, tree);
        QVERIFY(waitLayout(scene));
        scene.setSliceMs(0);
        int turns = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, &scene, [&] { turns += scene.layoutRunning(); });
        ticker.start(0);
        QSignalSpy laid(&scene, &views::GraphScene::layoutFinished);
        scene.expandAll();
        QVERIFY(laid.wait(60000));
        QCOMPARE(scene.visibleNodeCount(), index->size());
        QVERIFY2(turns > 10, qPrintable(QStringLiteral("%1 event-loop turns").arg(turns)));
    }

    // Call nodes name their bodies, the main one first; other func attrs follow; names the
    // library does not define are left out; a node whose op is a library function calls it.
    void callNodesNameTheirBodies() {
        auto model = std::make_shared<ir::Model>(*test::synthetic_model(1, false));
        for (const char* name : {"then_fn", "else_fn", "branch0", "branch1", "direct"}) {
            ir::Function fn;
            fn.name = name;
            model->graph.functions.push_back(fn);
        }
        auto func = [](const char* name) { ir::NameAttrList f; f.name = name; return ir::AttrValue(f); };
        ir::Node branch, cases, direct, unknown;
        branch.name = "branch";
        branch.op = "StatelessIf";
        branch.attrs["else_branch"] = func("else_fn");
        branch.attrs["then_branch"] = func("then_fn");
        cases.name = "cases";
        cases.op = "Case";
        ir::AttrList list;
        list.func = {std::get<ir::NameAttrList>(func("branch0").value), std::get<ir::NameAttrList>(func("branch1").value)};
        cases.attrs["branches"] = ir::AttrValue(list);
        direct.name = "direct_call";
        direct.op = "direct";
        unknown.name = "unknown_call";
        unknown.op = "PartitionedCall";
        unknown.attrs["f"] = func("not_in_library");
        for (auto* n : {&branch, &cases, &direct, &unknown}) model->graph.add(*n);
        model->graph.reindex();
        const auto& fns = model->graph.functions;
        QCOMPARE(views::called_functions(branch, fns), (QStringList{QStringLiteral("then_fn"), QStringLiteral("else_fn")}));
        QCOMPARE(views::called_functions(cases, fns), (QStringList{QStringLiteral("branch0"), QStringLiteral("branch1")}));
        QCOMPARE(views::called_functions(direct, fns), QStringList{QStringLiteral("direct")});
        QVERIFY(views::called_functions(unknown, fns).isEmpty());
        // The scene asks for the first body on activation; nothing for other nodes.
        views::GraphScene scene;
        auto index = std::make_shared<const views::GraphIndex>(model);
        scene.setGraph(index, std::make_shared<const views::GroupTree>(*index));
        QVERIFY(waitLayout(scene));
        QSignalSpy requested(&scene, &views::GraphScene::functionRequested);
        scene.activateNode(node_of(*index, "branch"));
        scene.activateNode(node_of(*index, "unknown_call"));
        scene.activateNode(node_of(*index, "block0/Relu"));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toString(), QStringLiteral("then_fn"));
    }

    // A function library: each body is drawn from its arguments to its return values.
    void functionBodiesAreShown() {
        auto model = std::make_shared<ir::Model>(*test::synthetic_model(1, false));
        ir::Function fn;
        fn.name = "while_body_7";
        fn.inputs = {ir::ArgDef{"x", ir::DType::Float32, {}, {}, {}, false}};
        fn.outputs = {ir::ArgDef{"y", ir::DType::Float32, {}, {}, {}, false}};
        ir::Node one, add;
        one.name = "one";
        one.op = "Const";
        add.name = "add";
        add.op = "AddV2";
        add.inputs = {"x", "one:output:0"};
        fn.nodes = {one, add};
        fn.ret["y"] = "add:z:0";
        model->graph.functions.push_back(fn);
        views::FunctionBrowser browser;
        QSignalSpy laid(browser.scene(), &views::GraphScene::layoutFinished);
        browser.setModel(model);
        QCOMPARE(browser.functionCount(), 1);
        QVERIFY(laid.wait(20000));
        const auto& index = browser.scene()->index();
        QCOMPARE(index.size(), 4);  // _Arg x, one, add, _Retval y
        const int add_node = node_of(index, "add");
        QCOMPARE(index.in_edges(add_node).size(), std::size_t(2));
        QCOMPARE(index.out_edges(add_node).size(), std::size_t(1));
        QCOMPARE(browser.scene()->visibleNodeCount(), 4);
        browser.setModel(test::synthetic_model(1, false));
        QCOMPARE(browser.functionCount(), 0);
        QVERIFY(!browser.scene()->hasGraph());
    }

    void exportsPngAndSvg() {
        views::GraphScene scene;
        auto [index, tree] = load(4);
        scene.setGraph(index, tree);
        QVERIFY(waitLayout(scene));
        const auto dir = test::temp_dir("export");
        const QString png = QString::fromStdString((dir / "graph.png").string());
        const QString svg = QString::fromStdString((dir / "graph.svg").string());
        QVERIFY(views::export_png(scene, png).ok());
        QVERIFY(views::export_svg(scene, svg, QStringLiteral("test")).ok());
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 100 && image.height() > 100);
        // Not blank: some pixel differs from the background.
        const QRgb bg = image.pixel(0, 0);
        bool drawn = false;
        for (int y = 0; y < image.height() && !drawn; y += 3)
            for (int x = 0; x < image.width() && !drawn; x += 3) drawn = image.pixel(x, y) != bg;
        QVERIFY(drawn);
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("Conv2D"));  // text stays text
        QVERIFY(!views::export_png(scene, QStringLiteral("/nonexistent-dir/x.png")).ok());
    }
};

QTEST_MAIN(TstGraphScene)
#include "tst_graph_scene.moc"
