// SPDX-License-Identifier: Apache-2.0
// SparseTensorDenseAdd and SparseToDense against hand-computed TensorFlow results.
#include <QTest>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

class TstSparseDense : public QObject {
    Q_OBJECT
private slots:
    void sparseTensorDenseAddAccumulates() {
        Graph g({constant("idx", tensor<int64_t>(ir::DType::Int64, {3, 2}, {0, 1, 1, 0, 0, 1})), constant("v", floats({3}, {10, 20, 5})),
                 constant("shape", tensor<int64_t>(ir::DType::Int64, {2}, {2, 2})), constant("b", floats({2, 2}, {1, 2, 3, 4})),
                 node("sum", "SparseTensorDenseAdd", {"idx", "v", "shape", "b"})});
        expect_values(g.run({"sum"})[0], ir::Shape{2, 2}, {1, 17, 23, 4});
    }
    void sparseToDenseWithDefaultAndScalarValue() {
        Graph g({constant("idx", ints({2, 1}, {0, 3})), constant("shape", ints({1}, {5})), constant("v", floats({2}, {7, 8})),
                 constant("one", scalar_float(1.f)), constant("dflt", scalar_float(-1.f)),
                 node("d", "SparseToDense", {"idx", "shape", "v", "dflt"}), node("s", "SparseToDense", {"idx", "shape", "one", "dflt"}),
                 constant("far", ints({2, 1}, {0, 5})), node("bad", "SparseToDense", {"far", "shape", "v", "dflt"})});
        auto out = g.run({"d", "s"});
        expect_values(out[0], ir::Shape{5}, {7, -1, -1, 8, -1});
        expect_values(out[1], ir::Shape{5}, {1, -1, -1, 1, -1});
        QVERIFY(!g.try_run({"bad"}));
    }
};

QTEST_GUILESS_MAIN(TstSparseDense)
#include "tst_sparse_dense.moc"
