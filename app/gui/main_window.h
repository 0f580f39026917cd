// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QMainWindow>
#include <memory>

#include "model_loader.h"
#include "settings.h"

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QToolButton;

namespace wb::views {
class GraphScene;
class GraphView;
class FunctionBrowser;
class PropertyPanel;
class SearchBar;
class SummaryPanel;
class UnsupportedPanel;
class WeightsPanel;
class BenchPanel;
class QuantPanel;
class SimplifyPanel;
}  // namespace wb::views

namespace wb::gui {

class StartPage;

// The workbench window: a start page, then the graph with search on top and docks for the
// summary, unsupported ops, properties and weights. Models load off the UI thread.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openFile(const QString& path);
    static QString samplePath();  // the CNN GraphDef made at build time, or "" if absent
    ModelLoader& loader() { return *loader_; }
    views::GraphScene* scene() const { return scene_; }
    views::GraphView* graphView() const { return view_; }
    views::SearchBar* searchBar() const { return search_; }
    views::PropertyPanel* propertyPanel() const { return properties_; }
    views::UnsupportedPanel* unsupportedPanel() const { return unsupported_; }
    views::FunctionBrowser* functionBrowser() const { return functions_; }
    views::SummaryPanel* summaryPanel() const { return summary_; }
    views::WeightsPanel* weightsPanel() const { return weights_; }
    QAction* action(const QString& name) const;  // by objectName, for tests
    views::BenchPanel* benchPanel() const { return bench_; }  // null until first shown
    views::QuantPanel* quantPanel() const { return quant_; }
    views::SimplifyPanel* simplifyPanel() const { return simplify_; }

signals:
    void modelLoaded(const QString& path);
    void loadFailed(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void createStatusBar();
    void restoreSettings();
    void updateRecentMenu();
    void updateActions();
    void showOpenDialog();
    void openSample();
    void exportImage(bool svg);
    void onLoaded(const LoadResult& result, const QString& path);
    void onNodeSelected(int node);
    void openFunctionBody(const QString& name);  // shows it in the Function bodies dock, focused
    void showAbout();
    // Workflows (main_window_actions.cpp): benchmark and quantization docks, export dialog.
    void createWorkflowActions();
    void showBenchmark();
    void showQuantCompare();
    void showExportDialog();
    void showSimplifyPreview();
    void focusNodeNamed(const QString& name);

    Settings settings_;
    ModelLoader* loader_;
    QStackedWidget* stack_;
    StartPage* start_;
    views::GraphScene* scene_;
    views::GraphView* view_;
    views::SearchBar* search_;
    views::PropertyPanel* properties_;
    views::UnsupportedPanel* unsupported_;
    views::SummaryPanel* summary_;
    views::WeightsPanel* weights_;
    views::FunctionBrowser* functions_;
    QDockWidget* functions_dock_ = nullptr;
    QMenu* recent_menu_ = nullptr;
    QMenu* view_menu_ = nullptr;
    QProgressBar* progress_;
    QToolButton* cancel_;
    QLabel* status_;
    QLabel* zoom_label_;
    QString current_path_;
    views::BenchPanel* bench_ = nullptr;
    views::QuantPanel* quant_ = nullptr;
    views::SimplifyPanel* simplify_ = nullptr;
};

}  // namespace wb::gui
