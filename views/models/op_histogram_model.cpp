// SPDX-License-Identifier: Apache-2.0
#include "views/models/op_histogram_model.h"

#include <QBrush>
#include <algorithm>
#include <map>

#include "views/graph/graph_index.h"
#include "views/graph/graph_palette.h"

namespace wb::views {

OpHistogramModel::OpHistogramModel(QObject* parent) : QAbstractTableModel(parent) {}

void OpHistogramModel::setIndex(std::shared_ptr<const GraphIndex> index) {
    beginResetModel();
    index_ = std::move(index);
    rows_.clear();
    if (index_) {
        std::map<std::string, Row> by_op;
        for (int n = 0; n < index_->size(); ++n) {
            auto [it, fresh] = by_op.try_emplace(index_->node(n).op);
            if (fresh) { it->second.op = QString::fromStdString(it->first); it->second.first_node = n; }
            ++it->second.count;
        }
        for (auto& [op, row] : by_op) rows_.push_back(row);
        std::stable_sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) { return a.count > b.count; });
    }
    endResetModel();
}

int OpHistogramModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int OpHistogramModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant OpHistogramModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& row = rows_[static_cast<std::size_t>(index.row())];
    const auto& style = index_->style(row.first_node);
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case Op: return row.op;
        case Count: return row.count;
        case Category: return style.category;
        case Tfjs: return style.tfjs_supported ? tr("Supported") : tr("Not supported");
        case Runtime: return style.runtime_supported ? tr("Kernel") : tr("No kernel");
        default: return {};
        }
    }
    if (role == Qt::ForegroundRole) {
        if (!style.tfjs_supported && (index.column() == Op || index.column() == Tfjs)) return QBrush(palette::kUnsupported);
        if (!style.runtime_supported && index.column() == Runtime) return QBrush(palette::kRuntimeMissing);
    }
    if (role == Qt::ToolTipRole && !style.tfjs_supported) return style.tfjs_reason + QLatin1Char('\n') + style.tfjs_hint;
    if (role == Qt::TextAlignmentRole && index.column() == Count) return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::DecorationRole && index.column() == Op) return style.fill;
    return {};
}

QVariant OpHistogramModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Op: return tr("Op");
    case Count: return tr("Count");
    case Category: return tr("Category");
    case Tfjs: return tr("TensorFlow.js");
    case Runtime: return tr("Runtime");
    default: return {};
    }
}

}  // namespace wb::views
