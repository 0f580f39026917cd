// SPDX-License-Identifier: Apache-2.0
// MaxPool / MaxPoolV2 / AvgPool / MaxPool3D / AvgPool3D against the naive reference.
// Fixed-seed uniform[-1,1) inputs; tolerance 1e-6 absolute + relative for float32 (a max is
// exact, an average sums at most 27 values), 1e-12 for float64.
#include <QTest>

#include "runtime/kernels/pool/pool_kernels.h"
#include "tst_conv_harness.h"

using namespace wb;
using namespace wb::test;
namespace ref = wb::runtime::reference;

namespace {

struct PoolCase {
    const char* name;
    const char* op;
    std::vector<int64_t> x, ksize, strides;  // channels-last input; spatial ksize/strides
    const char* padding;
    ir::DType dtype = ir::DType::Float32;
    bool nchw = false;
};

const std::vector<PoolCase>& cases() {
    using D = ir::DType;
    static const std::vector<PoolCase> c = {
        {"max_2x2_s2_valid", "MaxPool", {1, 13, 13, 127}, {2, 2}, {2, 2}, "VALID"},
        {"max_3x3_s2_same", "MaxPool", {2, 13, 13, 5}, {3, 3}, {2, 2}, "SAME"},
        {"max_3x1_s1_same", "MaxPool", {1, 1, 127, 3}, {1, 3}, {1, 1}, "SAME"},
        {"avg_3x3_s1_same", "AvgPool", {2, 13, 11, 7}, {3, 3}, {1, 1}, "SAME"},
        {"avg_2x3_s2_valid", "AvgPool", {1, 13, 13, 1}, {2, 3}, {2, 2}, "VALID"},
        {"avg_global_7x7", "AvgPool", {1, 7, 7, 127}, {7, 7}, {1, 1}, "VALID"},
        {"avg_1x1", "AvgPool", {1, 1, 1, 1}, {1, 1}, {1, 1}, "VALID"},
        {"avg_float64_same", "AvgPool", {1, 9, 9, 4}, {3, 3}, {2, 2}, "SAME", D::Float64},
        {"max_float16", "MaxPool", {1, 6, 6, 3}, {2, 2}, {2, 2}, "VALID", D::Float16},
        {"max_nchw", "MaxPool", {1, 9, 7, 3}, {3, 3}, {2, 2}, "SAME", D::Float32, true},
        {"maxv2_same", "MaxPoolV2", {1, 13, 13, 4}, {3, 2}, {2, 1}, "SAME"},
        {"max3d_same", "MaxPool3D", {1, 5, 6, 7, 3}, {2, 3, 3}, {2, 2, 1}, "SAME"},
        {"avg3d_valid", "AvgPool3D", {2, 5, 5, 5, 2}, {3, 3, 3}, {1, 2, 2}, "VALID"},
        {"avg3d_same", "AvgPool3D", {1, 4, 5, 6, 3}, {2, 2, 3}, {2, 2, 2}, "SAME"},
        {"max_int32", "MaxPool", {1, 7, 7, 3}, {3, 3}, {2, 2}, "SAME", D::Int32},
    };
    return c;
}

std::vector<int64_t> full(const std::vector<int64_t>& s, bool nchw) {
    std::vector<int64_t> v{1};
    if (nchw) v.push_back(1);
    v.insert(v.end(), s.begin(), s.end());
    if (!nchw) v.push_back(1);
    return v;
}

}  // namespace

class TestPool : public QObject {
    Q_OBJECT
    runtime::KernelRegistry registry;

private slots:
    void initTestCase() { runtime::register_pool_kernels(registry); }

