// SPDX-License-Identifier: Apache-2.0
#include "main_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

#include "start_page.h"
#include "views/graph/function_browser.h"
#include "views/graph/graph_scene.h"
#include "views/graph/graph_view.h"
#include "views/panels/property_panel.h"
#include "views/panels/search_bar.h"
#include "views/panels/summary_panel.h"
#include "views/panels/unsupported_panel.h"
#include "views/panels/weights_panel.h"

namespace wb::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("TensorFlow.js Workbench"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/tfjs-workbench.svg")));
    setAcceptDrops(true);
    loader_ = new ModelLoader(this);
    scene_ = new views::GraphScene(this);
    stack_ = new QStackedWidget(this);
    start_ = new StartPage(stack_);
    auto* graph_page = new QWidget(stack_);
    auto* graph_layout = new QVBoxLayout(graph_page);
    graph_layout->setContentsMargins(0, 0, 0, 0);
    graph_layout->setSpacing(0);
    search_ = new views::SearchBar(graph_page);
    view_ = new views::GraphView(scene_, graph_page);
    graph_layout->addWidget(search_);
    graph_layout->addWidget(view_, 1);
    stack_->addWidget(start_);
    stack_->addWidget(graph_page);
    setCentralWidget(stack_);
    createDocks();
    createActions();
    createMenus();
    createStatusBar();
    restoreSettings();

    connect(start_, &StartPage::openRequested, this, &MainWindow::showOpenDialog);
    connect(start_, &StartPage::sampleRequested, this, &MainWindow::openSample);
    connect(start_, &StartPage::fileRequested, this, &MainWindow::openFile);
    connect(loader_, &ModelLoader::progress, this, [this](double fraction, const QString& stage) {
        progress_->setRange(0, 1000);
        progress_->setValue(static_cast<int>(fraction * 1000));
        status_->setText(stage);
    });
    connect(loader_, &ModelLoader::finished, this, &MainWindow::onLoaded);
    connect(scene_, &views::GraphScene::nodeSelected, this, &MainWindow::onNodeSelected);
    connect(scene_, &views::GraphScene::layoutStarted, this, [this] {
        progress_->setRange(0, 0);
        progress_->show();
        cancel_->show();
        status_->setText(tr("Laying out the graph…"));
    });
    connect(scene_, &views::GraphScene::layoutProgress, this, [this](int done, int total) {
        progress_->setRange(0, total);
        progress_->setValue(done);
    });
    connect(scene_, &views::GraphScene::layoutFinished, this, [this](double ms) {
        progress_->hide();
        cancel_->hide();
        status_->setText(tr("%1 nodes shown · layout %2 ms").arg(scene_->visibleNodeCount()).arg(ms, 0, 'f', 1));
    });
    connect(view_, &views::GraphView::zoomChanged, this,
            [this](double level) { zoom_label_->setText(tr("Zoom %1%").arg(qRound(level * 100))); });
    connect(search_, &views::SearchBar::nodeActivated, scene_, &views::GraphScene::revealNode);
    connect(unsupported_, &views::UnsupportedPanel::nodeActivated, scene_, &views::GraphScene::revealNode);
    connect(scene_, &views::GraphScene::functionRequested, this, &MainWindow::openFunctionBody);
    connect(properties_, &views::PropertyPanel::functionRequested, this, &MainWindow::openFunctionBody);
    connect(summary_, &views::SummaryPanel::opActivated, this,
            [this](const QString& op) { search_->setQuery(QStringLiteral("op:") + op); });
    start_->setRecentFiles(settings_.recentFiles());
    start_->setSampleAvailable(!samplePath().isEmpty());
    updateActions();
}

MainWindow::~MainWindow() {
    // The scene outlives the panels while children are deleted; deleting a selected item must
    // not call back into a panel that is already gone.
    scene_->blockSignals(true);
}

QString MainWindow::samplePath() {
    const QDir bin(QCoreApplication::applicationDirPath());
    for (const QString& candidate : {bin.filePath(QStringLiteral("../samples/sample_cnn.pb")),
                                     bin.filePath(QStringLiteral("../share/tfjs-workbench/samples/sample_cnn.pb"))})
        if (QFileInfo::exists(candidate)) return QFileInfo(candidate).canonicalFilePath();
    return {};
}

