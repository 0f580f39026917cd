// SPDX-License-Identifier: Apache-2.0
#include "views/panels/unsupported_panel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

#include "views/graph/graph_index.h"
#include "views/models/unsupported_ops_model.h"

namespace wb::views {

UnsupportedPanel::UnsupportedPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    model_ = new UnsupportedOpsModel(this);
    tree_ = new QTreeView(this);
    tree_->setModel(model_);
    tree_->setUniformRowHeights(true);
    tree_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    tree_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    tree_->header()->setStretchLastSection(false);
    layout->addWidget(summary_);
    layout->addWidget(tree_, 1);
    connect(tree_, &QTreeView::clicked, this, &UnsupportedPanel::activate);
    connect(tree_, &QTreeView::activated, this, &UnsupportedPanel::activate);
    setIndex(nullptr);
}

void UnsupportedPanel::setIndex(std::shared_ptr<const GraphIndex> index) {
    model_->setIndex(index);
    tree_->expandAll();
    if (!index) summary_->setText(tr("No model loaded."));
    else if (model_->opCount() == 0)
        summary_->setText(QStringLiteral("<span style='color:#2e7d32'>%1</span>")
                              .arg(tr("TensorFlow.js can run every op in this graph.")));
    else
        summary_->setText(QStringLiteral("<span style='color:#d32f2f'><b>%1</b></span><br>%2")
                              .arg(tr("%n op type(s) cannot run in TensorFlow.js", nullptr, model_->opCount()),
                                   tr("%n node(s) affected. Click one to show it on the graph.", nullptr,
                                      index->tfjs_unsupported_count())));
}

void UnsupportedPanel::activate(const QModelIndex& index) {
    if (!index.isValid()) return;
    int node = index.siblingAtColumn(0).data(UnsupportedOpsModel::NodeRole).toInt();
    if (node < 0) {  // an op row: its first node
        const QModelIndex first = model_->index(0, 0, index.siblingAtColumn(0));
        if (!first.isValid()) return;
        node = first.data(UnsupportedOpsModel::NodeRole).toInt();
    }
    emit nodeActivated(node);
}

}  // namespace wb::views
