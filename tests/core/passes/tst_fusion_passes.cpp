// SPDX-License-Identifier: Apache-2.0
// The converter's own rewrites and the remapper fusions: each leaves a non-matching graph
// alone, rewrites a small matching one with spec §6.2-6.3's attribute encoding, and the
// rewritten graph computes the same outputs on the runtime.
#include <QtTest>

#include "graph_builder.h"
#include "ir/validate.h"

using namespace wb;
using wb::test::GraphBuilder;

namespace {

// Same outputs before and after within 1e-5 abs + 1e-4 rel.
void expect_same_outputs(const ir::Model& before, const ir::Model& after, const ir::Shape& x_shape) {
    auto ok = ir::validate(after.graph);
    QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().what().c_str());
    auto x = test::random_tensor(x_shape, 11);
    auto a = test::run_model(before, {{"x", x}});
    auto b = test::run_model(after, {{"x", x}});
    QCOMPARE(a.size(), b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
        std::string why;
        QVERIFY2(test::close(b[k], a[k], 1e-5, 1e-4, &why), why.c_str());
    }
}

std::vector<std::string> fused_ops(const ir::Node* n) { return n ? ir::attr_strings(n->attrs, "fused_ops") : std::vector<std::string>{}; }

// x[1,5,5,3] -> Conv2D(w[3,3,3,4]) -> BiasAdd(b[4])
GraphBuilder conv_bias(const std::string& conv_op = "Conv2D", int64_t out_channels = 4) {
    GraphBuilder g;
    g.placeholder("x", {1, 5, 5, 3});
    int64_t mult = conv_op == "Conv2D" ? out_channels : out_channels / 3;
    g.constant("w", test::random_tensor({3, 3, 3, mult}, 3));
    g.constant("b", test::random_tensor({out_channels}, 4));
    g.conv("conv", "x", "w", conv_op);
    g.op("BiasAdd", "bias", {"conv", "b"}, {{"data_format", std::string("NHWC")}});
    return g;
}

}  // namespace

class TstFusionPasses : public QObject {
    Q_OBJECT

private slots:
    void fold_batch_norms() {
        GraphBuilder plain;
        plain.placeholder("x", {1, 5, 5, 3});
        plain.op("Relu", "y", {"x"});
        QVERIFY(test::apply("fold_batch_norms", plain.model({"y"})).second.empty());

        GraphBuilder g = conv_bias();
        g.constant("gamma", test::random_tensor({4}, 5));
        g.constant("beta", test::random_tensor({4}, 6));
        g.constant("mean", test::random_tensor({4}, 7));
        g.constant("var", {4}, {0.5f, 1.f, 2.f, 0.25f});
        g.op("FusedBatchNormV3", "bn", {"bias", "gamma", "beta", "mean", "var"},
             {{"epsilon", 0.001f}, {"is_training", false}, {"U", ir::DType::Float32}});
        ir::Model before = g.model({"bn"});
        auto [after, log] = test::apply("fold_batch_norms", before);
        QCOMPARE(after.graph.find("bn")->op, std::string("BiasAdd"));
        QVERIFY(after.graph.find("conv_weights") && after.graph.find("conv_bn_offset"));
        QVERIFY(!after.graph.find("bias") && !after.graph.find("gamma"));
        expect_same_outputs(before, after, {1, 5, 5, 3});
    }

    void fold_batch_norms_depthwise() {
        GraphBuilder g = conv_bias("DepthwiseConv2dNative", 6);
        g.constant("gamma", test::random_tensor({6}, 5));
        g.constant("beta", test::random_tensor({6}, 6));
        g.constant("mean", test::random_tensor({6}, 7));
        g.constant("var", {6}, {0.5f, 1.f, 2.f, 0.25f, 3.f, 1.5f});
        g.op("FusedBatchNorm", "bn", {"bias", "gamma", "beta", "mean", "var"},
             {{"epsilon", 0.001f}, {"is_training", false}});
        ir::Model before = g.model({"bn"});
        auto [after, log] = test::apply("fold_batch_norms", before);
        QCOMPARE(after.graph.find("bn")->op, std::string("BiasAdd"));
        expect_same_outputs(before, after, {1, 5, 5, 3});
    }

