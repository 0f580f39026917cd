// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QWidget>
#include <memory>

#include "ir/model.h"

class QComboBox;
class QLabel;

namespace wb::views {

class GraphScene;
class GraphView;

// A function body (FunctionDef) as a model of its own, so the graph view can draw it: one
// "_Arg" node per input argument, the body's nodes, one "_Retval" node per output.
std::shared_ptr<const ir::Model> function_model(const ir::Model& model, const ir::Function& fn);

// The model's function library (bodies of While/If/PartitionedCall...): pick a function, see
// its body laid out like the main graph, with the same op colours and support marks. Call nodes
// inside a body link to their own bodies (double-click, Enter, context menu).
class FunctionBrowser : public QWidget {
    Q_OBJECT
public:
    explicit FunctionBrowser(QWidget* parent = nullptr);
    void setModel(std::shared_ptr<const ir::Model> model);
    int functionCount() const;
    void showFunction(int index);
    // Shows the body of the library function `name`; false if the library has no such function.
    bool showFunctionNamed(const QString& name);
    QString currentFunction() const;
    GraphScene* scene() const { return scene_; }
    GraphView* view() const { return view_; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    std::shared_ptr<const ir::Model> model_;
    QComboBox* picker_;
    QLabel* info_;
    GraphScene* scene_;
    GraphView* view_;
    int shown_ = -1;  // the function on screen, so asking for it again does not lay it out again
};

}  // namespace wb::views
