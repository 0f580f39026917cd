// SPDX-License-Identifier: Apache-2.0
#include "views/graph/function_browser.h"

#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

#include "views/graph/graph_scene.h"
#include "views/graph/graph_view.h"

namespace wb::views {

std::shared_ptr<const ir::Model> function_model(const ir::Model& model, const ir::Function& fn) {
    auto out = std::make_shared<ir::Model>();
    out->format = model.format;
    out->source_path = model.source_path;
    for (const auto& arg : fn.inputs) {
        ir::Node node;
        node.name = arg.name;  // body inputs name the argument directly
        node.op = "_Arg";
        if (arg.type != ir::DType::Invalid) node.attrs["T"] = ir::AttrValue(arg.type);
        out->graph.add(std::move(node));
    }
    for (const auto& node : fn.nodes) out->graph.add(node);
    for (const auto& arg : fn.outputs) {
        auto it = fn.ret.find(arg.name);
        if (it == fn.ret.end()) continue;
        ir::Node node;
        node.name = "return/" + arg.name;
        node.op = "_Retval";
        node.inputs = {it->second};
        if (arg.type != ir::DType::Invalid) node.attrs["T"] = ir::AttrValue(arg.type);
        out->graph.add(std::move(node));
    }
    out->graph.reindex();
    return out;
}

FunctionBrowser::FunctionBrowser(QWidget* parent) : QWidget(parent) {
    picker_ = new QComboBox;
    picker_->setToolTip(tr("The functions of the model's library (bodies of While, If and call ops)"));
    info_ = new QLabel(tr("This model has no function library."));
    info_->setWordWrap(true);
    scene_ = new GraphScene(this);
    view_ = new GraphView(scene_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(picker_);
    layout->addWidget(info_);
    layout->addWidget(view_, 1);
    connect(picker_, &QComboBox::currentIndexChanged, this, &FunctionBrowser::showFunction);
    connect(scene_, &GraphScene::layoutFinished, view_, &GraphView::fitAll);
    connect(scene_, &GraphScene::functionRequested, this, &FunctionBrowser::showFunctionNamed);
    view_->viewport()->installEventFilter(this);
}

// A body laid out while the dock was hidden (tabbed) was fitted to a tiny viewport: fit again
// when the view gets its real size.
bool FunctionBrowser::eventFilter(QObject* watched, QEvent* event) {
    if (watched == view_->viewport() && (event->type() == QEvent::Resize || event->type() == QEvent::Show) &&
        scene_->hasGraph() && !scene_->layoutRunning())
        view_->fitAll();
    return QWidget::eventFilter(watched, event);
}

void FunctionBrowser::setModel(std::shared_ptr<const ir::Model> model) {
    model_ = std::move(model);
    QSignalBlocker block(picker_);
    picker_->clear();
    scene_->clearGraph();
    scene_->setFunctionLibrary(model_);
    shown_ = -1;
    for (const auto& fn : model_ ? model_->graph.functions : std::vector<ir::Function>{})
        picker_->addItem(QString::fromStdString(fn.name));
    picker_->setEnabled(functionCount() > 0);
    info_->setText(functionCount() ? tr("%n function(s) in the library.", nullptr, functionCount())
                                   : tr("This model has no function library."));
    if (functionCount() > 0) showFunction(0);
}

int FunctionBrowser::functionCount() const { return model_ ? static_cast<int>(model_->graph.functions.size()) : 0; }

void FunctionBrowser::showFunction(int index) {
    if (index < 0 || index >= functionCount()) return;
    if (picker_->currentIndex() != index) return picker_->setCurrentIndex(index);  // back through the signal
    if (index == shown_) return;
    shown_ = index;
    const auto& fn = model_->graph.functions[static_cast<std::size_t>(index)];
    auto body = std::make_shared<const GraphIndex>(function_model(*model_, fn));
    info_->setText(tr("%1: %n node(s), %2 input(s), %3 output(s)", nullptr, static_cast<int>(fn.nodes.size()))
                       .arg(QString::fromStdString(fn.name)).arg(fn.inputs.size()).arg(fn.outputs.size()));
    scene_->setGraph(body, std::make_shared<const GroupTree>(*body));
}

bool FunctionBrowser::showFunctionNamed(const QString& name) {
    const int index = picker_->findText(name, Qt::MatchExactly | Qt::MatchCaseSensitive);
    if (index < 0) return false;
    showFunction(index);
    return true;
}

QString FunctionBrowser::currentFunction() const { return functionCount() ? picker_->currentText() : QString(); }

}  // namespace wb::views
