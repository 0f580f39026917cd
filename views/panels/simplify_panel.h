// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QFutureWatcher>
#include <QWidget>
#include <memory>

#include "ir/model.h"
#include "passes/pass_manager.h"

class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace wb::views {

class SimplifyCompare;

// Simplification preview: the converter's pass pipeline with each pass switchable, run on a
// copy of the model off the UI thread; shows the original and optimized graphs side by side
// (SimplifyCompare), the pass manager's per-pass node counts and the change logs (removed /
// added / rewritten nodes, with what they came from).
class SimplifyPanel : public QWidget {
    Q_OBJECT
public:
    explicit SimplifyPanel(QWidget* parent = nullptr);
    ~SimplifyPanel() override;

    void setModel(std::shared_ptr<const ir::Model> model);
    void setPassEnabled(const QString& pass, bool on);
    QStringList skippedPasses() const;
    void start();
    bool running() const { return watcher_.isRunning(); }
    const passes::PipelineReport* report() const { return report_.get(); }
    std::shared_ptr<const ir::Model> optimizedModel() const { return optimized_; }
    SimplifyCompare* compare() const { return compare_; }
    QTableWidget* passTable() const { return passes_; }
    QTableWidget* changeTable() const { return changes_; }

signals:
    void finished(bool ok, const QString& message);
    void nodeActivated(const QString& name);

private:
    struct Outcome {
        std::shared_ptr<passes::PipelineReport> report;
        std::shared_ptr<const ir::Model> optimized;
        QString error;
    };
    void onFinished();

    std::shared_ptr<const ir::Model> model_;
    std::shared_ptr<passes::PipelineReport> report_;
    std::shared_ptr<const ir::Model> optimized_;
    SimplifyCompare* compare_;
    QTabWidget* tabs_;
    bool rerun_ = false;
    QFutureWatcher<Outcome> watcher_;
    QListWidget* list_;
    QPushButton* run_;
    QLabel* summary_;
    QTableWidget *passes_, *changes_;
};

}  // namespace wb::views