    // Conv -> BiasAdd -> Mul(scale) -> AddV2(offset): the batch norm our Keras reader lowers.
    void fold_channel_affine() {
        GraphBuilder shape_kept = conv_bias();
        shape_kept.constant("s", test::random_tensor({4, 1, 1}, 5));  // broadcasts along rows: not per channel
        shape_kept.op("Mul", "y", {"bias", "s"});
        QVERIFY(test::apply("fold_channel_affine", shape_kept.model({"y"})).second.empty());
        GraphBuilder rank_grows = conv_bias();
        rank_grows.constant("s", test::random_tensor({1, 1, 1, 1, 4}, 5));  // the Mul's result is 5-D
        rank_grows.op("Mul", "y", {"bias", "s"});
        QVERIFY(test::apply("fold_channel_affine", rank_grows.model({"y"})).second.empty());

        GraphBuilder g = conv_bias();
        g.constant("s", test::random_tensor({4}, 5));
        g.constant("o", test::random_tensor({1, 1, 1, 4}, 6));
        g.op("Mul", "scaled", {"s", "bias"});  // constant first: Mul commutes
        g.op("AddV2", "y", {"scaled", "o"});
        g.op("Relu6", "z", {"y"});
        ir::Model before = g.model({"z"});
        auto [after, log] = test::apply("fold_channel_affine", before);
        QCOMPARE(after.graph.find("y")->op, std::string("BiasAdd"));
        QCOMPARE(after.graph.find("y")->inputs, (std::vector<std::string>{"conv", "conv_offset"}));
        QVERIFY(!after.graph.find("bias") && !after.graph.find("scaled") && !after.graph.find("s"));
        QCOMPARE(after.graph.find("conv")->inputs[1], std::string("conv_weights"));
        expect_same_outputs(before, after, {1, 5, 5, 3});
    }

    void fold_channel_affine_depthwise_and_matmul() {
        GraphBuilder dw;
        dw.placeholder("x", {1, 5, 5, 3});
        dw.constant("w", test::random_tensor({3, 3, 3, 2}, 3));
        dw.conv("conv", "x", "w", "DepthwiseConv2dNative");
        dw.constant("s", test::random_tensor({6}, 5));
        dw.op("Mul", "y", {"conv", "s"});  // a scale alone becomes BiasAdd(conv, 0)
        ir::Model before = dw.model({"y"});
        auto [after, log] = test::apply("fold_channel_affine", before);
        QCOMPARE(after.graph.find("y")->op, std::string("BiasAdd"));
        expect_same_outputs(before, after, {1, 5, 5, 3});

        GraphBuilder mm;
        mm.placeholder("x", {2, 3});
        mm.constant("w", test::random_tensor({3, 4}, 3));
        mm.constant("s", test::random_tensor({4}, 5));
        mm.constant("o", test::random_tensor({4}, 6));
        mm.op("MatMul", "m", {"x", "w"}, {{"transpose_a", false}, {"transpose_b", false}});
        mm.op("Mul", "scaled", {"m", "s"});
        mm.op("AddV2", "y", {"o", "scaled"});
        ir::Model mm_before = mm.model({"y"});
        auto [mm_after, mm_log] = test::apply("fold_channel_affine", mm_before);
        QCOMPARE(mm_after.graph.find("y")->op, std::string("BiasAdd"));
        expect_same_outputs(mm_before, mm_after, {2, 3});
    }

