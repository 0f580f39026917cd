// SPDX-License-Identifier: Apache-2.0
// Conv/matmul FLOPs as `bench` reports them (runtime/work_count.h). The per-op formulas are
// checked on shapes small enough to count by hand (2 x multiply-adds per output element); the
// whole-model count against the figure for tfjs/nsfwjs/mobilenet_v2_mid at 224x224
// (1,160,825,568 FLOPs, the count TensorFlow.js' benchmark tooling uses for that net).
#include <QTest>

#include "formats/registry.h"
#include "runtime/work_count.h"
#include "common/corpus.h"
#include "graph_builder.h"

using namespace wb;
using wb::test::node;

class TestWorkCount : public QObject {
    Q_OBJECT
private slots:
    void convolution();
    void depthwise();
    void transposedConvolution();
    void matrixProducts();
    void uncountedOps();
    void mobilenetV2Mid();
    void recurrentGraphs();
};

void TestWorkCount::convolution() {
    // 3x3x4 -> 16 channels over an 8x8 output: each of the 1,024 outputs is 36 multiply-adds.
    const ir::Node conv = node("c", "Conv2D", {"x", "w"});
    QCOMPARE(runtime::node_flops(conv, {ir::Shape{1, 8, 8, 4}, ir::Shape{3, 3, 4, 16}}, ir::Shape{1, 8, 8, 16}),
             2.0 * 1024 * 36);
    const ir::Node fused = node("f", "_FusedConv2D", {"x", "w", "b"});
    QCOMPARE(runtime::node_flops(fused, {ir::Shape{2, 9, 9, 3}, ir::Shape{1, 1, 3, 5}, ir::Shape{5}}, ir::Shape{2, 9, 9, 5}),
             2.0 * 2 * 81 * 5 * 3);
    const ir::Node conv3d = node("c3", "Conv3D", {"x", "w"});
    QCOMPARE(runtime::node_flops(conv3d, {ir::Shape{1, 4, 4, 4, 2}, ir::Shape{2, 2, 2, 2, 3}}, ir::Shape{1, 3, 3, 3, 3}),
             2.0 * 81 * 16);
}

void TestWorkCount::depthwise() {
    // Multiplier 2 over 6 channels: 12 output channels, each output reads one 3x3 window.
    const ir::Node dw = node("d", "DepthwiseConv2dNative", {"x", "w"});
    QCOMPARE(runtime::node_flops(dw, {ir::Shape{1, 5, 5, 6}, ir::Shape{3, 3, 6, 2}}, ir::Shape{1, 5, 5, 12}),
             2.0 * 300 * 9);
}

void TestWorkCount::transposedConvolution() {
    // Conv2DBackpropInput(sizes, filter [3,3,in=4,out=8], dy [1,5,5,8]): every dy element is
    // spread over a 3x3x4 window.
    const ir::Node t = node("t", "Conv2DBackpropInput", {"sizes", "w", "dy"});
    QCOMPARE(runtime::node_flops(t, {ir::Shape{4}, ir::Shape{3, 3, 4, 8}, ir::Shape{1, 5, 5, 8}}, ir::Shape{1, 10, 10, 4}),
             2.0 * 200 * 36);
}

void TestWorkCount::matrixProducts() {
    const ir::Node mm = node("m", "MatMul", {"a", "b"});
    QCOMPARE(runtime::node_flops(mm, {ir::Shape{3, 7}, ir::Shape{7, 5}}, ir::Shape{3, 5}), 2.0 * 15 * 7);
    ir::Node mm_t = node("mt", "MatMul", {"a", "b"}, {{"transpose_a", true}});
    QCOMPARE(runtime::node_flops(mm_t, {ir::Shape{7, 3}, ir::Shape{7, 5}}, ir::Shape{3, 5}), 2.0 * 15 * 7);
    const ir::Node bmm = node("bm", "BatchMatMulV2", {"a", "b"});
    QCOMPARE(runtime::node_flops(bmm, {ir::Shape{4, 2, 6}, ir::Shape{1, 6, 3}}, ir::Shape{4, 2, 3}), 2.0 * 24 * 6);
    ir::Node bmm_adj = node("ba", "BatchMatMulV2", {"a", "b"}, {{"adj_x", true}});
    QCOMPARE(runtime::node_flops(bmm_adj, {ir::Shape{4, 6, 2}, ir::Shape{4, 6, 3}}, ir::Shape{4, 2, 3}), 2.0 * 24 * 6);
}

void TestWorkCount::uncountedOps() {
    const ir::Node add = node("a", "AddV2", {"x", "y"});
    QVERIFY(!runtime::is_counted_op("AddV2"));
    QCOMPARE(runtime::node_flops(add, {ir::Shape{8}, ir::Shape{8}}, ir::Shape{8}), 0.0);
}

void TestWorkCount::mobilenetV2Mid() {
    WB_REQUIRE_CORPUS();
    auto model = formats::read_model(test::corpus_dir() / "tfjs/nsfwjs/mobilenet_v2_mid/model.json");
    QVERIFY2(model, model ? "" : model.error().what().c_str());
    auto shared = std::make_shared<const ir::Model>(std::move(*model));
    auto session = runtime::Session::create(shared, runtime::SessionOptions{1, false});
    QVERIFY2(session, session ? "" : session.error().what().c_str());
    ir::Tensor x(ir::DType::Float32, ir::Shape{1, 224, 224, 3});
    for (int64_t i = 0; i < x.num_elements(); ++i) x.data<float>()[i] = 0.5f;
    const double flops = runtime::count_run_flops(*shared, **session, {{shared->inputs[0].key, x}});
    QCOMPARE(flops, 1160825568.0);
}

// Recurrent graphs. TensorFlow's BasicRNNCell unrolled over 4 steps (static_rnn; batch 1, 5
// inputs, 3 units): 4 MatMuls of [1, 8] by [8, 3], all counted. A Keras SimpleRNN(6) over a
// dynamic time axis (dl4j rnn_144.h5, fed [1, 4, 3]) runs as a TF1 while loop: its input
// projection ([4, 3] by [3, 6]) lies outside the loop and is counted; the recurrent MatMul in
// the loop runs an unknown number of times and is left out (fetching it would fail the whole
// count).
void TestWorkCount::recurrentGraphs() {
    WB_REQUIRE_CORPUS();
    auto count = [](const std::filesystem::path& path, const std::vector<int64_t>& input_shape) {
        auto model = formats::read_model(path);
        if (!model) return -1.0;
        auto shared = std::make_shared<const ir::Model>(std::move(*model));
        auto session = runtime::Session::create(shared, runtime::SessionOptions{1, false});
        if (!session) return -1.0;
        std::vector<runtime::NamedTensor> feeds;
        if (!input_shape.empty())
            feeds.emplace_back(shared->inputs.at(0).key, ir::Tensor(ir::DType::Float32, ir::Shape(input_shape)));
        return runtime::count_run_flops(*shared, **session, feeds);
    };
    const auto root = test::corpus_dir();
    QCOMPARE(count(root / "tf_graphs/rnn/basicrnncell/static_b1_nIn5_nOut3_ts4_tanh_noIS_float/frozen_model.pb", {}),
             4 * 2.0 * 8 * 3);
    QCOMPARE(count(root / "keras_h5/dl4j/tfkeras/rnn_144.h5", {1, 4, 3}), 2.0 * 4 * 6 * 3);
}

QTEST_GUILESS_MAIN(TestWorkCount)
#include "tst_work_count.moc"
