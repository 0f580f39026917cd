// SPDX-License-Identifier: Apache-2.0
// The conv → depthwise pair the session runs band by band (kernels/conv/expand_depthwise.h):
// a 1×1 (or 3×3 stem) _FusedConv2D feeding a 3×3 FusedDepthwiseConv2dNative, through a Session,
// against the naive reference convolutions with bias and activation in double. Sizes cover several bands
// per thread (rows carried between bands), stride 1 and 2, SAME (even and odd sizes) and VALID,
// a batch of two, and an image too small to be worth pairing (the two kernels run as they are).
#include <QTest>

#include <algorithm>

#include "graph_builder.h"
#include "runtime/executor/linear_schedule.h"
#include "runtime/kernels/conv/expand_depthwise.h"
#include "tst_conv_harness.h"

using namespace wb;
using namespace wb::test;
namespace ref = wb::runtime::reference;

namespace {

ref::RefTensor bias_act(ref::RefTensor r, const ir::Tensor& bias, const std::string& act) {
    const int64_t C = r.dims.back();
    for (int64_t i = 0; i < r.size(); ++i) {
        double v = r.v[i] + bias.value_as_double(i % C);
        if (act == "Relu") v = std::max(v, 0.0);
        if (act == "Relu6") v = std::clamp(v, 0.0, 6.0);
        r.v[i] = v;
    }
    return r;
}

ir::Node fused(const std::string& name, const std::string& op, std::vector<std::string> in, int64_t stride,
               const std::string& padding, const std::string& act) {
    std::vector<std::string> ops{"BiasAdd"};
    if (!act.empty()) ops.push_back(act);
    return node(name, op, std::move(in),
                {{"T", ir::DType::Float32}, {"strides", ints_attr({1, stride, stride, 1})}, {"padding", padding},
                 {"data_format", "NHWC"}, {"dilations", ints_attr({1, 1, 1, 1})}, {"fused_ops", strings_attr(ops)},
                 {"num_args", int64_t{1}}});
}

}  // namespace

class TestExpandDepthwise : public QObject {
    Q_OBJECT

private slots:
    void pair_data() {
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("stride");
        QTest::addColumn<QString>("padding");
        QTest::newRow("s1 same, bands") << 1 << 40 << 36 << 1 << QString("SAME");
        QTest::newRow("s2 same even") << 1 << 40 << 36 << 2 << QString("SAME");
        QTest::newRow("s2 same odd") << 1 << 41 << 37 << 2 << QString("SAME");
        QTest::newRow("s1 valid") << 1 << 40 << 36 << 1 << QString("VALID");
        QTest::newRow("s2 valid odd") << 1 << 43 << 36 << 2 << QString("VALID");
        QTest::newRow("batch 2") << 2 << 38 << 40 << 2 << QString("SAME");
        QTest::newRow("small image, apart") << 1 << 9 << 7 << 1 << QString("SAME");
        // Keras' ZeroPadding2D(((0, 1), (0, 1))) before a stride-2 'valid' depthwise conv,
        // folded into explicit_paddings by passes/fold_pad_into_conv.
        QTest::newRow("s2 explicit (0,1)") << 1 << 40 << 36 << 2 << QString("EXPLICIT");
        QTest::newRow("s1 explicit (1,1)") << 1 << 40 << 36 << 1 << QString("EXPLICIT");
    }
    void pair() {
        QFETCH(int, batch);
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(int, stride);
        QFETCH(QString, padding);
        const int64_t C = 8, E = 192;
        const ir::Tensor x = random_tensor({batch, height, width, C}, 1);
        const ir::Tensor wa = random_tensor({1, 1, C, E}, 2), ba = random_tensor({E}, 3);
        const ir::Tensor wb = random_tensor({3, 3, E, 1}, 4), bb = random_tensor({E}, 5);
        const std::string pad = padding.toStdString();
        ir::Node dw = fused("dw", "FusedDepthwiseConv2dNative", {"expand", "wb", "bb"}, stride, pad, "Relu");
        ref::WindowSpec window{{stride, stride}, {1, 1}, pad, {}, {}};
        if (pad == "EXPLICIT") {
            const int64_t before = stride == 2 ? 0 : 1;
            dw.attrs["explicit_paddings"] = ints_attr({0, 0, before, 1, before, 1, 0, 0});
            window.pad_before = {before, before};
            window.pad_after = {1, 1};
        }
        Graph g({node("x", "Placeholder", {}, {{"dtype", ir::DType::Float32}}), constant("wa", wa), constant("ba", ba),
                 constant("wb", wb), constant("bb", bb),
                 fused("expand", "_FusedConv2D", {"x", "wa", "ba"}, 1, "VALID", "Relu6"), dw});
        ref::WindowSpec one{{1, 1}, {1, 1}, "VALID", {}, {}};
        auto e = bias_act(ref::conv(ref::from_tensor(x), ref::from_tensor(wa), one), ba, "Relu6");
        auto want = bias_act(ref::depthwise_conv2d(e, ref::from_tensor(wb), window), bb, "Relu");

        auto session = runtime::Session::create(g.model, runtime::SessionOptions{2, true});
        QVERIFY(session);
        for (int run = 0; run < 3; ++run) {  // later runs: cached bands, primitives and memory plan
            auto out = (*session)->run({{"x", x}}, {"dw"});
            QVERIFY2(out, out ? "" : out.error().what().c_str());
            const QString diff = compare((*out)[0], want, 1e-4, 1e-4);
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
        }
        // Paired (oneDNN on, the linear executor), the expand node does not run on its own: it
        // is part of the depthwise step.
        bool expand_alone = false;
        for (const auto& t : (*session)->last_stats().node_times) expand_alone |= t.node == "expand";
        QCOMPARE(expand_alone, !(runtime::conv::block_fusion_enabled() && runtime::linear_executor_enabled()));
    }

