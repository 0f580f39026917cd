// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QWidget>
#include <memory>

class QLabel;
class QTreeView;

namespace wb::views {

class GraphIndex;
class PropertyModel;

// The selected node's op, decoded attrs, inputs and outputs with dtype/shape, and device.
class PropertyPanel : public QWidget {
    Q_OBJECT
public:
    explicit PropertyPanel(QWidget* parent = nullptr);
    void setIndex(std::shared_ptr<const GraphIndex> index);
    void showNode(int node);
    PropertyModel* model() const { return model_; }
    QTreeView* tree() const { return tree_; }

signals:
    void functionRequested(const QString& name);  // a "Function body" link was clicked

private:
    std::shared_ptr<const GraphIndex> index_;
    PropertyModel* model_;
    QTreeView* tree_;
    QLabel* placeholder_;
};

}  // namespace wb::views
