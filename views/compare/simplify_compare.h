// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QFutureWatcher>
#include <QWidget>
#include <memory>

#include "ir/model.h"
#include "passes/pass_manager.h"
#include "views/compare/output_check.h"
#include "views/compare/simplify_diff.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace wb::views {

class GraphScene;
class GraphView;
class GraphIndex;
class GroupTree;

// The original and the optimized graph side by side. Nodes carry their fate from the change
// logs (removed / fused / rewritten / new); selecting a node in one view reveals, selects and
// centres its counterpart in the other, and zoom follows. "Check outputs" runs both graphs on
// the runtime off the UI thread and lists the difference per output.
class SimplifyCompare : public QWidget {
    Q_OBJECT
public:
    explicit SimplifyCompare(QWidget* parent = nullptr);
    ~SimplifyCompare() override;

    void setModels(std::shared_ptr<const ir::Model> original, std::shared_ptr<const ir::Model> optimized,
                   const passes::PipelineReport& report);
    const SimplifyDiff& diff() const { return diff_; }
    QString diffSummary() const;
    GraphScene* scene(bool optimized) const { return optimized ? after_ : before_; }
    GraphView* view(bool optimized) const { return optimized ? after_view_ : before_view_; }

    void runCheck();
    bool checkRunning() const { return check_.isRunning(); }
    const std::vector<OutputDifference>& checkResult() const { return differences_; }
    QTableWidget* checkTable() const { return table_; }

signals:
    void ready();  // both graphs are laid out and marked
    void checkFinished(bool ok, const QString& message);

private:
    struct Prepared {
        std::shared_ptr<const GraphIndex> index[2];
        std::shared_ptr<const GroupTree> tree[2];
        SimplifyDiff diff;
    };
    void onPrepared();
    void onLayout(bool optimized);
    void follow(bool from_optimized, int node);
    void markNodes(bool optimized);
    void onCheckDone();

    std::shared_ptr<const ir::Model> models_[2];
    SimplifyDiff diff_;
    QFutureWatcher<Prepared> prepare_;
    QFutureWatcher<Expected<std::vector<OutputDifference>>> check_;
    std::vector<OutputDifference> differences_;
    GraphScene *before_, *after_;
    GraphView *before_view_, *after_view_;
    QLabel *titles_[2], *legend_, *check_label_;
    QPushButton* check_button_;
    QTableWidget* table_;
    int awaited_layouts_ = 0;
    int expected_[2] = {-1, -1};  // a selection we asked for: not echoed back
    bool zooming_ = false;
};

}  // namespace wb::views