    // The first conv may be any conv (MobileNet's stem: 3×3, stride 2): its input rows per band
    // come with the padding they need.
    void stem_pair_data() {
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("a_stride");
        QTest::addColumn<QString>("a_padding");
        QTest::addColumn<int>("b_stride");
        QTest::addColumn<QString>("b_padding");
        QTest::newRow("3x3 s2 same, dw s1 same") << 112 << 100 << 2 << QString("SAME") << 1 << QString("SAME");
        QTest::newRow("3x3 s2 same odd, dw s2 valid") << 113 << 101 << 2 << QString("SAME") << 2 << QString("VALID");
        QTest::newRow("3x3 s1 valid, dw s2 same") << 60 << 52 << 1 << QString("VALID") << 2 << QString("SAME");
    }
    void stem_pair() {
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(int, a_stride);
        QFETCH(QString, a_padding);
        QFETCH(int, b_stride);
        QFETCH(QString, b_padding);
        const int64_t C = 3, E = 96;
        const ir::Tensor x = random_tensor({1, height, width, C}, 21);
        const ir::Tensor wa = random_tensor({3, 3, C, E}, 22), ba = random_tensor({E}, 23);
        const ir::Tensor wb = random_tensor({3, 3, E, 1}, 24), bb = random_tensor({E}, 25);
        Graph g({node("x", "Placeholder", {}, {{"dtype", ir::DType::Float32}}), constant("wa", wa), constant("ba", ba),
                 constant("wb", wb), constant("bb", bb),
                 fused("stem", "_FusedConv2D", {"x", "wa", "ba"}, a_stride, a_padding.toStdString(), "Relu6"),
                 fused("dw", "FusedDepthwiseConv2dNative", {"stem", "wb", "bb"}, b_stride, b_padding.toStdString(),
                       "Relu6")});
        ref::WindowSpec wsa{{a_stride, a_stride}, {1, 1}, a_padding.toStdString(), {}, {}};
        ref::WindowSpec wsb{{b_stride, b_stride}, {1, 1}, b_padding.toStdString(), {}, {}};
        auto e = bias_act(ref::conv(ref::from_tensor(x), ref::from_tensor(wa), wsa), ba, "Relu6");
        auto want = bias_act(ref::depthwise_conv2d(e, ref::from_tensor(wb), wsb), bb, "Relu6");
        auto session = runtime::Session::create(g.model, runtime::SessionOptions{2, false});
        QVERIFY(session);
        for (int run = 0; run < 2; ++run) {
            auto out = (*session)->run({{"x", x}}, {"dw"});
            QVERIFY2(out, out ? "" : out.error().what().c_str());
            const QString diff = compare((*out)[0], want, 1e-4, 1e-4);
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
        }
    }