    void forward_data() {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < cases().size(); ++i) QTest::newRow(cases()[i].name) << int(i);
    }
    void forward() {
        QFETCH(int, index);
        const PoolCase& c = cases()[index];
        ir::Node node;
        node.name = c.name;
        node.op = c.op;
        node.attrs["padding"] = std::string(c.padding);
        if (c.nchw) node.attrs["data_format"] = std::string("NCHW");
        const bool v2 = std::string(c.op) == "MaxPoolV2";
        if (!v2) {
            node.attrs["ksize"] = ints_attr(full(c.ksize, c.nchw));
            node.attrs["strides"] = ints_attr(full(c.strides, c.nchw));
        }
        const ir::Tensor x = random_tensor(ir::Shape(c.x), 300 + index, c.dtype);
        const bool max = std::string(c.op).starts_with("Max");
        auto want = ref::pool(ref::from_tensor(x), c.ksize, {c.strides, {}, c.padding, {}, {}}, max);
        ir::Tensor input = x;
        if (c.nchw) {  // NHWC [1,H,W,C] -> NCHW, and the expected result likewise
            const int64_t H = c.x[1], W = c.x[2], C = c.x[3];
            input = ir::Tensor(c.dtype, ir::Shape{1, C, H, W});
            for (int64_t p = 0; p < H * W; ++p)
                for (int64_t ch = 0; ch < C; ++ch) input.data<float>()[ch * H * W + p] = x.data<float>()[p * C + ch];
            ref::RefTensor t{{1, C, want.dims[1], want.dims[2]}, std::vector<double>(want.v.size())};
            const int64_t P = want.dims[1] * want.dims[2];
            for (int64_t p = 0; p < P; ++p)
                for (int64_t ch = 0; ch < C; ++ch) t.v[ch * P + p] = want.v[p * C + ch];
            want = t;
        }
        std::vector<ir::Tensor> inputs{input};
        if (v2) {
            inputs.push_back(int_tensor({1, int32_t(c.ksize[0]), int32_t(c.ksize[1]), 1}));
            inputs.push_back(int_tensor({1, int32_t(c.strides[0]), int32_t(c.strides[1]), 1}));
        }
        const double tol = c.dtype == ir::DType::Float64 ? 1e-12 : c.dtype == ir::DType::Float32 ? 1e-6 : 1e-2;
        for (int threads : {1, 2}) {
            auto got = run_node(registry, node, inputs, {}, threads);
            QVERIFY2(got.ok(), got.ok() ? "" : got.error().what().c_str());
            const QString diff = compare(*got, want, tol, tol);
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
        }
    }

    void max_pool_with_argmax_data() {
        QTest::addColumn<QString>("padding");
        QTest::addColumn<bool>("include_batch");
        QTest::addColumn<int>("index_type");
        QTest::addColumn<int>("dtype");
        QTest::newRow("same_int64") << "SAME" << false << int(ir::DType::Int64) << int(ir::DType::Float32);
        QTest::newRow("valid_batch_int32") << "VALID" << true << int(ir::DType::Int32) << int(ir::DType::Float64);
        QTest::newRow("same_batch_int64") << "SAME" << true << int(ir::DType::Int64) << int(ir::DType::Float32);
        QTest::newRow("int32_values") << "SAME" << false << int(ir::DType::Int64) << int(ir::DType::Int32);
    }
    void max_pool_with_argmax() {
        QFETCH(QString, padding);
        QFETCH(bool, include_batch);
        QFETCH(int, index_type);
        QFETCH(int, dtype);
        const ir::Tensor x = random_tensor(ir::Shape{2, 13, 11, 3}, 71, static_cast<ir::DType>(dtype));
        ir::Node node;
        node.name = "argmax";
        node.op = "MaxPoolWithArgmax";
        node.attrs["ksize"] = ints_attr({1, 3, 3, 1});
        node.attrs["strides"] = ints_attr({1, 2, 2, 1});
        node.attrs["padding"] = padding.toStdString();
        node.attrs["Targmax"] = static_cast<ir::DType>(index_type);
        node.attrs["include_batch_in_index"] = include_batch;
        ref::RefTensor want_idx;
        const auto want = ref::max_pool_argmax(ref::from_tensor(x), {3, 3}, {{2, 2}, {}, padding.toStdString(), {}, {}},
                                               include_batch, want_idx);
        auto got = run_node_outputs(registry, node, {x}, {});
        QVERIFY2(got.ok(), got.ok() ? "" : got.error().what().c_str());
        QCOMPARE(got->size(), size_t(2));
        QCOMPARE(int((*got)[1].dtype()), index_type);
        QString diff = compare((*got)[0], want, 0, 0);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        diff = compare((*got)[1], want_idx, 0, 0);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void bad_inputs_fail_cleanly() {
        ir::Node node;
        node.name = "p";
        node.op = "MaxPool";
        node.attrs["padding"] = std::string("VALID");
        node.attrs["ksize"] = ints_attr({1, 5, 5, 1});
        node.attrs["strides"] = ints_attr({1, 1, 1, 1});
        auto got = run_node(registry, node, {random_tensor(ir::Shape{1, 3, 3, 2}, 1)}, {});
        QVERIFY(!got.ok());  // window larger than the input
        node.attrs["ksize"] = ints_attr({1, 0, 2, 1});
        got = run_node(registry, node, {random_tensor(ir::Shape{1, 3, 3, 2}, 1)}, {});
        QVERIFY(!got.ok());
        node.attrs["ksize"] = ints_attr({1, 2, 1});
        got = run_node(registry, node, {random_tensor(ir::Shape{1, 3, 3, 2}, 1)}, {});
        QVERIFY(!got.ok());
        QVERIFY(got.error().what().find("ksize") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestPool)
#include "tst_pool.moc"
