// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QAbstractItemModel>
#include <memory>
#include <vector>

namespace wb::views {

class GraphIndex;

// A two-level tree: every op TensorFlow.js cannot run (with its reason), and under it the
// nodes that use it. NodeRole gives a node row's node index (-1 on op rows).
class UnsupportedOpsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    static constexpr int NodeRole = Qt::UserRole + 1;
    enum Column { Name, Detail, ColumnCount };

    explicit UnsupportedOpsModel(QObject* parent = nullptr);
    void setIndex(std::shared_ptr<const GraphIndex> index);
    int opCount() const { return static_cast<int>(ops_.size()); }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct OpRow {
        QString op;
        std::vector<int> nodes;
    };
    std::shared_ptr<const GraphIndex> index_;
    std::vector<OpRow> ops_;
};

}  // namespace wb::views