    // Keras' ZeroPadding2D before a 'valid' strided conv.
    void fold_pad_into_conv() {
        auto padded = [](const std::vector<int32_t>& pads, const std::string& pad_op, const std::string& conv_op,
                         const std::string& padding) {
            GraphBuilder g;
            g.placeholder("x", {1, 6, 6, 3});
            g.constant("p", ir::Tensor::from_vector<int32_t>(ir::DType::Int32, ir::Shape{4, 2}, pads));
            g.op(pad_op, "pad", {"x", "p"}, {{"mode", std::string("REFLECT")}});
            g.constant("w", test::random_tensor({3, 3, 3, conv_op == "Conv2D" ? 4 : 1}, 3));
            ir::AttrList strides;
            strides.i = {1, 2, 2, 1};
            g.op(conv_op, "conv", {"pad", "w"}, {{"strides", strides}, {"padding", padding}, {"data_format", std::string("NHWC")}});
            return g.model({"conv"});
        };
        const std::vector<int32_t> keras{0, 0, 0, 1, 0, 1, 0, 0};
        QVERIFY(test::apply("fold_pad_into_conv", padded({0, 0, 0, 1, 0, 1, 0, 1}, "Pad", "Conv2D", "VALID")).second.empty());  // channels padded
        QVERIFY(test::apply("fold_pad_into_conv", padded(keras, "MirrorPad", "Conv2D", "VALID")).second.empty());  // not zeros
        QVERIFY(test::apply("fold_pad_into_conv", padded(keras, "Pad", "Conv2D", "SAME")).second.empty());  // SAME pads on top

        for (const char* op : {"Conv2D", "DepthwiseConv2dNative"}) {
            ir::Model before = padded(keras, "Pad", op, "VALID");
            auto [after, log] = test::apply("fold_pad_into_conv", before);
            const ir::Node* conv = after.graph.find("conv");
            QCOMPARE(conv->inputs.front(), std::string("x"));
            QCOMPARE(ir::attr_string(conv->attrs, "padding"), std::string("EXPLICIT"));
            QCOMPARE(ir::attr_ints(conv->attrs, "explicit_paddings"), (std::vector<int64_t>{0, 0, 0, 1, 0, 1, 0, 0}));
            QVERIFY(!after.graph.find("pad") && !after.graph.find("p"));
            expect_same_outputs(before, after, {1, 6, 6, 3});
        }
    }

    void normalize_bias_add() {
        GraphBuilder plain;
        plain.placeholder("x", {1, 5, 5, 3});
        plain.constant("c", {3}, {1, 2, 3});
        plain.op("Relu", "r", {"x"});
        plain.op("AddV2", "y", {"r", "c"});  // not fed by a conv
        QVERIFY(test::apply("normalize_bias_add", plain.model({"y"})).second.empty());

        GraphBuilder g;
        g.placeholder("x", {1, 5, 5, 3});
        g.constant("w", test::random_tensor({3, 3, 3, 4}, 3));
        g.constant("b", test::random_tensor({4}, 4));
        g.conv("conv", "x", "w");
        g.op("AddV2", "y", {"conv", "b"});
        ir::Model before = g.model({"y"});
        auto [after, log] = test::apply("normalize_bias_add", before);
        QCOMPARE(after.graph.find("y")->op, std::string("BiasAdd"));
        QCOMPARE(ir::attr_string(after.graph.find("y")->attrs, "data_format"), std::string("NHWC"));
        expect_same_outputs(before, after, {1, 5, 5, 3});
    }

    void set_cpu_device() {
        GraphBuilder plain;
        plain.placeholder("x", {2});
        plain.op("Relu", "y", {"x"});
        QVERIFY(test::apply("set_cpu_device", plain.model({"y"})).second.empty());
        GraphBuilder g = conv_bias();
        auto [after, log] = test::apply("set_cpu_device", g.model({"bias"}));
        QCOMPARE(after.graph.find("conv")->device, std::string("/device:CPU:0"));
        QCOMPARE(after.graph.find("bias")->device, std::string());
    }

