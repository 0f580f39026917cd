// SPDX-License-Identifier: Apache-2.0
// Session behaviour on graphs built inline (feeds, fetches, pruning, dead branches, memory plan)
// and the elementwise/reduction/softmax kernels against the naive reference kernels, with
// fixed-seed random tensors of odd shapes (1, 13, 127). Tolerance: 1e-5 abs + 1e-5 rel (float32).
#include <QTest>

#include <cmath>
#include <random>

#include "runtime/reference/reference_elementwise.h"
#include "runtime/session.h"
#include "runtime/tensor_io.h"
#include "common/corpus.h"

using namespace wb;

namespace {

ir::Node node(const std::string& name, const std::string& op, std::vector<std::string> inputs, ir::AttrMap attrs = {}) {
    ir::Node n;
    n.name = name;
    n.op = op;
    n.inputs = std::move(inputs);
    n.attrs = std::move(attrs);
    return n;
}

ir::Node placeholder(const std::string& name, ir::DType t) { return node(name, "Placeholder", {}, {{"dtype", t}}); }
ir::Node constant(const std::string& name, ir::Tensor v) { return node(name, "Const", {}, {{"dtype", v.dtype()}, {"value", v}}); }

ir::Tensor random_tensor(ir::DType t, ir::Shape s, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(-2.0, 2.0);
    ir::Tensor out(t, s);
    for (int64_t i = 0; i < out.num_elements(); ++i) {
        if (t == ir::DType::Float64) out.data<double>()[i] = u(rng);
        else out.data<float>()[i] = static_cast<float>(u(rng));
    }
    return out;
}

std::unique_ptr<runtime::Session> make(std::vector<ir::Node> nodes, int threads = 2) {
    auto model = std::make_shared<ir::Model>();
    for (auto& n : nodes) model->graph.add(std::move(n));
    auto s = runtime::Session::create(model, runtime::SessionOptions{threads, false});
    if (!s) qFatal("%s", s.error().what().c_str());
    return std::move(*s);
}

void expect_close(const ir::Tensor& got, const ir::Tensor& want, double tol) {
    QCOMPARE(got.shape(), want.shape());
    for (int64_t i = 0; i < want.num_elements(); ++i) {
        const double a = got.value_as_double(i), b = want.value_as_double(i);
        if (std::abs(a - b) > tol + tol * std::abs(b))
            QFAIL(qPrintable(QString("element %1: %2 vs reference %3").arg(i).arg(a).arg(b)));
    }
}

}  // namespace

