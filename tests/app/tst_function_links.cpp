// SPDX-License-Identifier: Apache-2.0
// Call nodes link to their function bodies in the main window: double-click on the graph,
// Enter, F12, the context menu, the property panel's "Function body" link, and calls nested
// inside a body.
// The model is a GraphDef with a function library written here (the corpus SavedModels are
// inlined when read, and its GraphDefs have empty libraries).
#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDockWidget>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <fstream>

#include "common/corpus.h"
#include "core/proto/graph.pb.h"
#include "formats/graphdef/graphdef_proto.h"
#include "main_window.h"
#include "views/graph/function_browser.h"
#include "views/graph/graph_items.h"
#include "views/graph/graph_scene.h"
#include "views/graph/graph_view.h"
#include "views/models/property_model.h"
#include "views/panels/property_panel.h"

using namespace wb;

namespace {
ir::Node make_node(std::string name, std::string op, std::vector<std::string> inputs) {
    ir::Node n;
    n.name = std::move(name);
    n.op = std::move(op);
    n.inputs = std::move(inputs);
    n.attrs["T"] = ir::AttrValue(ir::DType::Float32);
    return n;
}
ir::AttrValue func(const char* name) {
    ir::NameAttrList f;
    f.name = name;
    return ir::AttrValue(f);
}
ir::Function one_in_one_out(const char* name, std::vector<ir::Node> nodes, const char* ret) {
    ir::Function fn;
    fn.name = name;
    fn.inputs = {ir::ArgDef{"a", ir::DType::Float32, {}, {}, {}, false}};
    fn.outputs = {ir::ArgDef{"b", ir::DType::Float32, {}, {}, {}, false}};
    fn.nodes = std::move(nodes);
    fn.ret["b"] = ret;
    return fn;
}

// x → call (StatefulPartitionedCall f=scale_fn) → y, and x → loop (While body_fn / cond_fn).
// scale_fn calls inner_fn through a PartitionedCall of its own.
QString write_model() {
    ir::Graph g;
    ir::Node x;
    x.name = "x";
    x.op = "Placeholder";
    x.attrs["dtype"] = ir::AttrValue(ir::DType::Float32);
    x.attrs["shape"] = ir::AttrValue(ir::Shape{2});
    g.add(std::move(x));
    auto call = make_node("call", "StatefulPartitionedCall", {"x"});
    call.attrs["f"] = func("scale_fn");
    g.add(std::move(call));
    auto loop = make_node("loop", "While", {"x"});
    loop.attrs["cond"] = func("cond_fn");
    loop.attrs["body"] = func("body_fn");
    g.add(std::move(loop));
    g.add(make_node("y", "Identity", {"call"}));
    auto inner_call = make_node("inner", "PartitionedCall", {"double:z:0"});
    inner_call.attrs["f"] = func("inner_fn");
    g.functions.push_back(one_in_one_out("scale_fn", {make_node("double", "AddV2", {"a", "a"}), inner_call}, "inner:output:0"));
    g.functions.push_back(one_in_one_out("inner_fn", {make_node("neg", "Neg", {"a"})}, "neg:y:0"));
    g.functions.push_back(one_in_one_out("body_fn", {make_node("next", "AddV2", {"a", "a"})}, "next:z:0"));
    g.functions.push_back(one_in_one_out("cond_fn", {make_node("more", "Less", {"a", "a"})}, "more:z:0"));
    g.reindex();
    tensorflow::GraphDef proto;
    formats::graph_to_proto(g, &proto);
    const auto path = test::temp_dir("function-links") / "calls.pb";
    std::ofstream out(path, std::ios::binary);
    proto.SerializeToOstream(&out);
    return QString::fromStdString(path.string());
}

int node_of(const views::GraphScene& scene, const char* name) {
    const auto& g = scene.index().graph();
    const auto* n = g.find(name);
    return n ? static_cast<int>(n - g.nodes().data()) : -1;
}

// A tabbed dock behind another stays "visible"; what shows is its visible region.
bool on_screen(QWidget* widget) { return widget->isVisible() && !widget->visibleRegion().isEmpty(); }

// Double-clicks the item of `node` in `view` (centred first, so it is on screen).
void double_click(views::GraphView* view, views::GraphScene* scene, int node) {
    auto* item = scene->nodeItem(node);
    QVERIFY(item);
    view->centerOn(item);
    const QPoint at = view->mapFromScene(item->sceneBoundingRect().center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
}

// The Function bodies dock shows `name`, laid out: its scene has the body's node `inside`.
bool body_shown(gui::MainWindow& w, const QString& name, const char* inside) {
    auto* browser = w.functionBrowser();
    if (browser->currentFunction() != name) return false;
    if (browser->scene()->layoutRunning() || !browser->scene()->hasGraph()) {
        QSignalSpy laid(browser->scene(), &views::GraphScene::layoutFinished);
        if (!laid.wait(20000)) return false;
    }
    return browser->scene()->index().graph().find(inside) != nullptr;
}
}  // namespace

class TstFunctionLinks : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void callNodesOpenTheirBodies() {
        gui::MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        QSignalSpy loaded(&w, &gui::MainWindow::modelLoaded);
        QSignalSpy laid(w.scene(), &views::GraphScene::layoutFinished);
        w.openFile(write_model());
        QVERIFY(loaded.wait(30000));
        QVERIFY(!laid.isEmpty() || laid.wait(30000));
        auto* scene = w.scene();
        const int call = node_of(*scene, "call"), loop = node_of(*scene, "loop"), y = node_of(*scene, "y");
        QVERIFY(call >= 0 && loop >= 0 && y >= 0);
        QCOMPARE(scene->calledFunctions(call), QStringList{QStringLiteral("scale_fn")});
        QCOMPARE(scene->calledFunctions(loop), (QStringList{QStringLiteral("body_fn"), QStringLiteral("cond_fn")}));
        QVERIFY(scene->calledFunctions(y).isEmpty());
        QVERIFY(scene->nodeItem(call)->toolTip().contains(QStringLiteral("scale_fn")));
        auto* dock = qobject_cast<QDockWidget*>(w.functionBrowser()->parentWidget());
        QVERIFY(dock);
        w.propertyPanel()->parentWidget()->raise();  // the Properties tab is in front, bodies hidden
        QTRY_VERIFY(!on_screen(w.functionBrowser()));

