// SPDX-License-Identifier: Apache-2.0
// NthElement, InTopKV2 and CompareAndBitpack against hand-computed TensorFlow results.
#include <QTest>

#include <cmath>
#include <limits>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

class TstSelection : public QObject {
    Q_OBJECT
private slots:
    void nthElementAlongTheLastDimension() {
        for (auto [reverse, want] : std::vector<std::pair<bool, std::vector<double>>>{{false, {2, 20}}, {true, {4, 40}}}) {
            Graph g({constant("x", floats({2, 4}, {5, 1, 4, 2, 10, 40, 20, 50})), constant("n", scalar_int(1)),
                     node("out", "NthElement", {"x", "n"}, {{"reverse", reverse}})});
            expect_values(g.run({"out"})[0], ir::Shape{2}, want);
        }
        Graph bad({constant("x", floats({2}, {1, 2})), constant("n", scalar_int(2)), node("out", "NthElement", {"x", "n"})});
        QVERIFY(!bad.try_run({"out"}));
    }
    void inTopKCountsStrictlyHigherScores() {
        const float inf = std::numeric_limits<float>::infinity();
        for (auto [k, want] : std::vector<std::pair<int, std::vector<double>>>{{1, {1, 0, 0}}, {2, {1, 1, 0}}}) {
            Graph g({constant("p", floats({3, 4}, {0.1f, 0.8f, 0.8f, 0.3f, 0.5f, 0.2f, 0.9f, 0.1f, inf, 0, 0, 0})),
                     constant("t", ints({3}, {2, 0, 0})), constant("k", scalar_int(k)), node("out", "InTopKV2", {"p", "t", "k"})});
            auto out = g.run({"out"})[0];
            QCOMPARE(out.dtype(), ir::DType::Bool);
            expect_values(out, ir::Shape{3}, want);  // a tie counts for the target; a non-finite target score never does
        }
    }
    void compareAndBitpackMostSignificantBitFirst() {
        Graph g({constant("x", floats({2, 8}, {1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0.75f})), constant("t", scalar_float(0.5f)),
                 node("out", "CompareAndBitpack", {"x", "t"})});
        auto out = g.run({"out"})[0];
        QCOMPARE(out.dtype(), ir::DType::UInt8);
        expect_values(out, ir::Shape{2, 1}, {161, 1});
    }
};

QTEST_GUILESS_MAIN(TstSelection)
#include "tst_selection.moc"
