// SPDX-License-Identifier: Apache-2.0
// The converter's fused ops (_FusedConv2D, FusedDepthwiseConv2dNative, _FusedMatMul) with every
// fused_ops combination tfjs accepts (spec 6.2-6.3), and the Prelu op, on both kernel paths.
// Expected = naive reference conv/matmul, then bias and the activation in double. Tolerance
// |got - ref| <= 1e-4 + 1e-4 |ref| (float32).
#include <QTest>

#include <cmath>

#include "runtime/kernels/conv/conv_kernel.h"
#include "runtime/kernels/matmul/matmul_kernels.h"
#include "runtime/reference/reference_matmul.h"
#include "tst_conv_harness.h"

using namespace wb;
using namespace wb::test;
namespace ref = wb::runtime::reference;

namespace {

// Bias + activation on a channels-last reference result; alpha per channel for Prelu.
ref::RefTensor finish(ref::RefTensor r, const ir::Tensor* bias, const std::string& act, double leaky,
                      const ir::Tensor* alpha) {
    const int64_t C = r.dims.back();
    for (int64_t i = 0; i < r.size(); ++i) {
        double v = r.v[i] + (bias ? bias->value_as_double(i % C) : 0.0);
        if (act == "Relu") v = std::max(v, 0.0);
        else if (act == "Relu6") v = std::min(std::max(v, 0.0), 6.0);
        else if (act == "Elu") v = v > 0 ? v : std::expm1(v);
        else if (act == "LeakyRelu") v = v > 0 ? v : leaky * v;
        else if (act == "Sigmoid") v = 1.0 / (1.0 + std::exp(-v));
        else if (act == "Prelu") v = v > 0 ? v : alpha->value_as_double(i % alpha->num_elements()) * v;
        r.v[i] = v;
    }
    return r;
}

struct Combo {
    const char* extra;  // BiasAdd or NoOp
    const char* act;    // "" = none
};
const std::vector<Combo>& combos() {
    static const std::vector<Combo> c = {
        {"BiasAdd", ""},      {"BiasAdd", "Relu"},      {"BiasAdd", "Relu6"},   {"BiasAdd", "Elu"},
        {"BiasAdd", "LeakyRelu"}, {"BiasAdd", "Sigmoid"}, {"BiasAdd", "Prelu"}, {"NoOp", "Relu"},
        {"NoOp", "Relu6"},    {"NoOp", "Elu"},          {"NoOp", "Prelu"},
    };
    return c;
}

}  // namespace

class TestFused : public QObject {
    Q_OBJECT
    runtime::KernelRegistry registry;

private slots:
    void initTestCase() {
        runtime::register_conv_kernels(registry);
        runtime::register_matmul_kernels(registry);
    }

    void fused_data() {
        QTest::addColumn<QString>("op");
        QTest::addColumn<int>("combo");
        QTest::addColumn<QString>("path");
        for (const char* path : kernel_paths())
            for (const char* op : {"_FusedConv2D", "FusedDepthwiseConv2dNative", "_FusedMatMul"})
                for (size_t i = 0; i < combos().size(); ++i) {
                    const Combo& c = combos()[i];
                    const QString name = QString("%1/%2+%3/%4").arg(op, c.extra, *c.act ? c.act : "none", path);
                    QTest::newRow(qPrintable(name)) << QString(op) << int(i) << QString(path);
                }
    }
    void fused() {
        QFETCH(QString, op);
        QFETCH(int, combo);
        QFETCH(QString, path);
        select_path(qPrintable(path));
        const Combo& c = combos()[combo];
        const std::string act = c.act;
        const bool bias = std::string(c.extra) == "BiasAdd";
        ir::Node node;
        node.name = "fused";
        node.op = op.toStdString();
        std::vector<std::string> ops{c.extra};
        if (!act.empty()) ops.push_back(act);
        node.attrs["fused_ops"] = strings_attr(ops);
        node.attrs["num_args"] = int64_t((bias ? 1 : 0) + (act == "Prelu" ? 1 : 0));
        node.attrs["leakyrelu_alpha"] = 0.3f;
        ir::Tensor x, w;
        ref::RefTensor raw;
        int64_t channels = 0;
        if (op == "_FusedMatMul") {
            x = random_tensor(ir::Shape{13, 127}, 41);
            w = random_tensor(ir::Shape{127, 33}, 42);
            raw = ref::batch_matmul(ref::from_tensor(x), ref::from_tensor(w), false, false);
            channels = 33;
        } else {
            const bool dw = op == "FusedDepthwiseConv2dNative";
            node.attrs["strides"] = ints_attr({1, 2, 2, 1});
            node.attrs["padding"] = std::string("SAME");
            x = random_tensor(ir::Shape{1, 13, 13, dw ? 32 : 16}, 43);
            w = random_tensor(dw ? ir::Shape{3, 3, 32, 1} : ir::Shape{3, 3, 16, 24}, 44);
            const ref::WindowSpec spec{{2, 2}, {1, 1}, "SAME", {}, {}};
            raw = dw ? ref::depthwise_conv2d(ref::from_tensor(x), ref::from_tensor(w), spec)
                     : ref::conv(ref::from_tensor(x), ref::from_tensor(w), spec);
            channels = dw ? 32 : 24;
        }
        // Large enough to push values past 6 and below 0, so every activation branch is used.
        ir::Tensor b = random_tensor(ir::Shape{channels}, 45);
        for (int64_t i = 0; i < channels; ++i) b.data<float>()[i] *= 8.f;
        const ir::Tensor alpha = random_tensor(ir::Shape{channels}, 46);
        std::vector<ir::Tensor> inputs{x, w};
        if (bias) inputs.push_back(b);
        if (act == "Prelu") inputs.push_back(alpha);
        const auto want = finish(raw, bias ? &b : nullptr, act, 0.3, &alpha);
        for (int threads : {1, 2}) {
            auto got = run_node(registry, node, inputs, {false, true, true, true}, threads);
            QVERIFY2(got.ok(), got.ok() ? "" : got.error().what().c_str());
            const QString diff = compare(*got, want, 1e-4, 1e-4);
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
        }
    }

