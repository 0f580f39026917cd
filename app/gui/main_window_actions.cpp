// SPDX-License-Identifier: Apache-2.0
// Every action of the window, built in one place with its shortcut and tooltip.
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>

#include "formats/registry.h"
#include "main_window.h"
#include "views/graph/graph_export.h"
#include "views/graph/graph_scene.h"
#include "views/graph/graph_view.h"
#include "views/graph/heat_overlay.h"
#include "views/panels/bench_panel.h"
#include "views/panels/export_dialog.h"
#include "views/panels/quant_panel.h"
#include "views/panels/search_bar.h"
#include "views/panels/simplify_panel.h"

namespace wb::gui {
namespace {
QAction* make(QObject* parent, const char* name, const QString& text, const QKeySequence& shortcut, const QString& tip) {
    auto* a = new QAction(text, parent);
    a->setObjectName(QLatin1String(name));
    if (!shortcut.isEmpty()) a->setShortcut(shortcut);
    a->setToolTip(shortcut.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
    a->setStatusTip(tip);
    return a;
}
}  // namespace

QAction* MainWindow::action(const QString& name) const { return findChild<QAction*>(name); }

void MainWindow::createActions() {
    auto* open = make(this, "open", tr("&Open…"), QKeySequence::Open, tr("Open a model file"));
    connect(open, &QAction::triggered, this, &MainWindow::showOpenDialog);
    auto* sample = make(this, "openSample", tr("Open &sample model"), {}, tr("Open the bundled sample CNN"));
    connect(sample, &QAction::triggered, this, &MainWindow::openSample);
    auto* png = make(this, "exportPng", tr("Export as &PNG…"), QKeySequence(Qt::CTRL | Qt::Key_E), tr("Save the graph as a PNG image"));
    connect(png, &QAction::triggered, this, [this] { exportImage(false); });
    auto* svg = make(this, "exportSvg", tr("Export as S&VG…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), tr("Save the graph as an SVG drawing"));
    connect(svg, &QAction::triggered, this, [this] { exportImage(true); });
    auto* quit = make(this, "quit", tr("&Quit"), QKeySequence::Quit, tr("Quit the workbench"));
    connect(quit, &QAction::triggered, this, &QWidget::close);

    auto* zoom_in = make(this, "zoomIn", tr("Zoom &in"), QKeySequence::ZoomIn, tr("Zoom in"));
    connect(zoom_in, &QAction::triggered, this, [this] { view_->zoomBy(1.25); });
    auto* zoom_out = make(this, "zoomOut", tr("Zoom &out"), QKeySequence::ZoomOut, tr("Zoom out"));
    connect(zoom_out, &QAction::triggered, this, [this] { view_->zoomBy(0.8); });
    auto* fit = make(this, "fit", tr("&Fit to window"), QKeySequence(Qt::CTRL | Qt::Key_0), tr("Show the whole graph"));
    connect(fit, &QAction::triggered, view_, &views::GraphView::fitAll);
    auto* actual = make(this, "actualSize", tr("&Actual size"), QKeySequence(Qt::CTRL | Qt::Key_1), tr("Zoom to 100%"));
    connect(actual, &QAction::triggered, view_, &views::GraphView::resetZoom);
    auto* expand = make(this, "expandAll", tr("&Expand all groups"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Plus),
                        tr("Open every name-scope group (slow on very large graphs)"));
    connect(expand, &QAction::triggered, scene_, &views::GraphScene::expandAll);
    auto* collapse = make(this, "collapseAll", tr("&Collapse all groups"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Minus),
                          tr("Close every name-scope group"));
    connect(collapse, &QAction::triggered, scene_, &views::GraphScene::collapseAll);
    auto* body = make(this, "openFunctionBody", tr("Open function &body"), QKeySequence(Qt::Key_F12),
                      tr("Show the function the selected call node runs (PartitionedCall, While, If, Case…)"));
    connect(body, &QAction::triggered, this, [this] {
        if (scene_->calledFunctions(scene_->selectedNode()).isEmpty())
            statusBar()->showMessage(tr("Select a call node (PartitionedCall, While, If, Case…) to open its function body"), 5000);
        else scene_->activateNode(scene_->selectedNode());
    });
    auto* minimap = make(this, "miniMap", tr("&Minimap"), QKeySequence(Qt::CTRL | Qt::Key_M), tr("Show or hide the overview"));
    minimap->setCheckable(true);
    minimap->setChecked(settings_.showMiniMap());
    connect(minimap, &QAction::toggled, view_, &views::GraphView::setMiniMapVisible);

    auto* find = make(this, "find", tr("&Find…"), QKeySequence::Find, tr("Search nodes by name, op or filter"));
    connect(find, &QAction::triggered, search_, &views::SearchBar::focusSearch);
    auto* next = make(this, "findNext", tr("Find &next"), QKeySequence::FindNext, tr("Go to the next match"));
    connect(next, &QAction::triggered, search_, &views::SearchBar::next);
    auto* prev = make(this, "findPrevious", tr("Find &previous"), QKeySequence::FindPrevious, tr("Go to the previous match"));
    connect(prev, &QAction::triggered, search_, &views::SearchBar::previous);
    auto* unsupported = make(this, "findUnsupported", tr("Find &unsupported ops"), QKeySequence(Qt::CTRL | Qt::Key_U),
                             tr("Search for every node TensorFlow.js cannot run"));
    connect(unsupported, &QAction::triggered, this, [this] { search_->setQuery(QStringLiteral("unsupported:tfjs")); });

    auto* about = make(this, "about", tr("&About"), {}, tr("About this program"));
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    addActions({zoom_in, zoom_out, fit, actual, find, next, prev, body});  // shortcuts work without menus focused
    createWorkflowActions();
}

void MainWindow::createMenus() {
    auto* file = menuBar()->addMenu(tr("&File"));
    file->addAction(action(QStringLiteral("open")));
    file->addAction(action(QStringLiteral("openSample")));
    recent_menu_ = file->addMenu(tr("Open &recent"));
    file->addSeparator();
    file->addAction(action(QStringLiteral("exportPng")));
    file->addAction(action(QStringLiteral("exportSvg")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("quit")));
    auto* graph = menuBar()->addMenu(tr("&Graph"));
    for (const char* name : {"zoomIn", "zoomOut", "fit", "actualSize"}) graph->addAction(action(QLatin1String(name)));
    graph->addSeparator();
    for (const char* name : {"expandAll", "collapseAll", "miniMap"}) graph->addAction(action(QLatin1String(name)));
    graph->addSeparator();
    graph->addAction(action(QStringLiteral("openFunctionBody")));
    auto* search = menuBar()->addMenu(tr("&Search"));
    for (const char* name : {"find", "findNext", "findPrevious", "findUnsupported"}) search->addAction(action(QLatin1String(name)));
    view_menu_ = menuBar()->addMenu(tr("&View"));
    for (auto* dock : findChildren<QDockWidget*>()) view_menu_->addAction(dock->toggleViewAction());
    auto* tools = menuBar()->addMenu(tr("&Tools"));
    for (const char* name : {"simplifyPreview", "quantCompare", "benchmark", "exportTfjs"}) tools->addAction(action(QLatin1String(name)));
    menuBar()->addMenu(tr("&Help"))->addAction(action(QStringLiteral("about")));

    auto* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("toolbar.main"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->setMovable(false);
    for (const char* name : {"open", "exportPng", "exportSvg"}) bar->addAction(action(QLatin1String(name)));
    bar->addSeparator();
    for (const char* name : {"fit", "zoomIn", "zoomOut", "expandAll", "collapseAll", "findUnsupported"})
        bar->addAction(action(QLatin1String(name)));
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    recent_menu_->clear();
    const QStringList files = settings_.recentFiles();
    for (const QString& path : files)
        recent_menu_->addAction(QFileInfo(path).fileName(), this, [this, path] { openFile(path); })->setToolTip(path);
    recent_menu_->setEnabled(!files.isEmpty());
}

void MainWindow::updateActions() {
    const bool loaded = scene_->hasGraph();
    for (const char* name : {"exportPng", "exportSvg", "zoomIn", "zoomOut", "fit", "actualSize", "expandAll", "collapseAll",
                             "openFunctionBody", "find", "findNext", "findPrevious", "findUnsupported", "benchmark", "quantCompare", "exportTfjs", "simplifyPreview"})
        action(QLatin1String(name))->setEnabled(loaded);
    action(QStringLiteral("openSample"))->setEnabled(!samplePath().isEmpty());
}

void MainWindow::showOpenDialog() {
    QStringList filters, all;
    for (const auto& reader : formats::readers()) {
        QStringList patterns;
        for (const auto& p : reader->patterns()) patterns << QString::fromStdString(p);
        all << patterns;
        filters << QStringLiteral("%1 (%2)").arg(QString::fromUtf8(reader->description().data(),
                                                                   static_cast<qsizetype>(reader->description().size())),
                                                 patterns.join(QLatin1Char(' ')));
    }
    all.removeDuplicates();
    filters.prepend(tr("All supported models (%1)").arg(all.join(QLatin1Char(' '))));
    filters << tr("All files (*)");
    const QString path = QFileDialog::getOpenFileName(this, tr("Open model"), settings_.lastOpenDir(), filters.join(QStringLiteral(";;")));
    openFile(path);
}

void MainWindow::openSample() { openFile(samplePath()); }

void MainWindow::exportImage(bool svg) {
    const QString base = QFileInfo(current_path_).completeBaseName();
    const QString path = QFileDialog::getSaveFileName(this, svg ? tr("Export as SVG") : tr("Export as PNG"),
                                                      QDir(settings_.lastOpenDir()).filePath(base + (svg ? QStringLiteral(".svg") : QStringLiteral(".png"))),
                                                      svg ? tr("SVG drawings (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    const auto status = svg ? views::export_svg(*scene_, path, QFileInfo(current_path_).fileName()) : views::export_png(*scene_, path);
    if (!status) QMessageBox::critical(this, tr("Export failed"), QString::fromStdString(status.error().what()));
    else statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::createWorkflowActions() {
    auto* bench = make(this, "benchmark", tr("&Benchmark…"), QKeySequence(Qt::CTRL | Qt::Key_B),
                       tr("Time the model on the runtime: per-run chart, median/min/p90, memory, per-op profile"));
    connect(bench, &QAction::triggered, this, &MainWindow::showBenchmark);
    auto* quant = make(this, "quantCompare", tr("&Quantization comparison…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q),
                       tr("Compare float32 with float16/uint8/uint16 weights, per output and per layer"));
    connect(quant, &QAction::triggered, this, &MainWindow::showQuantCompare);
    auto* tfjs = make(this, "exportTfjs", tr("E&xport to TensorFlow.js…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J),
                      tr("Convert the model to a TensorFlow.js graph model with every converter option"));
    connect(tfjs, &QAction::triggered, this, &MainWindow::showExportDialog);
    auto* simplify = make(this, "simplifyPreview", tr("&Simplification preview…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                          tr("Run the converter's passes with each one switchable and see what they change"));
    connect(simplify, &QAction::triggered, this, &MainWindow::showSimplifyPreview);
    // Panels follow the loaded model; they run on the immutable ir::Model the view holds.
    connect(this, &MainWindow::modelLoaded, this, [this] {
        if (bench_) bench_->setModel(scene_->index().model_ptr());
        if (quant_) quant_->setModel(scene_->index().model_ptr());
        if (simplify_) simplify_->setModel(scene_->index().model_ptr());
        views::HeatOverlay::of(view_)->clear();  // per-node results of the previous model
    });
}

namespace {
template <class Panel>
Panel* workflow_dock(QMainWindow* window, const QString& title, const char* name) {
    auto* dock = new QDockWidget(title, window);
    dock->setObjectName(QLatin1String(name));
    auto* panel = new Panel(dock);
    dock->setWidget(panel);
    window->addDockWidget(Qt::BottomDockWidgetArea, dock);
    return panel;
}
}  // namespace

void MainWindow::showBenchmark() {
    if (!bench_) {
        bench_ = workflow_dock<views::BenchPanel>(this, tr("Benchmark"), "dock.benchmark");
        connect(bench_, &views::BenchPanel::nodeActivated, this, &MainWindow::focusNodeNamed);
        connect(bench_, &views::BenchPanel::finished, this, [this](bool ok) {
            if (ok && bench_->result()) views::HeatOverlay::of(view_)->setBenchResult(*bench_->result());
        });
        view_menu_->addAction(qobject_cast<QDockWidget*>(bench_->parentWidget())->toggleViewAction());
    }
    if (scene_->hasGraph()) bench_->setModel(scene_->index().model_ptr());
    bench_->parentWidget()->show();
    bench_->parentWidget()->raise();
}

void MainWindow::showQuantCompare() {
    if (!quant_) {
        quant_ = workflow_dock<views::QuantPanel>(this, tr("Quantization comparison"), "dock.quantization");
        connect(quant_, &views::QuantPanel::nodeActivated, this, &MainWindow::focusNodeNamed);
        connect(quant_, &views::QuantPanel::finished, this, [this](bool ok) {
            if (ok && quant_->report()) views::HeatOverlay::of(view_)->setQuantReport(*quant_->report());
        });
        view_menu_->addAction(qobject_cast<QDockWidget*>(quant_->parentWidget())->toggleViewAction());
    }
    if (scene_->hasGraph()) quant_->setModel(scene_->index().model_ptr());
    quant_->parentWidget()->show();
    quant_->parentWidget()->raise();
}

void MainWindow::showSimplifyPreview() {
    if (!simplify_) {
        simplify_ = workflow_dock<views::SimplifyPanel>(this, tr("Simplification preview"), "dock.simplify");
        connect(simplify_, &views::SimplifyPanel::nodeActivated, this, &MainWindow::focusNodeNamed);
        view_menu_->addAction(qobject_cast<QDockWidget*>(simplify_->parentWidget())->toggleViewAction());
    }
    if (scene_->hasGraph()) simplify_->setModel(scene_->index().model_ptr());
    simplify_->parentWidget()->show();
    simplify_->parentWidget()->raise();
}

void MainWindow::showExportDialog() {
    auto* dialog = new views::ExportDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSource(current_path_);
    if (scene_->hasGraph() && !QFileInfo(current_path_).isDir()) {
        // A frozen graph names its outputs: propose the sinks (nodes nothing consumes).
        QStringList sinks;
        const auto& index = scene_->index();
        for (int i = 0; i < index.size(); ++i) {
            const std::string& op = index.node(i).op;
            if (index.out_edges(i).empty() && op != "Const" && op != "NoOp" && op != "Assert")
                sinks << QString::fromStdString(index.node(i).name);
        }
        dialog->setOutputNodes(sinks.join(QLatin1Char(',')));
    }
    dialog->open();
}

void MainWindow::focusNodeNamed(const QString& name) {
    if (!scene_->hasGraph()) return;
    const auto& graph = scene_->index().graph();
    if (const ir::Node* node = graph.find(name.toStdString())) scene_->revealNode(static_cast<int>(node - graph.nodes().data()));
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About TensorFlow.js Workbench"),
                       tr("<h3>TensorFlow.js Workbench %1</h3><p>Inspect TensorFlow and Keras models, see which ops "
                          "TensorFlow.js cannot run, convert and benchmark them. No Python needed.</p>"
                          "<p>Licensed under the Apache License 2.0.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

}  // namespace wb::gui