    void fuse_conv_bias_activation() {
        GraphBuilder shared = conv_bias();
        shared.op("Relu", "y", {"bias"});
        shared.op("Neg", "z", {"conv"});  // conv read twice: fusing would drop a value
        QVERIFY(test::apply("fuse_conv_bias_activation", shared.model({"y", "z"})).second.empty());

        GraphBuilder g = conv_bias();
        g.op("LeakyRelu", "y", {"bias"}, {{"alpha", 0.3f}});
        ir::Model before = g.model({"y"});
        auto [after, log] = test::apply("fuse_conv_bias_activation", before);
        QCOMPARE(after.graph.size(), 4u);  // x, w, b, y
        const ir::Node* y = after.graph.find("y");
        QCOMPARE(y->op, std::string("_FusedConv2D"));
        QCOMPARE(fused_ops(y), (std::vector<std::string>{"BiasAdd", "LeakyRelu"}));
        QCOMPARE(ir::attr_int(y->attrs, "num_args"), int64_t(1));
        QCOMPARE(ir::attr_float(y->attrs, "leakyrelu_alpha"), 0.3f);
        QCOMPARE(y->inputs, (std::vector<std::string>{"x", "w", "b"}));
        QCOMPARE(log.rewritten.front().from, (std::vector<std::string>{"conv", "bias", "y"}));
        expect_same_outputs(before, after, {1, 5, 5, 3});
    }

    void fuse_matmul_bias_activation() {
        GraphBuilder g;
        g.placeholder("x", {2, 3});
        g.constant("w", test::random_tensor({3, 4}, 3));
        g.constant("b", test::random_tensor({4}, 4));
        g.op("MatMul", "mm", {"x", "w"}, {{"transpose_a", false}, {"transpose_b", false}});
        g.op("Sigmoid", "s", {"mm"});  // no BiasAdd: nothing to fuse
        QVERIFY(test::apply("fuse_matmul_bias_activation", g.model({"s"})).second.empty());
        g.op("BiasAdd", "y", {"mm", "b"}, {{"data_format", std::string("NHWC")}});
        g.graph.remove_if([](const ir::Node& n) { return n.name == "s"; });
        ir::Model before = g.model({"y"});
        auto [after, log] = test::apply("fuse_matmul_bias_activation", before);
        const ir::Node* y = after.graph.find("y");
        QCOMPARE(y->op, std::string("_FusedMatMul"));
        QCOMPARE(fused_ops(y), std::vector<std::string>{"BiasAdd"});
        QCOMPARE(ir::attr_int(y->attrs, "num_args"), int64_t(1));
        expect_same_outputs(before, after, {2, 3});
    }

    void fuse_depthwise() {
        GraphBuilder plain = conv_bias("Conv2D");
        plain.op("Relu", "y", {"bias"});
        QVERIFY(test::apply("fuse_depthwise", plain.model({"y"})).second.empty());

        GraphBuilder g = conv_bias("DepthwiseConv2dNative", 6);
        g.op("Relu6", "act", {"bias"});
        g.op("Neg", "y", {"act"});
        ir::Model before = g.model({"y"});
        auto [after, log] = test::apply("fuse_depthwise", before);
        const ir::Node* conv = after.graph.find("conv");  // the converter keeps the depthwise name
        QCOMPARE(conv->op, std::string("FusedDepthwiseConv2dNative"));
        QCOMPARE(fused_ops(conv), (std::vector<std::string>{"BiasAdd", "Relu6"}));
        QCOMPARE(after.graph.find("y")->inputs, std::vector<std::string>{"conv"});
        expect_same_outputs(before, after, {1, 5, 5, 3});

        GraphBuilder act_only;
        act_only.placeholder("x", {1, 5, 5, 3});
        act_only.constant("w", test::random_tensor({3, 3, 3, 2}, 3));
        act_only.conv("conv", "x", "w", "DepthwiseConv2dNative");
        act_only.op("Elu", "y", {"conv"});
        ir::Model b2 = act_only.model({"y"});
        auto [a2, log2] = test::apply("fuse_depthwise", b2);
        const ir::Node* y = a2.graph.find("y");  // an output keeps its name
        QCOMPARE(fused_ops(y), (std::vector<std::string>{"NoOp", "Elu"}));
        QCOMPARE(ir::attr_int(y->attrs, "num_args"), int64_t(0));
        expect_same_outputs(b2, a2, {1, 5, 5, 3});
    }

