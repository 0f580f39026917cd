// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QAbstractItemModel>
#include <memory>
#include <vector>

namespace wb::views {

class GraphIndex;

// The properties of one node as a two-level tree: sections (Node, Attributes, Inputs,
// Outputs) with key/value rows. Attributes are decoded (AttrValue::to_string). A call node
// gets one "Function body" row per function it calls, carrying the name in FunctionRole.
class PropertyModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Key, Value, ColumnCount };
    // On a row that names a library function (a call node's body): that function's name.
    static constexpr int FunctionRole = Qt::UserRole + 1;

    explicit PropertyModel(QObject* parent = nullptr);
    void setNode(std::shared_ptr<const GraphIndex> index, int node);  // node -1 clears
    int node() const { return node_; }
    // The value shown for `key` in `section` (tests and copy actions); empty if absent.
    QString value(const QString& section, const QString& key) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row {
        QString key, value;
        bool warning = false;
        QString function;  // non-empty: the row links to this function body
    };
    struct Section {
        QString title;
        std::vector<Row> rows;
    };
    std::vector<Section> sections_;
    int node_ = -1;
};

}  // namespace wb::views
