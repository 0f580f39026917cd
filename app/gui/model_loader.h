// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QFutureWatcher>
#include <QObject>
#include <atomic>
#include <memory>

#include "views/graph/graph_index.h"
#include "views/graph/group_tree.h"

namespace wb::gui {

// What a finished load hands to the window: the model with its view indexes, or an error.
struct LoadResult {
    std::shared_ptr<const views::GraphIndex> index;
    std::shared_ptr<const views::GroupTree> tree;
    QString error;        // empty on success
    bool cancelled = false;
    double read_ms = 0;   // reader + validation
    double index_ms = 0;  // GraphIndex + GroupTree
};

// Loads a model off the UI thread through wb::formats::read_model, then builds the view
// indexes there too. Progress is forwarded as a signal; cancel() sets the stop token.
class ModelLoader : public QObject {
    Q_OBJECT
public:
    explicit ModelLoader(QObject* parent = nullptr);
    ~ModelLoader() override;
    void load(const QString& path);
    void cancel() { stop_ = true; }
    bool running() const { return watcher_.isRunning(); }
    // Benchmarks only: the graph is repeated `copies` times under "copy<i>/" scopes.
    void setReplicate(int copies) { replicate_ = copies; }

signals:
    void progress(double fraction, const QString& stage);
    void finished(const wb::gui::LoadResult& result, const QString& path);

private:
    QFutureWatcher<LoadResult> watcher_;
    std::atomic<bool> stop_{false};
    QString path_;
    int replicate_ = 1;
};

}  // namespace wb::gui
