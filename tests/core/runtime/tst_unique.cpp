// SPDX-License-Identifier: Apache-2.0
// Unique / UniqueV2 / UniqueWithCounts / ListDiff against hand-computed TensorFlow results.
#include <QTest>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

class TstUnique : public QObject {
    Q_OBJECT
private slots:
    void uniqueKeepsFirstAppearanceOrder() {
        Graph g({constant("x", ints({6}, {4, 1, 4, 2, 1, 4})), constant("axis", ints({1}, {0})),
                 node("u", "UniqueWithCounts", {"x"}, {{"out_idx", ir::DType::Int64}}), node("v2", "UniqueV2", {"x", "axis"})});
        auto out = g.run({"u:0", "u:1", "u:2", "v2:1"});
        expect_values(out[0], ir::Shape{3}, {4, 1, 2});
        QCOMPARE(out[1].dtype(), ir::DType::Int64);
        expect_values(out[1], ir::Shape{6}, {0, 1, 0, 2, 1, 0});
        expect_values(out[2], ir::Shape{3}, {3, 2, 1});
        expect_values(out[3], ir::Shape{6}, {0, 1, 0, 2, 1, 0});
    }
    void listDiffKeepsXOrder() {
        Graph g({constant("x", floats({5}, {1, 2, 3, 4, 5})), constant("y", floats({3}, {5, 1, 9})), node("d", "ListDiff", {"x", "y"})});
        auto out = g.run({"d:0", "d:1"});
        expect_values(out[0], ir::Shape{3}, {2, 3, 4});
        expect_values(out[1], ir::Shape{3}, {1, 2, 3});
    }
};

QTEST_GUILESS_MAIN(TstUnique)
#include "tst_unique.moc"
