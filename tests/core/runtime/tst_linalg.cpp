// SPDX-License-Identifier: Apache-2.0
// Linear algebra kernels against hand-computed results and the defining identities, computed
// naively here: det by cofactors, A·X = B for the solvers, A·A⁻¹ = I, L·Lᵀ = A, P·A = L·U with
// TensorFlow's permutation encoding, U·diag(s)·Vᵀ = A with descending s.
#include <QTest>

#include <cmath>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

namespace {

// 3x3 row-major A (well conditioned) and a batch of two.
const std::vector<double> kA = {4, 1, 2, 1, 5, 3, 2, 3, 6};
ir::Tensor mat(std::vector<double> v, ir::Shape s) { return tensor<double>(ir::DType::Float64, std::move(s), std::move(v)); }

double det3(const double* m) {
    return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
}

std::vector<double> matmul(const std::vector<double>& a, const std::vector<double>& b, int n, int k, int m) {
    std::vector<double> c(static_cast<std::size_t>(n * m), 0.0);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < m; ++j)
            for (int p = 0; p < k; ++p) c[i * m + j] += a[i * k + p] * b[p * m + j];
    return c;
}

std::vector<double> values(const ir::Tensor& t) {
    std::vector<double> v;
    for (int64_t i = 0; i < t.num_elements(); ++i) v.push_back(t.value_as_double(i));
    return v;
}

}  // namespace

class TstLinalg : public QObject {
    Q_OBJECT
private slots:
    void determinantsMatchCofactors() {
        std::vector<double> batch = kA;
        const std::vector<double> b2 = {0, 2, 1, 1, 0, 0, 3, 1, 1};  // needs a row swap; det = -1
        batch.insert(batch.end(), b2.begin(), b2.end());
        Graph g({constant("a", mat(batch, {2, 3, 3})), node("det", "MatrixDeterminant", {"a"}), node("sld", "LogMatrixDeterminant", {"a"})});
        auto out = g.run({"det", "sld:0", "sld:1"});
        expect_values(out[0], ir::Shape{2}, {det3(kA.data()), det3(b2.data())}, 1e-10);
        expect_values(out[1], ir::Shape{2}, {1, -1});
        expect_values(out[2], ir::Shape{2}, {std::log(std::abs(det3(kA.data()))), std::log(std::abs(det3(b2.data())))}, 1e-10);
    }
    void solversSatisfyAxEqualsB() {
        const std::vector<double> rhs = {1, 2, 3, 4, 5, 6};  // 3 x 2
        Graph g({constant("a", mat(kA, {3, 3})), constant("b", mat(rhs, {3, 2})), node("x", "MatrixSolve", {"a", "b"}),
                 node("xt", "MatrixSolve", {"a", "b"}, {{"adjoint", true}}),
                 node("lo", "MatrixTriangularSolve", {"a", "b"}, {{"lower", true}}),
                 node("up", "MatrixTriangularSolve", {"a", "b"}, {{"lower", false}})});
        auto out = g.run({"x", "xt", "lo", "up"});
        expect_values(ir::Tensor(mat(matmul(kA, values(out[0]), 3, 3, 2), {3, 2})), ir::Shape{3, 2}, rhs, 1e-10);
        expect_values(mat(matmul(kA, values(out[1]), 3, 3, 2), {3, 2}), ir::Shape{3, 2}, rhs, 1e-10);  // A symmetric
        const std::vector<double> lower = {4, 0, 0, 1, 5, 0, 2, 3, 6}, upper = {4, 1, 2, 0, 5, 3, 0, 0, 6};
        expect_values(mat(matmul(lower, values(out[2]), 3, 3, 2), {3, 2}), ir::Shape{3, 2}, rhs, 1e-10);
        expect_values(mat(matmul(upper, values(out[3]), 3, 3, 2), {3, 2}), ir::Shape{3, 2}, rhs, 1e-10);
    }
    void inverseAndCholesky() {
        Graph g({constant("a", mat(kA, {3, 3})), node("inv", "MatrixInverse", {"a"}), node("l", "Cholesky", {"a"}),
                 constant("singular", mat({1, 2, 2, 4}, {2, 2})), node("inv_bad", "MatrixInverse", {"singular"}),
                 node("chol_bad", "Cholesky", {"singular"})});
        auto out = g.run({"inv", "l"});
        expect_values(mat(matmul(kA, values(out[0]), 3, 3, 3), {3, 3}), ir::Shape{3, 3}, {1, 0, 0, 0, 1, 0, 0, 0, 1}, 1e-12);
        const auto l = values(out[1]);
        QCOMPARE(l[1], 0.0);
        std::vector<double> lt = {l[0], l[3], l[6], l[1], l[4], l[7], l[2], l[5], l[8]};
        expect_values(mat(matmul(l, lt, 3, 3, 3), {3, 3}), ir::Shape{3, 3}, kA, 1e-12);
        QVERIFY(!g.try_run({"inv_bad"}));
        QVERIFY(!g.try_run({"chol_bad"}));
    }
    void luPacksFactorsAndPermutation() {
        const std::vector<double> a = {1, 2, 3, 4};  // pivots on row 1: P·A = [[4, ...]]
        Graph g({constant("a", mat(a, {2, 2})), node("lu", "Lu", {"a"}, {{"output_idx_type", ir::DType::Int64}})});
        auto out = g.run({"lu:0", "lu:1"});
        QCOMPARE(out[1].dtype(), ir::DType::Int64);
        expect_values(out[1], ir::Shape{2}, {1, 0});  // row p[i] of A is row i of P·A
        // L = [[1, 0], [1/3, 1]], U = [[3, 4], [0, 2 - 4/3]]
        expect_values(out[0], ir::Shape{2, 2}, {3, 4, 1.0 / 3, 2 - 4.0 / 3}, 1e-12);
    }
    void svdReconstructsWithDescendingValues() {
        const std::vector<double> a = {3, 0, 0, -2, 0, 0};  // 3 x 2: singular values 3, 2
        Graph g({constant("a", mat(a, {3, 2})), node("svd", "Svd", {"a"}, {{"compute_uv", true}, {"full_matrices", false}}),
                 node("s_only", "Svd", {"a"}, {{"compute_uv", false}})});
        auto out = g.run({"svd:0", "svd:1", "svd:2", "s_only:1"});
        expect_values(out[0], ir::Shape{2}, {3, 2}, 1e-12);
        QCOMPARE(out[1].shape(), (ir::Shape{3, 2}));
        const auto u = values(out[1]), v = values(out[2]), s = values(out[0]);
        std::vector<double> us = {u[0] * s[0], u[1] * s[1], u[2] * s[0], u[3] * s[1], u[4] * s[0], u[5] * s[1]};
        std::vector<double> vt = {v[0], v[2], v[1], v[3]};
        expect_values(mat(matmul(us, vt, 3, 2, 2), {3, 2}), ir::Shape{3, 2}, a, 1e-12);
        QCOMPARE(out[3].shape(), (ir::Shape{0}));
    }
};

QTEST_GUILESS_MAIN(TstLinalg)
#include "tst_linalg.moc"