        // Double-click on the call node: its body comes to the front, focused.
        double_click(w.graphView(), scene, call);
        QVERIFY(body_shown(w, QStringLiteral("scale_fn"), "double"));
        QTRY_VERIFY(on_screen(w.functionBrowser()));
        QTRY_VERIFY(w.functionBrowser()->view()->hasFocus());

        // Inside the body, the nested call links on: double-click opens inner_fn.
        auto* bscene = w.functionBrowser()->scene();
        const int inner = node_of(*bscene, "inner");
        QCOMPARE(bscene->calledFunctions(inner), QStringList{QStringLiteral("inner_fn")});
        double_click(w.functionBrowser()->view(), bscene, inner);
        QVERIFY(body_shown(w, QStringLiteral("inner_fn"), "neg"));

        // F12 on the selected While opens its body (the loop body before the condition).
        scene->revealNode(loop);
        QCOMPARE(scene->selectedNode(), loop);
        w.action(QStringLiteral("openFunctionBody"))->trigger();
        QVERIFY(body_shown(w, QStringLiteral("body_fn"), "next"));
        // F12 on a plain node changes nothing.
        scene->revealNode(y);
        w.action(QStringLiteral("openFunctionBody"))->trigger();
        QCOMPARE(w.functionBrowser()->currentFunction(), QStringLiteral("body_fn"));

        // Right-click on the While: one menu entry per body; choosing the condition opens it.
        auto* view = w.graphView();
        view->centerOn(scene->nodeItem(loop));
        const QPoint at = view->mapFromScene(scene->nodeItem(loop)->sceneBoundingRect().center());
        QStringList entries;
        QTimer::singleShot(0, this, [&entries] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            if (!menu) return;
            for (auto* a : menu->actions()) entries << a->text();
            menu->actions().last()->trigger();
            menu->close();
        });
        QContextMenuEvent right_click(QContextMenuEvent::Mouse, at, view->viewport()->mapToGlobal(at));
        QApplication::sendEvent(view->viewport(), &right_click);
        QCOMPARE(entries, (QStringList{QStringLiteral("Open function body “body_fn”"), QStringLiteral("Open function body “cond_fn”")}));
        QVERIFY(body_shown(w, QStringLiteral("cond_fn"), "more"));

        // Enter on the selected call node, in the graph view.
        scene->revealNode(call);
        w.graphView()->setFocus();
        QTest::keyClick(w.graphView(), Qt::Key_Return);
        QVERIFY(body_shown(w, QStringLiteral("scale_fn"), "double"));

        // The property panel: the While lists both bodies as links; a click on one opens it.
        scene->revealNode(loop);
        auto* model = w.propertyPanel()->model();
        QModelIndex cond_link;
        int links = 0;
        const QModelIndex general = model->index(0, 0);
        for (int r = 0; r < model->rowCount(general); ++r) {
            const QModelIndex value = model->index(r, views::PropertyModel::Value, general);
            if (!value.data(views::PropertyModel::FunctionRole).isValid()) continue;
            ++links;
            if (value.data().toString() == QStringLiteral("cond_fn")) cond_link = value;
        }
        QCOMPARE(links, 2);
        QVERIFY(cond_link.isValid());
        w.propertyPanel()->parentWidget()->raise();
        auto* tree = w.propertyPanel()->tree();
        tree->scrollTo(cond_link);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(cond_link).center());
        QVERIFY(body_shown(w, QStringLiteral("cond_fn"), "more"));
        QTRY_VERIFY(on_screen(w.functionBrowser()));
    }
};

QTEST_MAIN(TstFunctionLinks)
#include "tst_function_links.moc"