    void fuse_prelu() {
        GraphBuilder plain;
        plain.placeholder("x", {1, 4});
        plain.op("Relu", "r", {"x"});
        plain.op("AddV2", "y", {"r", "r"});
        QVERIFY(test::apply("fuse_prelu", plain.model({"y"})).second.empty());

        GraphBuilder g;
        g.placeholder("x", {1, 4});
        g.op("Relu", "pos", {"x"});
        g.op("Neg", "neg", {"x"});
        g.op("Relu", "negrelu", {"neg"});
        g.constant("neg_alpha", {4}, {-0.1f, -0.2f, -0.3f, -0.25f});
        g.op("Mul", "mul", {"neg_alpha", "negrelu"});
        g.op("AddV2", "add", {"pos", "mul"});
        g.op("Sigmoid", "y", {"add"});
        ir::Model before = g.model({"y"});
        auto [after, log] = test::apply("fuse_prelu", before);
        const ir::Node* prelu = after.graph.find("pos");
        QCOMPARE(prelu->op, std::string("Prelu"));
        QVERIFY(!prelu->attrs.count("T"));
        QCOMPARE(prelu->inputs, (std::vector<std::string>{"x", "neg_alpha"}));
        QCOMPARE(after.graph.size(), 4u);  // x, pos, neg_alpha (now +alpha), y
        expect_same_outputs(before, after, {1, 4});
    }

    void fuse_prelu_into_fused_ops() {
        GraphBuilder plain;
        plain.placeholder("x", {1, 4});
        plain.constant("alpha", {4}, {0.1f, 0.2f, 0.3f, 0.4f});
        plain.op("Prelu", "y", {"x", "alpha"}, {{"T", ir::AttrValue{}}});
        QVERIFY(test::apply("fuse_prelu_into_fused_ops", plain.model({"y"})).second.empty());

        GraphBuilder g = conv_bias();
        ir::Model fused = test::apply("fuse_conv_bias_activation", g.model({"bias"})).first;
        GraphBuilder p;
        p.graph = fused.graph;
        p.constant("alpha", test::random_tensor({4}, 9));
        p.op("Prelu", "y", {"bias", "alpha"}, {{"T", ir::AttrValue{}}});
        ir::Model before = p.model({"y"});
        before.inputs = {{"x", "x:0", ir::DType::Float32, ir::Shape{1, 5, 5, 3}}};
        auto [after, log] = test::apply("fuse_prelu_into_fused_ops", before);
        const ir::Node* y = after.graph.find("y");
        QCOMPARE(y->op, std::string("_FusedConv2D"));
        QCOMPARE(fused_ops(y), (std::vector<std::string>{"BiasAdd", "Prelu"}));
        QCOMPARE(ir::attr_int(y->attrs, "num_args"), int64_t(2));
        QCOMPARE(y->inputs, (std::vector<std::string>{"x", "w", "b", "alpha"}));
        expect_same_outputs(before, after, {1, 5, 5, 3});
    }

    void remove_unused_control_flow_inputs() {
        GraphBuilder plain;
        plain.placeholder("x", {2});
        plain.op("Relu", "y", {"x"});
        QVERIFY(test::apply("remove_unused_control_flow_inputs", plain.model({"y"})).second.empty());
        plain.placeholder("unused_control_flow_input_3", {2});
        auto [after, log] = test::apply("remove_unused_control_flow_inputs", plain.model({"y"}));
        QVERIFY(!after.graph.find("unused_control_flow_input_3"));
        QCOMPARE(after.graph.size(), 2u);
    }
};

QTEST_GUILESS_MAIN(TstFusionPasses)
#include "tst_fusion_passes.moc"
