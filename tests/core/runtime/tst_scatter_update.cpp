// SPDX-License-Identifier: Apache-2.0
// Assign / Scatter* / ScatterNd* / TensorScatter* as value updates, against hand-computed
// TensorFlow results: repeated indices accumulate, the input variable is left unchanged,
// out-of-range indices and mismatched updates are errors naming the node.
#include <QTest>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

namespace {

Graph scatter(const std::string& op, ir::Tensor indices, ir::Tensor updates) {
    return Graph({constant("var", floats({3, 2}, {1, 2, 3, 4, 5, 6})), constant("idx", std::move(indices)),
                  constant("upd", std::move(updates)), node("out", op, {"var", "idx", "upd"})});
}

}  // namespace

class TstScatterUpdate : public QObject {
    Q_OBJECT
private slots:
    void assignReturnsTheNewValue() {
        Graph g({constant("var", floats({2}, {1, 2})), constant("v", floats({2}, {5, 7})), node("a", "Assign", {"var", "v"}),
                 node("add", "AssignAdd", {"var", "v"}), node("sub", "AssignSub", {"var", "v"}),
                 constant("w", floats({3}, {1, 2, 3})), node("bad", "Assign", {"var", "w"})});
        auto out = g.run({"a", "add", "sub", "var"});
        expect_values(out[0], ir::Shape{2}, {5, 7});
        expect_values(out[1], ir::Shape{2}, {6, 9});
        expect_values(out[2], ir::Shape{2}, {-4, -5});
        expect_values(out[3], ir::Shape{2}, {1, 2});
        QVERIFY(!g.try_run({"bad"}));
    }
    void scatterAlongTheFirstDimension() {
        const auto idx = ints({3}, {2, 0, 2});
        const auto upd = floats({3, 2}, {10, 10, 2, 2, 1, 1});
        const std::vector<std::pair<std::string, std::vector<double>>> cases = {
            {"ScatterAdd", {3, 4, 3, 4, 16, 17}}, {"ScatterSub", {-1, 0, 3, 4, -6, -5}},
            {"ScatterMul", {2, 4, 3, 4, 50, 60}}, {"ScatterMax", {2, 2, 3, 4, 10, 10}},
            {"ScatterMin", {1, 2, 3, 4, 1, 1}}, {"ScatterUpdate", {2, 2, 3, 4, 1, 1}}};
        for (const auto& [op, want] : cases) expect_values(scatter(op, idx, upd).run({"out"})[0], ir::Shape{3, 2}, want);
        expect_values(scatter("ScatterDiv", ints({1}, {1}), floats({1, 2}, {2, 8})).run({"out"})[0], ir::Shape{3, 2}, {1, 2, 1.5, 0.5, 5, 6});
        expect_values(scatter("ScatterAdd", ints({0}, {}), floats({0, 2}, {})).run({"out"})[0], ir::Shape{3, 2}, {1, 2, 3, 4, 5, 6});
    }
    void scatterNdTakesIndexTuples() {
        // Element (1, 0) and row 2.
        expect_values(scatter("ScatterNdAdd", ints({2, 2}, {1, 0, 1, 0}), floats({2}, {10, 20})).run({"out"})[0], ir::Shape{3, 2},
                      {1, 2, 33, 4, 5, 6});
        expect_values(scatter("TensorScatterUpdate", ints({1, 1}, {2}), floats({1, 2}, {-1, -2})).run({"out"})[0], ir::Shape{3, 2},
                      {1, 2, 3, 4, -1, -2});
        expect_values(scatter("ScatterNdSub", ints({1, 1}, {0}), floats({1, 2}, {1, 1})).run({"out"})[0], ir::Shape{3, 2},
                      {0, 1, 3, 4, 5, 6});
    }
    void badIndicesAreErrors() {
        auto out = scatter("ScatterNdUpdate", ints({1, 2}, {3, 0}), floats({1}, {1})).try_run({"out"});
        QVERIFY(!out);
        QVERIFY2(out.error().what().find("node 'out'") != std::string::npos, out.error().what().c_str());
        QVERIFY(!scatter("ScatterAdd", ints({2}, {0, 1}), floats({1, 2}, {1, 1})).try_run({"out"}));
    }
};

QTEST_GUILESS_MAIN(TstScatterUpdate)
#include "tst_scatter_update.moc"
