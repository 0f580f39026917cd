// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QAbstractTableModel>
#include <memory>
#include <vector>

namespace wb::views {

class GraphIndex;

// One row per op type: count, category and who can run it; rows TensorFlow.js cannot run
// are drawn red. Sorted by count (descending) when built; wrap in a proxy to re-sort.
class OpHistogramModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Op, Count, Category, Tfjs, Runtime, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit OpHistogramModel(QObject* parent = nullptr);
    void setIndex(std::shared_ptr<const GraphIndex> index);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row {
        QString op;
        int count = 0;
        int first_node = 0;
    };
    std::shared_ptr<const GraphIndex> index_;
    std::vector<Row> rows_;
};

}  // namespace wb::views