    // The depthwise output goes on through the 1×1 projection in the same bands, with or
    // without the block's residual Add (folded into the group), large and small images.
    void triple_data() {
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("stride");
        QTest::addColumn<bool>("residual");
        QTest::newRow("s2 project") << 40 << 2 << false;
        QTest::newRow("s1 project + residual") << 40 << 1 << true;
        QTest::newRow("small s1 project + residual, apart") << 9 << 1 << true;
    }
    void triple() {
        QFETCH(int, height);
        QFETCH(int, stride);
        QFETCH(bool, residual);
        const int64_t C = 8, E = 192, width = 36;
        const ir::Tensor x = random_tensor({1, height, width, C}, 31);
        const ir::Tensor wa = random_tensor({1, 1, C, E}, 32), ba = random_tensor({E}, 33);
        const ir::Tensor wb = random_tensor({3, 3, E, 1}, 34), bb = random_tensor({E}, 35);
        const ir::Tensor wc = random_tensor({1, 1, E, C}, 36), bc = random_tensor({C}, 37);
        std::vector<ir::Node> nodes{node("x", "Placeholder", {}, {{"dtype", ir::DType::Float32}}),
                                    constant("wa", wa), constant("ba", ba), constant("wb", wb), constant("bb", bb),
                                    constant("wc", wc), constant("bc", bc),
                                    fused("expand", "_FusedConv2D", {"x", "wa", "ba"}, 1, "VALID", "Relu6"),
                                    fused("dw", "FusedDepthwiseConv2dNative", {"expand", "wb", "bb"}, stride, "SAME",
                                          "Relu6"),
                                    fused("project", "_FusedConv2D", {"dw", "wc", "bc"}, 1, "VALID", "")};
        if (residual) nodes.push_back(node("add", "AddV2", {"x", "project"}, {{"T", ir::DType::Float32}}));
        Graph g(std::move(nodes));
        ref::WindowSpec one{{1, 1}, {1, 1}, "VALID", {}, {}};
        ref::WindowSpec window{{stride, stride}, {1, 1}, "SAME", {}, {}};
        auto e = bias_act(ref::conv(ref::from_tensor(x), ref::from_tensor(wa), one), ba, "Relu6");
        auto d = bias_act(ref::depthwise_conv2d(e, ref::from_tensor(wb), window), bb, "Relu6");
        auto want = bias_act(ref::conv(d, ref::from_tensor(wc), one), bc, "");
        if (residual)
            for (int64_t i = 0; i < want.size(); ++i) want.v[i] += x.value_as_double(i);
        auto session = runtime::Session::create(g.model, runtime::SessionOptions{2, false});
        QVERIFY(session);
        for (int run = 0; run < 3; ++run) {
            auto out = (*session)->run({{"x", x}}, {residual ? "add" : "project"});
            QVERIFY2(out, out ? "" : out.error().what().c_str());
            const QString diff = compare((*out)[0], want, 1e-4, 1e-4);
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
        }
    }

    // The expanded tensor is fetched too: no pairing, both results right.
    void fetched_intermediate() {
        const ir::Tensor x = random_tensor({1, 40, 36, 8}, 7);
        const ir::Tensor wa = random_tensor({1, 1, 8, 192}, 8), ba = random_tensor({192}, 9);
        const ir::Tensor wb = random_tensor({3, 3, 192, 1}, 10), bb = random_tensor({192}, 11);
        Graph g({node("x", "Placeholder", {}, {{"dtype", ir::DType::Float32}}), constant("wa", wa), constant("ba", ba),
                 constant("wb", wb), constant("bb", bb),
                 fused("expand", "_FusedConv2D", {"x", "wa", "ba"}, 1, "VALID", "Relu6"),
                 fused("dw", "FusedDepthwiseConv2dNative", {"expand", "wb", "bb"}, 1, "SAME", "Relu6")});
        ref::WindowSpec one{{1, 1}, {1, 1}, "VALID", {}, {}};
        ref::WindowSpec same{{1, 1}, {1, 1}, "SAME", {}, {}};
        auto e = bias_act(ref::conv(ref::from_tensor(x), ref::from_tensor(wa), one), ba, "Relu6");
        auto want = bias_act(ref::depthwise_conv2d(e, ref::from_tensor(wb), same), bb, "Relu6");
        auto out = g.run({"dw", "expand"}, {{"x", x}});
        QVERIFY2(compare(out[0], want, 1e-4, 1e-4).isEmpty(), qPrintable(compare(out[0], want, 1e-4, 1e-4)));
        QVERIFY2(compare(out[1], e, 1e-4, 1e-4).isEmpty(), qPrintable(compare(out[1], e, 1e-4, 1e-4)));
    }
};

QTEST_GUILESS_MAIN(TestExpandDepthwise)
#include "tst_expand_depthwise.moc"
