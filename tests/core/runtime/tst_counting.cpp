// SPDX-License-Identifier: Apache-2.0
// Bincount / DenseBincount / HistogramFixedWidth against hand-computed TensorFlow results.
#include <QTest>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

class TstCounting : public QObject {
    Q_OBJECT
private slots:
    void bincountIgnoresOutOfRangeValues() {
        Graph g({constant("a", ints({5}, {1, 1, 3, 7, -1})), constant("size", scalar_int(5)),
                 constant("none", floats({0}, {})), constant("w", floats({5}, {0.5f, 0.5f, 2, 9, 9})),
                 node("counts", "Bincount", {"a", "size", "none"}), node("weighted", "Bincount", {"a", "size", "w"})});
        auto out = g.run({"counts", "weighted"});
        expect_values(out[0], ir::Shape{5}, {0, 2, 0, 1, 0});
        expect_values(out[1], ir::Shape{5}, {0, 1, 0, 2, 0});
    }
    void denseBincountRowsAndBinaryOutput() {
        Graph g({constant("a", ints({2, 3}, {1, 1, 2, 0, 0, 0})), constant("size", scalar_int(3)),
                 constant("none", ints({0}, {})),
                 node("binary", "DenseBincount", {"a", "size", "none"}, {{"binary_output", true}}),
                 node("counts", "DenseBincount", {"a", "size", "none"})});
        auto out = g.run({"binary", "counts"});
        expect_values(out[0], ir::Shape{2, 3}, {0, 1, 1, 1, 0, 0});
        expect_values(out[1], ir::Shape{2, 3}, {0, 2, 1, 3, 0, 0});
    }
    void histogramClampsToTheEdgeBins() {
        Graph g({constant("v", floats({6}, {-1, 0, 1.5f, 2, 5, 15})), constant("range", floats({2}, {0, 5})),
                 constant("nbins", scalar_int(5)), node("h", "HistogramFixedWidth", {"v", "range", "nbins"}),
                 constant("bad", floats({2}, {5, 5})), node("h_bad", "HistogramFixedWidth", {"v", "bad", "nbins"})});
        auto out = g.run({"h"})[0];
        QCOMPARE(out.dtype(), ir::DType::Int32);
        expect_values(out, ir::Shape{5}, {2, 1, 1, 0, 2});
        QVERIFY(!g.try_run({"h_bad"}));
    }
};

QTEST_GUILESS_MAIN(TstCounting)
#include "tst_counting.moc"