    void prelu_op_data() {
        QTest::addColumn<QList<qlonglong>>("alpha");
        QTest::newRow("per_channel") << QList<qlonglong>{127};
        QTest::newRow("keras_hwc") << QList<qlonglong>{13, 11, 127};
        QTest::newRow("shared_hw") << QList<qlonglong>{1, 1, 127};
        QTest::newRow("shared_w") << QList<qlonglong>{13, 1, 127};
        QTest::newRow("scalar") << QList<qlonglong>{1};
    }
    void prelu_op() {
        QFETCH(QList<qlonglong>, alpha);
        const ir::Tensor x = random_tensor(ir::Shape{2, 13, 11, 127}, 51);
        const ir::Tensor a = random_tensor(ir::Shape(std::vector<int64_t>(alpha.begin(), alpha.end())), 52);
        ir::Node node;
        node.name = "prelu";
        node.op = "Prelu";
        // Expected via NumPy broadcasting written out: alpha right-aligned against [2,13,11,127].
        ref::RefTensor want = ref::from_tensor(x);
        const std::vector<int64_t> xd{2, 13, 11, 127};
        const auto& ad = a.shape().dims;
        for (int64_t i = 0; i < x.num_elements(); ++i) {
            int64_t rem = i, ai = 0, mul = 1;
            for (int d = 3; d >= 0; --d) {
                const int64_t idx = rem % xd[d];
                rem /= xd[d];
                const int k = d - (4 - static_cast<int>(ad.size()));
                if (k >= 0) {
                    ai += (ad[k] == 1 ? 0 : idx) * mul;
                    mul *= ad[k];
                }
            }
            if (want.v[i] < 0) want.v[i] *= a.value_as_double(ai);
        }
        auto got = run_node(registry, node, {x, a}, {false, true});
        QVERIFY2(got.ok(), got.ok() ? "" : got.error().what().c_str());
        const QString diff = compare(*got, want, 1e-6, 1e-6);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void rejected_combinations() {
        ir::Node node;
        node.name = "bad";
        node.op = "_FusedConv2D";
        node.attrs["strides"] = ints_attr({1, 1, 1, 1});
        node.attrs["padding"] = std::string("VALID");
        const std::vector<ir::Tensor> in{random_tensor(ir::Shape{1, 3, 3, 2}, 1), random_tensor(ir::Shape{1, 1, 2, 2}, 2),
                                         random_tensor(ir::Shape{2}, 3), random_tensor(ir::Shape{2}, 3),
                                         random_tensor(ir::Shape{2}, 3), random_tensor(ir::Shape{2}, 3)};
        node.attrs["fused_ops"] = strings_attr({"FusedBatchNorm"});
        node.attrs["num_args"] = int64_t(4);
        auto got = run_node(registry, node, in, {});
        QVERIFY(!got.ok());
        QVERIFY(got.error().what().find("FusedBatchNorm is not supported") != std::string::npos);
        node.attrs["fused_ops"] = strings_attr({"BiasAdd", "Relu"});
        node.attrs["num_args"] = int64_t(2);  // BiasAdd needs num_args == 1
        got = run_node(registry, node, {in[0], in[1], in[2], in[3]}, {});
        QVERIFY(!got.ok());
        QVERIFY(got.error().what().find("num_args") != std::string::npos);
        node.attrs["fused_ops"] = strings_attr({"BiasAdd", "Tanh"});
        node.attrs["num_args"] = int64_t(1);
        got = run_node(registry, node, {in[0], in[1], in[2]}, {});
        QVERIFY(!got.ok());
        QVERIFY(got.error().what().find("Tanh") != std::string::npos);
        node.attrs["fused_ops"] = strings_attr({"BiasAdd"});
        got = run_node(registry, node, {in[0], in[1], random_tensor(ir::Shape{5}, 3)}, {});
        QVERIFY(!got.ok());  // bias length differs from the channel count
    }
};

QTEST_GUILESS_MAIN(TestFused)
#include "tst_fused.moc"
