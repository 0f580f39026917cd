// SPDX-License-Identifier: Apache-2.0
// MatMul / BatchMatMul / BatchMatMulV2 / BatchMatMulV3 / Einsum against the naive reference.
// Fixed-seed uniform[-1,1) inputs; tolerance |got - ref| <= 1e-4 + 1e-4 |ref| for float32
// (K <= 300 products), 1e-10 for float64.
#include <QTest>

#include "runtime/kernels/matmul/matmul_kernels.h"
#include "runtime/reference/reference_matmul.h"
#include "tst_conv_harness.h"

using namespace wb;
using namespace wb::test;
namespace ref = wb::runtime::reference;

class TestMatmul : public QObject {
    Q_OBJECT
    runtime::KernelRegistry registry;

    void check(const ir::Node& node, std::vector<ir::Tensor> inputs, const ref::RefTensor& want, double tol) {
        for (int threads : {1, 2}) {
            auto got = run_node(registry, node, inputs, {}, threads);
            QVERIFY2(got.ok(), got.ok() ? "" : got.error().what().c_str());
            const QString diff = compare(*got, want, tol, tol);
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
        }
    }

private slots:
    void initTestCase() { runtime::register_matmul_kernels(registry); }

    void matmul_data() {
        QTest::addColumn<int>("M");
        QTest::addColumn<int>("K");
        QTest::addColumn<int>("N");
        QTest::addColumn<bool>("ta");
        QTest::addColumn<bool>("tb");
        QTest::addColumn<bool>("f64");
        QTest::newRow("1x1x1") << 1 << 1 << 1 << false << false << false;
        QTest::newRow("1x127x13") << 1 << 127 << 13 << false << false << false;
        QTest::newRow("13x127x1_ta") << 13 << 127 << 1 << true << false << false;
        QTest::newRow("127x13x127_tb") << 127 << 13 << 127 << false << true << false;
        QTest::newRow("64x300x96_ta_tb") << 64 << 300 << 96 << true << true << false;
        QTest::newRow("3x1000_dense") << 3 << 256 << 1000 << false << false << false;
        QTest::newRow("f64_13x127x13") << 13 << 127 << 13 << false << true << true;
    }
    void matmul() {
        QFETCH(int, M);
        QFETCH(int, K);
        QFETCH(int, N);
        QFETCH(bool, ta);
        QFETCH(bool, tb);
        QFETCH(bool, f64);
        const ir::DType dt = f64 ? ir::DType::Float64 : ir::DType::Float32;
        const ir::Tensor a = random_tensor(ta ? ir::Shape{K, M} : ir::Shape{M, K}, 11, dt);
        const ir::Tensor b = random_tensor(tb ? ir::Shape{N, K} : ir::Shape{K, N}, 12, dt);
        ir::Node node;
        node.name = "mm";
        node.op = "MatMul";
        node.attrs["transpose_a"] = ta;
        node.attrs["transpose_b"] = tb;
        check(node, {a, b}, ref::batch_matmul(ref::from_tensor(a), ref::from_tensor(b), ta, tb), f64 ? 1e-10 : 1e-4);
    }

    void batch_matmul_data() {
        QTest::addColumn<QString>("op");
        QTest::addColumn<QList<qlonglong>>("a");
        QTest::addColumn<QList<qlonglong>>("b");
        QTest::addColumn<bool>("adj_x");
        QTest::addColumn<bool>("adj_y");
        QTest::newRow("v1_equal") << "BatchMatMul" << QList<qlonglong>{3, 13, 7} << QList<qlonglong>{3, 7, 5} << false << false;
        QTest::newRow("v2_broadcast_rank") << "BatchMatMulV2" << QList<qlonglong>{2, 3, 13, 7} << QList<qlonglong>{7, 127} << false << false;
        QTest::newRow("v2_broadcast_ones") << "BatchMatMulV2" << QList<qlonglong>{2, 1, 5, 7} << QList<qlonglong>{1, 3, 5, 4} << true << false;
        QTest::newRow("v2_adj_y") << "BatchMatMulV2" << QList<qlonglong>{4, 1, 13} << QList<qlonglong>{4, 127, 13} << false << true;
        QTest::newRow("v3_attention") << "BatchMatMulV3" << QList<qlonglong>{2, 4, 13, 16} << QList<qlonglong>{2, 4, 13, 16} << false << true;
        QTest::newRow("v2_big_batch1") << "BatchMatMulV2" << QList<qlonglong>{1, 127, 64} << QList<qlonglong>{1, 64, 127} << false << false;
    }
    void batch_matmul() {
        QFETCH(QString, op);
        QFETCH(QList<qlonglong>, a);
        QFETCH(QList<qlonglong>, b);
        QFETCH(bool, adj_x);
        QFETCH(bool, adj_y);
        const ir::Tensor ta = random_tensor(ir::Shape(std::vector<int64_t>(a.begin(), a.end())), 21);
        const ir::Tensor tb = random_tensor(ir::Shape(std::vector<int64_t>(b.begin(), b.end())), 22);
        ir::Node node;
        node.name = "bmm";
        node.op = op.toStdString();
        node.attrs["adj_x"] = adj_x;
        node.attrs["adj_y"] = adj_y;
        check(node, {ta, tb}, ref::batch_matmul(ref::from_tensor(ta), ref::from_tensor(tb), adj_x, adj_y), 1e-4);
    }