class TstSession : public QObject {
    Q_OBJECT
private slots:
    void binaryBroadcastMatchesReference() {
        const std::vector<std::pair<ir::Shape, ir::Shape>> cases = {
            {{1}, {1}}, {{13}, {1}}, {{127}, {127}}, {{13, 127}, {127}}, {{13, 1, 127}, {1, 13, 1}}, {{1, 13}, {127, 1}}};
        const std::vector<std::pair<std::string, std::function<double(double, double)>>> ops = {
            {"AddV2", [](double a, double b) { return a + b; }},
            {"Sub", [](double a, double b) { return a - b; }},
            {"Mul", [](double a, double b) { return a * b; }},
            {"RealDiv", [](double a, double b) { return a / b; }},
            {"Maximum", [](double a, double b) { return std::max(a, b); }},
            {"SquaredDifference", [](double a, double b) { return (a - b) * (a - b); }}};
        uint32_t seed = 1;
        for (ir::DType t : {ir::DType::Float32, ir::DType::Float64})
            for (const auto& [sa, sb] : cases)
                for (const auto& [op, fn] : ops) {
                    auto a = random_tensor(t, sa, seed++), b = random_tensor(t, sb, seed++);
                    auto s = make({placeholder("a", t), placeholder("b", t), node("y", op, {"a", "b"})});
                    auto out = s->run({{"a", a}, {"b", b}}, {"y"});
                    QVERIFY2(out.ok(), out.ok() ? "" : out.error().what().c_str());
                    expect_close(out.value()[0], runtime::reference::binary(a, b, fn), t == ir::DType::Float32 ? 1e-5 : 1e-12);
                }
    }
    void reduceAndSoftmaxMatchReference() {
        auto x = random_tensor(ir::DType::Float32, {13, 127, 1}, 7);
        for (std::vector<int32_t> axes : std::vector<std::vector<int32_t>>{{0}, {1}, {0, 2}, {-1}, {0, 1, 2}}) {
            auto s = make({placeholder("x", ir::DType::Float32),
                           constant("axes", ir::Tensor::from_vector<int32_t>(ir::DType::Int32, {int64_t(axes.size())}, axes)),
                           node("y", "Sum", {"x", "axes"})});
            auto out = s->run({{"x", x}}, {"y"});
            QVERIFY(out.ok());
            expect_close(out.value()[0], runtime::reference::reduce_sum(x, {axes.begin(), axes.end()}), 1e-5);
        }
        auto logits = random_tensor(ir::DType::Float32, {13, 127}, 8);
        auto s = make({placeholder("x", ir::DType::Float32), node("y", "Softmax", {"x"})});
        auto out = s->run({{"x", logits}}, {"y"});
        QVERIFY(out.ok());
        expect_close(out.value()[0], runtime::reference::softmax(logits), 1e-6);
    }
    void feedsFetchesAndPruning() {
        auto s = make({placeholder("x", ir::DType::Float32),
                       constant("axis", ir::Tensor::scalar<int32_t>(ir::DType::Int32, 0)),
                       node("split", "Split", {"axis", "x"}, {{"num_split", int64_t(2)}}),
                       node("broken", "NoSuchOp", {"x"})});  // never needed, never run
        auto x = ir::Tensor::from_vector<float>(ir::DType::Float32, {4}, {1, 2, 3, 4});
        auto out = s->run({{"x:0", x}}, {"split:1", "split"});
        QVERIFY2(out.ok(), out.ok() ? "" : out.error().what().c_str());
        QCOMPARE(out.value()[0].data<float>()[0], 3.f);
        QCOMPARE(out.value()[1].data<float>()[1], 2.f);
        auto bad = s->run({{"x", x}}, {"broken"});
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().what().find("NoSuchOp") != std::string::npos);
        QVERIFY(!s->run({{"nope", x}}, {"split"}).ok());
    }
    // A signature names its input "x:0"; the tfjs-reference tools write inputs.json keyed "x".
    void inputFileKeyedByNodeOrTensorName() {
        ir::Model model;
        model.graph.add(placeholder("x", ir::DType::Float32));
        ir::TensorInfo info;
        info.key = info.name = "x:0";
        info.dtype = ir::DType::Float32;
        info.shape = ir::Shape({2});
        model.inputs.push_back(info);
        const auto dir = test::temp_dir("inputs_by_name");
        for (const std::string stored : {"x", "x:0"}) {
            std::filesystem::create_directories(dir / stored);
            auto written = runtime::write_tensor_set(dir / stored, "inputs.json", {{stored, ir::Tensor::from_vector<float>(ir::DType::Float32, {2}, {5, 6})}});
            QVERIFY2(written.ok(), written.ok() ? "" : written.error().what().c_str());
            runtime::InputSpec spec;
            spec.input_json = dir / stored / "inputs.json";
            auto inputs = runtime::make_inputs(model, spec);
            QVERIFY2(inputs.ok(), inputs.ok() ? "" : inputs.error().what().c_str());
            QCOMPARE(inputs->size(), std::size_t(1));
            QCOMPARE(inputs->front().first, std::string("x:0"));
            QCOMPARE(inputs->front().second.data<float>()[1], 6.f);
        }
    }

    void switchMergeTakesOneBranch() {
        for (bool pred : {false, true}) {
            auto s = make({placeholder("x", ir::DType::Float32), placeholder("p", ir::DType::Bool),
                           node("sw", "Switch", {"x", "p"}), node("neg", "Neg", {"sw"}), node("sq", "Square", {"sw:1"}),
                           node("m", "Merge", {"neg", "sq"})});
            auto out = s->run({{"x", ir::Tensor::scalar<float>(ir::DType::Float32, 3.f)},
                               {"p", ir::Tensor::scalar<uint8_t>(ir::DType::Bool, pred ? 1 : 0)}},
                              {"m", "m:1"});
            QVERIFY(out.ok());
            QCOMPARE(out.value()[0].data<float>()[0], pred ? 9.f : -3.f);
            QCOMPARE(out.value()[1].data<int32_t>()[0], pred ? 1 : 0);
        }
    }
    void memoryPlanReusesBuffers() {
        std::vector<ir::Node> nodes = {placeholder("x", ir::DType::Float32)};
        std::string prev = "x";
        for (int i = 0; i < 12; ++i) {
            nodes.push_back(node("r" + std::to_string(i), i % 2 ? "Relu" : "Neg", {prev}));
            prev = "r" + std::to_string(i);
        }
        auto s = make(std::move(nodes));
        auto x = random_tensor(ir::DType::Float32, {256, 1024}, 3);
        for (int run = 0; run < 2; ++run) QVERIFY(s->run({{"x", x}}, {prev}).ok());
        const auto& st = s->last_stats();
        QVERIFY(st.lower_bound_activation_bytes > 0);
        QVERIFY2(st.peak_activation_bytes <= 1.5 * st.lower_bound_activation_bytes,
                 qPrintable(QString("peak %1 vs bound %2").arg(st.peak_activation_bytes).arg(st.lower_bound_activation_bytes)));
    }
};

QTEST_GUILESS_MAIN(TstSession)
#include "tst_session.moc"
