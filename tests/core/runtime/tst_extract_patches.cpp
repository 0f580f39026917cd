// SPDX-License-Identifier: Apache-2.0
// ExtractImagePatches against patches written out by hand (VALID and SAME, rates) and
// LowerBound / UpperBound / LinSpace against hand-computed TensorFlow results.
#include <QTest>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

namespace {

ir::AttrMap patch_attrs(int64_t k, int64_t s, int64_t r, const char* padding) {
    ir::AttrList ks, ss, rs;
    ks.i = {1, k, k, 1};
    ss.i = {1, s, s, 1};
    rs.i = {1, r, r, 1};
    return {{"ksizes", ks}, {"strides", ss}, {"rates", rs}, {"padding", std::string(padding)}};
}

}  // namespace

class TstExtractPatches : public QObject {
    Q_OBJECT
private slots:
    void validSameAndDilated() {
        // 3 x 3 image 1..9, one channel.
        Graph g({constant("x", floats({1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9})),
                 node("valid", "ExtractImagePatches", {"x"}, patch_attrs(2, 1, 1, "VALID")),
                 node("same", "ExtractImagePatches", {"x"}, patch_attrs(2, 2, 1, "SAME")),
                 node("dilated", "ExtractImagePatches", {"x"}, patch_attrs(2, 1, 2, "VALID"))});
        auto out = g.run({"valid", "same", "dilated"});
        expect_values(out[0], ir::Shape{1, 2, 2, 4}, {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9});
        // SAME, stride 2: 2 x 2 outputs, padding only after (total 1): the last row/column is zero.
        expect_values(out[1], ir::Shape{1, 2, 2, 4}, {1, 2, 4, 5, 3, 0, 6, 0, 7, 8, 0, 0, 9, 0, 0, 0});
        expect_values(out[2], ir::Shape{1, 1, 1, 4}, {1, 3, 7, 9});
    }
    void boundsAndLinSpace() {
        Graph g({constant("s", floats({1, 4}, {1, 2, 2, 5})), constant("v", floats({1, 3}, {2, 0, 9})),
                 node("lo", "LowerBound", {"s", "v"}), node("up", "UpperBound", {"s", "v"}, {{"out_type", ir::DType::Int64}}),
                 constant("a", scalar_float(0.f)), constant("b", scalar_float(1.f)), constant("n", scalar_int(5)),
                 node("ls", "LinSpace", {"a", "b", "n"})});
        auto out = g.run({"lo", "up", "ls"});
        expect_values(out[0], ir::Shape{1, 3}, {1, 0, 4});
        expect_values(out[1], ir::Shape{1, 3}, {3, 0, 4});
        expect_values(out[2], ir::Shape{5}, {0, 0.25, 0.5, 0.75, 1}, 1e-7);
    }
};

QTEST_GUILESS_MAIN(TstExtractPatches)
#include "tst_extract_patches.moc"
