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

namespace wb::views {

// Simplification preview: the converter's pass pipeline with each pass switchable, run on a
// copy of the model off the UI thread; shows the pass manager's per-pass node counts and the
// change logs (removed / added / rewritten nodes, with what they came from).
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
    QTableWidget* passTable() const { return passes_; }
    QTableWidget* changeTable() const { return changes_; }

signals:
    void finished(bool ok, const QString& message);
    void nodeActivated(const QString& name);

private:
    struct Outcome {
        std::shared_ptr<passes::PipelineReport> report;
        QString error;
    };
    void onFinished();

    std::shared_ptr<const ir::Model> model_;
    std::shared_ptr<passes::PipelineReport> report_;
    QFutureWatcher<Outcome> watcher_;
    QListWidget* list_;
    QPushButton* run_;
    QLabel* summary_;
    QTableWidget *passes_, *changes_;
};

}  // namespace wb::views
