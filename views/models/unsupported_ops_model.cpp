// SPDX-License-Identifier: Apache-2.0
#include "views/models/unsupported_ops_model.h"

#include <QBrush>
#include <map>

#include "views/graph/graph_index.h"
#include "views/graph/graph_palette.h"

namespace wb::views {

// internalId: 0 for op rows; op row + 1 for node rows (so parent() is O(1)).
UnsupportedOpsModel::UnsupportedOpsModel(QObject* parent) : QAbstractItemModel(parent) {}

void UnsupportedOpsModel::setIndex(std::shared_ptr<const GraphIndex> index) {
    beginResetModel();
    index_ = std::move(index);
    ops_.clear();
    if (index_) {
        std::map<std::string, std::vector<int>> by_op;
        for (int n = 0; n < index_->size(); ++n)
            if (!index_->style(n).tfjs_supported) by_op[index_->node(n).op].push_back(n);
        for (auto& [op, nodes] : by_op) ops_.push_back({QString::fromStdString(op), std::move(nodes)});
    }
    endResetModel();
}

QModelIndex UnsupportedOpsModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount) return {};
    if (!parent.isValid())
        return row < static_cast<int>(ops_.size()) ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.column() != 0) return {};
    const auto& op = ops_[static_cast<std::size_t>(parent.row())];
    return row < static_cast<int>(op.nodes.size()) ? createIndex(row, column, quintptr(parent.row() + 1)) : QModelIndex();
}

QModelIndex UnsupportedOpsModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == 0) return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr(0));
}

int UnsupportedOpsModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return static_cast<int>(ops_.size());
    if (parent.internalId() != 0 || parent.column() != 0) return 0;
    return static_cast<int>(ops_[static_cast<std::size_t>(parent.row())].nodes.size());
}

int UnsupportedOpsModel::columnCount(const QModelIndex&) const { return ColumnCount; }

QVariant UnsupportedOpsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    if (index.internalId() == 0) {
        const auto& op = ops_[static_cast<std::size_t>(index.row())];
        const auto& style = index_->style(op.nodes.front());
        switch (role) {
        case Qt::DisplayRole:
            return index.column() == Name ? op.op : tr("%n node(s)", nullptr, static_cast<int>(op.nodes.size()));
        case Qt::ForegroundRole: return index.column() == Name ? QVariant(QBrush(palette::kUnsupported)) : QVariant();
        case Qt::ToolTipRole: return style.tfjs_reason + QLatin1Char('\n') + style.tfjs_hint;
        case NodeRole: return -1;
        default: return {};
        }
    }
    const auto& op = ops_[static_cast<std::size_t>(index.internalId() - 1)];
    const int node = op.nodes[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == Name ? QString::fromStdString(index_->node(node).name) : QString();
    case Qt::ToolTipRole: return tr("Click to show this node on the graph");
    case NodeRole: return node;
    default: return {};
    }
}

QVariant UnsupportedOpsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == Name ? tr("Op / node") : tr("Nodes");
}

}  // namespace wb::views
