// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QWidget>
#include <memory>

class QLabel;
class QTreeView;

namespace wb::views {

class GraphIndex;
class UnsupportedOpsModel;

// Every op TensorFlow.js cannot run, with its nodes; activating a node focuses it on the graph
// (activating an op focuses its first node).
class UnsupportedPanel : public QWidget {
    Q_OBJECT
public:
    explicit UnsupportedPanel(QWidget* parent = nullptr);
    void setIndex(std::shared_ptr<const GraphIndex> index);
    UnsupportedOpsModel* model() const { return model_; }
    QTreeView* view() const { return tree_; }

signals:
    void nodeActivated(int node);

private:
    void activate(const QModelIndex& index);
    UnsupportedOpsModel* model_;
    QTreeView* tree_;
    QLabel* summary_;
};

}  // namespace wb::views
