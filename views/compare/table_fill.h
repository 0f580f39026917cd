// SPDX-License-Identifier: Apache-2.0
// Small helpers shared by the workflow panels' result tables (bench, quant, export).
#pragma once
#include <QHeaderView>
#include <QStringList>
#include <QTableWidget>
#include <QVariant>
#include <initializer_list>

namespace wb::views {

// A read-only, row-selecting table; numbers are stored as numbers so sorting is numeric.
inline QTableWidget* make_table(const QStringList& headers) {
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()));
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->hide();
    // Node names are long and end in what matters: the first column takes the room and elides
    // on the left; the numbers keep their width.
    t->setWordWrap(false);
    t->setTextElideMode(Qt::ElideLeft);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    t->setAlternatingRowColors(true);
    return t;
}

inline void set_cells(QTableWidget* t, int row, std::initializer_list<QVariant> values) {
    int col = 0;
    for (const QVariant& v : values) {
        auto* item = new QTableWidgetItem;
        item->setData(Qt::DisplayRole, v);
        if (v.typeId() != QMetaType::QString) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        else item->setToolTip(v.toString());  // the whole text where the column elides it
        t->setItem(row, col++, item);
    }
}

inline QString csv_field(const QString& s) {
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"'))) return s;
    return QLatin1Char('"') + QString(s).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

}  // namespace wb::views
