// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QAbstractTableModel>

#include "ir/tensor.h"

namespace wb::views {

// The values of one tensor, one page at a time (a 25M-element kernel must not become 25M
// rows): column 0 the element's index ("[0, 3, 1]"), column 1 its value.
class WeightValuesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Index, Value, ColumnCount };

    explicit WeightValuesModel(int page_size = 256, QObject* parent = nullptr);
    void setTensor(const ir::Tensor& tensor);
    void setPage(int page);
    int page() const { return page_; }
    int pageCount() const;
    int pageSize() const { return page_size_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString indexText(int64_t flat) const;
    ir::Tensor tensor_;
    int page_size_;
    int page_ = 0;
};

}  // namespace wb::views