    void einsum_data() {
        QTest::addColumn<QString>("equation");
        QTest::addColumn<QList<QList<qlonglong>>>("shapes");
        using S = QList<QList<qlonglong>>;
        QTest::newRow("matmul") << "ij,jk->ik" << S{{13, 7}, {7, 127}};
        QTest::newRow("batched") << "bij,bjk->bik" << S{{3, 13, 7}, {3, 7, 5}};
        QTest::newRow("attention_scores") << "bqhd,bkhd->bhqk" << S{{2, 13, 3, 8}, {2, 11, 3, 8}};
        QTest::newRow("attention_values") << "bhqk,bkhd->bqhd" << S{{2, 3, 13, 11}, {2, 11, 3, 8}};
        QTest::newRow("dense_3d") << "abc,cd->abd" << S{{2, 13, 127}, {127, 5}};
        QTest::newRow("outer") << "i,j->ij" << S{{13}, {7}};
        QTest::newRow("matvec") << "ij,j->i" << S{{13, 127}, {127}};
        QTest::newRow("hadamard") << "ij,ij->ij" << S{{13, 7}, {13, 7}};
        QTest::newRow("sum_one_side") << "ij,jk->k" << S{{5, 7}, {7, 3}};
        QTest::newRow("broadcast_batch") << "bij,bjk->bik" << S{{1, 4, 5}, {3, 5, 2}};
        QTest::newRow("transpose") << "ij->ji" << S{{13, 7}};
        QTest::newRow("reduce") << "ijk->ik" << S{{4, 13, 5}};
        QTest::newRow("spaces") << "ij, jk -> ik" << S{{1, 1}, {1, 1}};
    }
    void einsum() {
        QFETCH(QString, equation);
        QFETCH(QList<QList<qlonglong>>, shapes);
        std::vector<ir::Tensor> inputs;
        std::vector<ref::RefTensor> refs;
        for (int i = 0; i < shapes.size(); ++i) {
            inputs.push_back(random_tensor(ir::Shape(std::vector<int64_t>(shapes[i].begin(), shapes[i].end())), 31 + i));
            refs.push_back(ref::from_tensor(inputs.back()));
        }
        ir::Node node;
        node.name = "einsum";
        node.op = "Einsum";
        node.attrs["equation"] = equation.toStdString();
        std::string eq = equation.toStdString();
        eq.erase(std::remove(eq.begin(), eq.end(), ' '), eq.end());
        check(node, inputs, ref::einsum(eq, refs), 1e-4);
    }

    void bad_inputs_fail_cleanly() {
        ir::Node node;
        node.name = "mm";
        node.op = "MatMul";
        auto got = run_node(registry, node, {random_tensor(ir::Shape{2, 3}, 1), random_tensor(ir::Shape{4, 5}, 2)}, {});
        QVERIFY(!got.ok());
        QVERIFY(got.error().what().find("inner dimensions") != std::string::npos);
        node.op = "BatchMatMulV2";
        got = run_node(registry, node, {random_tensor(ir::Shape{2, 2, 3}, 1), random_tensor(ir::Shape{3, 3, 5}, 2)}, {});
        QVERIFY(!got.ok());
        node.op = "Einsum";
        for (const char* eq : {"ii->i", "...ij,jk->...ik", "ij,jk", "ij,jk->iz"}) {
            node.attrs["equation"] = std::string(eq);
            got = run_node(registry, node, {random_tensor(ir::Shape{3, 3}, 1), random_tensor(ir::Shape{3, 3}, 2)}, {});
            QVERIFY2(!got.ok(), eq);
        }
    }
};

QTEST_GUILESS_MAIN(TestMatmul)
#include "tst_matmul.moc"
