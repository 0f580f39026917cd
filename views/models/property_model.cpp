// SPDX-License-Identifier: Apache-2.0
#include "views/models/property_model.h"

#include <QBrush>
#include <QFont>

#include "views/graph/function_calls.h"
#include "views/graph/graph_index.h"
#include "views/graph/graph_palette.h"

namespace wb::views {

PropertyModel::PropertyModel(QObject* parent) : QAbstractItemModel(parent) {}

void PropertyModel::setNode(std::shared_ptr<const GraphIndex> index, int node) {
    beginResetModel();
    sections_.clear();
    node_ = index && node >= 0 && node < index->size() ? node : -1;
    if (node_ >= 0) {
        const auto& nd = index->node(node_);
        const auto& style = index->style(node_);
        auto q = [](const std::string& s) { return QString::fromStdString(s); };
        Section general{tr("Node"), {}};
        general.rows.push_back({tr("Name"), q(nd.name)});
        general.rows.push_back({tr("Op"), q(nd.op)});
        general.rows.push_back({tr("Category"), style.category});
        general.rows.push_back({tr("Device"), nd.device.empty() ? tr("(not set)") : q(nd.device)});
        general.rows.push_back({tr("TensorFlow.js"), style.tfjs_supported ? tr("Supported") : style.tfjs_reason,
                                !style.tfjs_supported});
        if (!style.tfjs_supported) general.rows.push_back({tr("What to do"), style.tfjs_hint, true});
        general.rows.push_back({tr("Runtime"), style.runtime_supported ? tr("Kernel available") : tr("No kernel in the bundled runtime"),
                                !style.runtime_supported});
        for (const QString& fn : called_functions(nd, index->graph().functions))
            general.rows.push_back({tr("Function body"), fn, false, fn});
        sections_.push_back(std::move(general));

        Section attrs{tr("Attributes"), {}};
        for (const auto& [key, value] : nd.attrs) {
            if (key == "_output_shapes") continue;  // shown with the outputs instead
            QString text = q(value.to_string());
            if (text.size() > 400) text = text.left(400) + QStringLiteral("…");
            attrs.rows.push_back({q(key), text});
        }
        sections_.push_back(std::move(attrs));

        Section inputs{tr("Inputs"), {}};
        for (int e : index->in_edges(node_)) {
            const auto& edge = index->edges()[static_cast<std::size_t>(e)];
            inputs.rows.push_back({q(ir::tensor_name(index->node(edge.src).name, edge.port)), q(index->edge_label(edge))});
        }
        for (const auto& c : nd.control_inputs()) inputs.rows.push_back({QStringLiteral("^") + q(c), tr("control")});
        sections_.push_back(std::move(inputs));

        Section outputs{tr("Outputs"), {}};
        int ports = 1;
        for (int e : index->out_edges(node_)) ports = std::max(ports, index->edges()[static_cast<std::size_t>(e)].port + 1);
        for (int port = 0; port < ports; ++port) {
            QStringList consumers;
            for (int e : index->out_edges(node_)) {
                const auto& edge = index->edges()[static_cast<std::size_t>(e)];
                if (edge.port == port) consumers << q(index->node(edge.dst).name);
            }
            QString label = q(index->edge_label({node_, node_, port}));
            if (label.isEmpty()) label = tr("(dtype and shape unknown)");
            if (!consumers.isEmpty()) label += QStringLiteral(" → ") + consumers.join(QStringLiteral(", "));
            outputs.rows.push_back({q(ir::tensor_name(nd.name, port)), label});
        }
        sections_.push_back(std::move(outputs));
    }
    endResetModel();
}

QString PropertyModel::value(const QString& section, const QString& key) const {
    for (const auto& s : sections_)
        if (s.title == section)
            for (const auto& r : s.rows)
                if (r.key == key) return r.value;
    return {};
}

QModelIndex PropertyModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount) return {};
    if (!parent.isValid())
        return row < static_cast<int>(sections_.size()) ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.column() != 0) return {};
    const auto& s = sections_[static_cast<std::size_t>(parent.row())];
    return row < static_cast<int>(s.rows.size()) ? createIndex(row, column, quintptr(parent.row() + 1)) : QModelIndex();
}

QModelIndex PropertyModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == 0) return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr(0));
}

int PropertyModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return static_cast<int>(sections_.size());
    if (parent.internalId() != 0 || parent.column() != 0) return 0;
    return static_cast<int>(sections_[static_cast<std::size_t>(parent.row())].rows.size());
}

int PropertyModel::columnCount(const QModelIndex&) const { return ColumnCount; }

QVariant PropertyModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    if (index.internalId() == 0) {
        const auto& s = sections_[static_cast<std::size_t>(index.row())];
        if (role == Qt::DisplayRole) return index.column() == Key ? s.title : QString::number(s.rows.size());
        if (role == Qt::FontRole) { QFont f; f.setBold(true); return f; }
        return {};
    }
    const auto& row = sections_[static_cast<std::size_t>(index.internalId() - 1)].rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole: return index.column() == Key ? row.key : row.value;
    case Qt::ToolTipRole:
        return row.function.isEmpty() ? row.value : tr("Click to open the body of %1 in the Function bodies dock").arg(row.function);
    case Qt::ForegroundRole:
        if (!row.function.isEmpty()) return QBrush(palette::kLink);
        return row.warning ? QVariant(QBrush(palette::kUnsupported)) : QVariant();
    case Qt::FontRole:
        if (row.function.isEmpty() || index.column() != Value) return {};
        else { QFont f; f.setUnderline(true); return f; }
    case FunctionRole: return row.function.isEmpty() ? QVariant() : QVariant(row.function);
    default: return {};
    }
}

QVariant PropertyModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == Key ? tr("Property") : tr("Value");
}

}  // namespace wb::views
