// SPDX-License-Identifier: Apache-2.0
#include "views/panels/property_panel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

#include "views/models/property_model.h"

namespace wb::views {

PropertyPanel::PropertyPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    model_ = new PropertyModel(this);
    tree_ = new QTreeView(this);
    tree_->setModel(model_);
    tree_->setAlternatingRowColors(true);
    tree_->setUniformRowHeights(true);
    tree_->setWordWrap(false);
    tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    tree_->header()->setStretchLastSection(true);
    placeholder_ = new QLabel(tr("Select a node on the graph to see its properties."), this);
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setEnabled(false);
    layout->addWidget(placeholder_);
    layout->addWidget(tree_);
    tree_->hide();
    // Function bodies are links: one click (or Enter) opens them.
    auto open_link = [this](const QModelIndex& index) {
        const QVariant fn = index.siblingAtColumn(PropertyModel::Value).data(PropertyModel::FunctionRole);
        if (fn.isValid()) emit functionRequested(fn.toString());
    };
    connect(tree_, &QTreeView::clicked, this, open_link);
    connect(tree_, &QTreeView::activated, this, open_link);
}

void PropertyPanel::setIndex(std::shared_ptr<const GraphIndex> index) {
    index_ = std::move(index);
    showNode(-1);
}

void PropertyPanel::showNode(int node) {
    model_->setNode(index_, node);
    const bool has = model_->node() >= 0;
    tree_->setVisible(has);
    placeholder_->setVisible(!has);
    if (has) tree_->expandAll();
}

}  // namespace wb::views
