// SPDX-License-Identifier: Apache-2.0
// The session's memory plan (record the first run, replay later runs) and the executor's folding
// of a residual Add into the convolution that feeds it. Expected values: the naive reference
// conv in double (tolerance 1e-4 abs + 1e-4 rel, float32), on the oneDNN path and on Eigen.
#include <QTest>

#include <cstdlib>
#include <random>

#include "runtime/memory_pool.h"
#include "runtime/reference/reference_conv.h"
#include "runtime/session.h"
#include "graph_builder.h"

using namespace wb;
using wb::test::constant;
using wb::test::node;
namespace ref = wb::runtime::reference;

namespace {

ir::Tensor random_tensor(ir::Shape s, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    ir::Tensor t(ir::DType::Float32, s);
    for (int64_t i = 0; i < t.num_elements(); ++i) t.data<float>()[i] = u(rng);
    return t;
}

// 1x1 _FusedConv2D with bias (and an optional activation), SAME, stride 1.
ir::Node fused_conv(const std::string& name, const std::string& x, const std::string& w, const std::string& b,
                    const std::string& act = "") {
    ir::AttrList strides, ops;
    strides.i = {1, 1, 1, 1};
    ops.s = act.empty() ? std::vector<std::string>{"BiasAdd"} : std::vector<std::string>{"BiasAdd", act};
    return node(name, "_FusedConv2D", {x, w, b},
                {{"T", ir::DType::Float32}, {"strides", ir::AttrValue(strides)}, {"padding", std::string("SAME")},
                 {"fused_ops", ir::AttrValue(ops)}, {"num_args", int64_t(1)}});
}

ref::RefTensor conv_bias(const ref::RefTensor& x, const ir::Tensor& w, const ir::Tensor& b, bool relu) {
    ref::WindowSpec spec;
    spec.strides = {1, 1};
    spec.dilations = {1, 1};
    spec.padding = "SAME";
    ref::RefTensor y = ref::conv(x, ref::from_tensor(w), spec);
    const int64_t C = y.dims.back();
    for (int64_t i = 0; i < y.size(); ++i) {
        y.v[i] += b.value_as_double(i % C);
        if (relu) y.v[i] = std::max(0.0, y.v[i]);
    }
    return y;
}

void expect_close(const ir::Tensor& got, const ref::RefTensor& want) {
    QCOMPARE(got.num_elements(), want.size());
    for (int64_t i = 0; i < want.size(); ++i) {
        const double a = got.value_as_double(i), b = want.v[i];
        if (std::abs(a - b) > 1e-4 + 1e-4 * std::abs(b))
            QFAIL(qPrintable(QString("element %1: %2 vs reference %3").arg(i).arg(a).arg(b)));
    }
}

}  // namespace

class TstMemoryPlan : public QObject {
    Q_OBJECT
private slots:
    void sharedBuffersNeverOverlapLifetimes() {
        // Allocation k lives [k, last[k]]; sizes in bytes.
        const std::vector<std::size_t> bytes = {400, 1600, 800, 1600, 400, 1200, 400};
        const std::vector<int> last = {1, 2, 3, 6, 5, 6, 6};
        std::vector<std::size_t> sizes;
        const auto slot = runtime::assign_shared_buffers(bytes, last, sizes);
        for (std::size_t a = 0; a < bytes.size(); ++a) {
            QVERIFY(sizes[slot[a]] >= bytes[a]);
            for (std::size_t b = a + 1; b < bytes.size(); ++b)
                if (slot[a] == slot[b]) QVERIFY2(last[a] < static_cast<int>(b), qPrintable(QString("%1 %2").arg(a).arg(b)));
        }
        std::size_t total = 0;
        for (auto s : sizes) total += s;
        QCOMPARE(total, std::size_t(1600 + 1200 + 400));  // = the peak of live bytes (at allocation 5)
    }

    void replayKeepsHeldTensorsIntact() {
        // A tensor the caller still holds from the last run is never handed out again.
        runtime::MemoryPool pool;
        ir::Tensor kept;
        for (int run = 0; run < 3; ++run) {
            pool.begin_run();
            ir::Tensor a = pool.allocate(ir::DType::Float32, ir::Shape{1024});
            a.data<float>()[0] = static_cast<float>(run);
            if (run == 1) kept = a;
            pool.end_run(true);
            if (run >= 1) QVERIFY(pool.planned());
        }
        QCOMPARE(kept.data<float>()[0], 1.f);
    }

    void residualAddFoldsIntoConv_data() {
        QTest::addColumn<bool>("eigen");
        QTest::addColumn<bool>("fetch_conv");
        QTest::newRow("onednn") << false << false;
        QTest::newRow("onednn, conv fetched") << false << true;
        QTest::newRow("eigen") << true << false;
    }
    void residualAddFoldsIntoConv() {
        QFETCH(bool, eigen);
        QFETCH(bool, fetch_conv);
        if (eigen) setenv("WB_FORCE_EIGEN", "1", 1);
        // MobileNetV2's residual block: r = Relu(x); e = conv(r) + relu; p = conv(e); y = r + p.
        // When p runs, r is held only by the Add: the conv accumulates into r's buffer.
        const ir::Shape xs{1, 9, 7, 8};
        auto x = random_tensor(xs, 1);
        auto w1 = random_tensor({1, 1, 8, 24}, 2), b1 = random_tensor({24}, 3);
        auto w2 = random_tensor({1, 1, 24, 8}, 4), b2 = random_tensor({8}, 5);
        auto model = std::make_shared<ir::Model>();
        model->graph.add(node("x", "Placeholder", {}, {{"dtype", ir::DType::Float32}}));
        for (auto& [n, t] : std::vector<std::pair<std::string, ir::Tensor>>{{"w1", w1}, {"b1", b1}, {"w2", w2}, {"b2", b2}})
            model->graph.add(constant(n, t));
        model->graph.add(node("r", "Relu", {"x"}));
        model->graph.add(fused_conv("e", "r", "w1", "b1", "Relu"));
        model->graph.add(fused_conv("p", "e", "w2", "b2"));
        model->graph.add(node("y", "AddV2", {"r", "p"}));
        model->graph.add(node("z", "Neg", {"y"}));
        auto s = runtime::Session::create(model, runtime::SessionOptions{2, false});
        QVERIFY(s.ok());

        ref::RefTensor r = ref::from_tensor(x);
        for (auto& v : r.v) v = std::max(0.0, v);
        const ref::RefTensor p = conv_bias(conv_bias(r, w1, b1, true), w2, b2, false);
        ref::RefTensor z = p;
        for (int64_t i = 0; i < z.size(); ++i) z.v[i] = -(r.v[i] + p.v[i]);
        std::vector<std::string> fetches{"z"};
        if (fetch_conv) fetches.push_back("p");
        for (int run = 0; run < 3; ++run) {  // record, then replay the plan
            auto out = (*s)->run({{"x", x}}, fetches);
            QVERIFY2(out.ok(), out.ok() ? "" : out.error().what().c_str());
            expect_close(out.value()[0], z);
            if (fetch_conv) expect_close(out.value()[1], p);  // a fetched conv output is never folded
        }
        const auto& st = (*s)->last_stats();
        QVERIFY(st.peak_activation_bytes <= 1.5 * st.lower_bound_activation_bytes);
        unsetenv("WB_FORCE_EIGEN");
    }
};

QTEST_GUILESS_MAIN(TstMemoryPlan)
#include "tst_memory_plan.moc"
