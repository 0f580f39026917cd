// SPDX-License-Identifier: Apache-2.0
// ReverseSequence, InvertPermutation, ParallelConcat, Empty and RaggedRange against
// hand-computed TensorFlow results.
#include <QTest>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

class TstSequence : public QObject {
    Q_OBJECT
private slots:
    void reverseSequenceReversesEachPrefix() {
        Graph g({constant("x", ints({2, 3}, {1, 2, 3, 4, 5, 6})), constant("len", ints({2}, {2, 3})),
                 node("r", "ReverseSequence", {"x", "len"}, {{"seq_dim", int64_t{1}}, {"batch_dim", int64_t{0}}}),
                 node("t", "ReverseSequence", {"x", "len2"}, {{"seq_dim", int64_t{0}}, {"batch_dim", int64_t{1}}}),
                 constant("len2", ints({3}, {0, 1, 2}))});
        expect_values(g.run({"r"})[0], ir::Shape{2, 3}, {2, 1, 3, 6, 5, 4});
        expect_values(g.run({"t"})[0], ir::Shape{2, 3}, {1, 2, 6, 4, 5, 3});
    }
    void invertPermutation() {
        Graph g({constant("p", ints({3}, {2, 0, 1})), node("inv", "InvertPermutation", {"p"}),
                 constant("bad", ints({2}, {0, 0})), node("inv_bad", "InvertPermutation", {"bad"})});
        expect_values(g.run({"inv"})[0], ir::Shape{3}, {1, 2, 0});
        QVERIFY(!g.try_run({"inv_bad"}));
    }
    void parallelConcatFillsTheShapeAttribute() {
        Graph g({constant("a", floats({1, 2}, {1, 2})), constant("b", floats({1, 2}, {3, 4})),
                 node("c", "ParallelConcat", {"a", "b"}, {{"shape", ir::Shape{2, 2}}}),
                 node("short", "ParallelConcat", {"a"}, {{"shape", ir::Shape{2, 2}}})});
        expect_values(g.run({"c"})[0], ir::Shape{2, 2}, {1, 2, 3, 4});
        QVERIFY(!g.try_run({"short"}));
    }
    void emptyIsZeros() {
        Graph g({constant("s", ints({2}, {2, 3})), node("e", "Empty", {"s"}, {{"dtype", ir::DType::Float64}})});
        auto out = g.run({"e"})[0];
        QCOMPARE(out.dtype(), ir::DType::Float64);
        expect_values(out, ir::Shape{2, 3}, {0, 0, 0, 0, 0, 0});
    }
    void raggedRangeSplitsAndValues() {
        Graph g({constant("s", ints({3}, {0, 5, 3})), constant("l", ints({3}, {3, 5, 0})), constant("d", ints({3}, {1, 1, -2})),
                 node("r", "RaggedRange", {"s", "l", "d"}, {{"Tsplits", ir::DType::Int64}}),
                 constant("fs", scalar_float(0.f)), constant("fl", scalar_float(1.f)), constant("fd", scalar_float(0.3f)),
                 node("f", "RaggedRange", {"fs", "fl", "fd"}, {{"Tsplits", ir::DType::Int32}}),
                 constant("zero", ints({3}, {0, 0, 0})), node("bad", "RaggedRange", {"s", "l", "zero"})});
        auto out = g.run({"r:0", "r:1", "f:0", "f:1"});
        expect_values(out[0], ir::Shape{4}, {0, 3, 3, 5});
        expect_values(out[1], ir::Shape{5}, {0, 1, 2, 3, 1});
        expect_values(out[2], ir::Shape{2}, {0, 4});
        expect_values(out[3], ir::Shape{4}, {0, 0.3, 0.6, 0.9}, 1e-6);
        QVERIFY(!g.try_run({"bad:1"}));
    }
};

QTEST_GUILESS_MAIN(TstSequence)
#include "tst_sequence.moc"
