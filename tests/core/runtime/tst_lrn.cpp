// SPDX-License-Identifier: Apache-2.0
// LRN against the formula worked by hand on one pixel of three channels, plus the Print and
// Reverse pass-through forms.
#include <QTest>

#include <cmath>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

class TstLrn : public QObject {
    Q_OBJECT
private slots:
    void lrnOverNeighbouringChannels() {
        Graph g({constant("x", floats({1, 1, 1, 3}, {1, 2, 3})),
                 node("y", "LRN", {"x"}, {{"depth_radius", int64_t{1}}, {"bias", 2.f}, {"alpha", 0.5f}, {"beta", 0.75f}})});
        // squared sums over {d-1, d, d+1}: 1+4, 1+4+9, 4+9
        expect_values(g.run({"y"})[0], ir::Shape{1, 1, 1, 3},
                      {1 / std::pow(2 + 0.5 * 5, 0.75), 2 / std::pow(2 + 0.5 * 14, 0.75), 3 / std::pow(2 + 0.5 * 13, 0.75)}, 1e-6);
    }
    void printPassesThroughAndReverseFollowsTheMask() {
        ir::Tensor mask(ir::DType::Bool, ir::Shape{2});
        mask.data<uint8_t>()[1] = 1;
        Graph g({constant("x", floats({2, 3}, {1, 2, 3, 4, 5, 6})), constant("m", mask), node("p", "Print", {"x", "x"}),
                 node("r", "Reverse", {"x", "m"})});
        auto out = g.run({"p", "r"});
        expect_values(out[0], ir::Shape{2, 3}, {1, 2, 3, 4, 5, 6});
        expect_values(out[1], ir::Shape{2, 3}, {3, 2, 1, 6, 5, 4});
    }
};

QTEST_GUILESS_MAIN(TstLrn)
#include "tst_lrn.moc"
