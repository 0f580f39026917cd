// SPDX-License-Identifier: Apache-2.0
#include "views/models/weight_values_model.h"

#include <algorithm>

namespace wb::views {

WeightValuesModel::WeightValuesModel(int page_size, QObject* parent)
    : QAbstractTableModel(parent), page_size_(std::max(1, page_size)) {}

void WeightValuesModel::setTensor(const ir::Tensor& tensor) {
    beginResetModel();
    tensor_ = tensor;
    page_ = 0;
    endResetModel();
}

int WeightValuesModel::pageCount() const {
    const int64_t n = tensor_.valid() ? tensor_.num_elements() : 0;
    return static_cast<int>(std::max<int64_t>(1, (n + page_size_ - 1) / page_size_));
}

void WeightValuesModel::setPage(int page) {
    page = std::clamp(page, 0, pageCount() - 1);
    if (page == page_) return;
    beginResetModel();
    page_ = page;
    endResetModel();
}

int WeightValuesModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || !tensor_.valid()) return 0;
    const int64_t left = tensor_.num_elements() - static_cast<int64_t>(page_) * page_size_;
    return static_cast<int>(std::clamp<int64_t>(left, 0, page_size_));
}

int WeightValuesModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

// Row-major multi-index of a flat position: "[2, 0, 5]".
QString WeightValuesModel::indexText(int64_t flat) const {
    const auto& dims = tensor_.shape().dims;
    std::vector<int64_t> idx(dims.size(), 0);
    for (std::size_t i = dims.size(); i-- > 0;) {
        const int64_t d = std::max<int64_t>(1, dims[i]);
        idx[i] = flat % d;
        flat /= d;
    }
    QStringList parts;
    for (auto v : idx) parts << QString::number(v);
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

QVariant WeightValuesModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const int64_t flat = static_cast<int64_t>(page_) * page_size_ + index.row();
    if (role == Qt::TextAlignmentRole) return int((index.column() == Value ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    if (index.column() == Index) return indexText(flat);
    if (tensor_.dtype() == ir::DType::String) {
        const auto& s = tensor_.strings()[static_cast<std::size_t>(flat)];
        return QString::fromUtf8(s.data(), static_cast<qsizetype>(std::min<std::size_t>(s.size(), 200)));
    }
    if (ir::dtype_size(tensor_.dtype()) == 0) return {};
    const double v = tensor_.value_as_double(flat);
    return ir::is_floating(tensor_.dtype()) ? QString::number(v, 'g', 8) : QString::number(static_cast<qlonglong>(v));
}

QVariant WeightValuesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Vertical) return QString::number(static_cast<qlonglong>(page_) * page_size_ + section);
    return section == Index ? tr("Index") : tr("Value");
}

}  // namespace wb::views