void MainWindow::createDocks() {
    auto dock = [this](const QString& title, const QString& name, QWidget* widget, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);  // saveState() keys docks by object name
        d->setWidget(widget);
        addDockWidget(area, d);
        return d;
    };
    summary_ = new views::SummaryPanel(this);
    unsupported_ = new views::UnsupportedPanel(this);
    properties_ = new views::PropertyPanel(this);
    weights_ = new views::WeightsPanel(this);
    functions_ = new views::FunctionBrowser(this);
    auto* summary = dock(tr("Model summary"), QStringLiteral("dock.summary"), summary_, Qt::LeftDockWidgetArea);
    dock(tr("Unsupported ops"), QStringLiteral("dock.unsupported"), unsupported_, Qt::LeftDockWidgetArea);
    auto* props = dock(tr("Properties"), QStringLiteral("dock.properties"), properties_, Qt::RightDockWidgetArea);
    auto* weights = dock(tr("Weights"), QStringLiteral("dock.weights"), weights_, Qt::RightDockWidgetArea);
    functions_dock_ = dock(tr("Function bodies"), QStringLiteral("dock.functions"), functions_, Qt::RightDockWidgetArea);
    tabifyDockWidget(props, weights);
    tabifyDockWidget(props, functions_dock_);
    props->raise();
    resizeDocks({summary, props}, {470, 400}, Qt::Horizontal);
}

void MainWindow::createStatusBar() {
    status_ = new QLabel(tr("Ready"), this);
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(220);
    progress_->setTextVisible(false);
    progress_->hide();
    cancel_ = new QToolButton(this);
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop loading or laying out"));
    cancel_->hide();
    connect(cancel_, &QToolButton::clicked, this, [this] {
        loader_->cancel();
        scene_->cancelLayout();
        status_->setText(tr("Cancelled"));
    });
    zoom_label_ = new QLabel(this);
    statusBar()->addWidget(status_, 1);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancel_);
    statusBar()->addPermanentWidget(zoom_label_);
}

void MainWindow::openFile(const QString& path) {
    if (path.isEmpty()) return;
    settings_.setValue(Settings::Key::LastOpenDir, QFileInfo(path).absolutePath());
    status_->setText(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    progress_->setRange(0, 0);
    progress_->show();
    cancel_->show();
    loader_->load(path);
}

void MainWindow::onLoaded(const LoadResult& result, const QString& path) {
    progress_->hide();
    cancel_->hide();
    if (result.cancelled) {
        status_->setText(tr("Loading cancelled"));
        return;
    }
    if (!result.error.isEmpty()) {
        status_->setText(tr("Could not open %1").arg(QFileInfo(path).fileName()));
        auto* box = new QMessageBox(QMessageBox::Critical, tr("Could not open the model"),
                                    tr("The file could not be opened as a model:\n%1").arg(path), QMessageBox::Ok, this);
        box->setInformativeText(result.error);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();  // window-modal but not blocking: tests and benchmarks keep running
        emit loadFailed(result.error);
        return;
    }
    current_path_ = path;
    settings_.addRecentFile(QFileInfo(path).absoluteFilePath());
    updateRecentMenu();
    start_->setRecentFiles(settings_.recentFiles());
    setWindowTitle(tr("%1 — TensorFlow.js Workbench").arg(QFileInfo(path).fileName()));
    summary_->setIndex(result.index);
    unsupported_->setIndex(result.index);
    properties_->setIndex(result.index);
    weights_->setIndex(result.index);
    search_->setIndex(result.index);
    functions_->setModel(result.index->model_ptr());
    scene_->setGraph(result.index, result.tree);
    stack_->setCurrentIndex(1);
    // Fit once, when the first layout of this model is on screen.
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(scene_, &views::GraphScene::layoutFinished, this, [this, connection] {
        disconnect(*connection);
        view_->fitAll();
    });
    updateActions();
    emit modelLoaded(path);
}

void MainWindow::onNodeSelected(int node) {
    properties_->showNode(node);
    weights_->showNode(node);
}

void MainWindow::openFunctionBody(const QString& name) {
    if (!functions_->showFunctionNamed(name)) {
        statusBar()->showMessage(tr("The model's library has no function %1").arg(name), 5000);
        return;
    }
    functions_dock_->show();
    functions_dock_->raise();
    functions_->view()->setFocus(Qt::OtherFocusReason);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    settings_.setValue(Settings::Key::WindowGeometry, saveGeometry());
    settings_.setValue(Settings::Key::WindowState, saveState());
    settings_.setValue(Settings::Key::ShowMiniMap, view_->miniMapVisible());
    loader_->cancel();
    scene_->cancelLayout();
    event->accept();
}

void MainWindow::restoreSettings() {
    if (!restoreGeometry(settings_.value(Settings::Key::WindowGeometry).toByteArray())) resize(1400, 900);
    restoreState(settings_.value(Settings::Key::WindowState).toByteArray());
    view_->setMiniMapVisible(settings_.showMiniMap());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().first().isLocalFile()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile()) return;
    event->acceptProposedAction();
    openFile(urls.first().toLocalFile());
}

}  // namespace wb::gui
