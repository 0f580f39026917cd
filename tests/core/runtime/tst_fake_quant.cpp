// SPDX-License-Identifier: Apache-2.0
// FakeQuant ops against hand-computed nudging (fake_quant_ops_functor.h): a range that does
// not hold zero on a level is shifted so that 0 maps to 0 exactly; narrow_range drops level 0;
// per-channel ranges run along the last dimension.
#include <QTest>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

namespace {

Graph quant(const std::string& op, ir::Tensor x, ir::AttrMap attrs, std::vector<ir::Node> extra = {}) {
    std::vector<ir::Node> nodes = {constant("x", std::move(x))};
    std::vector<std::string> inputs = {"x"};
    for (auto& e : extra) {
        inputs.push_back(e.name);
        nodes.push_back(std::move(e));
    }
    nodes.push_back(node("out", op, inputs, std::move(attrs)));
    return Graph(std::move(nodes));
}

}  // namespace

class TstFakeQuant : public QObject {
    Q_OBJECT
private slots:
    void argsSnapToLevelsAndClamp() {
        auto out = quant("FakeQuantWithMinMaxArgs", floats({3}, {0.31f, -0.1f, 2.f}), {{"min", 0.f}, {"max", 1.f}}).run({"out"})[0];
        expect_values(out, ir::Shape{3}, {79.0 / 255, 0, 1}, 1e-6);  // 0.31 * 255 = 79.05
    }
    void varsNudgeTheRangeSoZeroIsExact() {
        // zero point 0.12 * 255 = 30.6 rounds to 31: the range becomes [-31/255, 224/255].
        auto out = quant("FakeQuantWithMinMaxVars", floats({3}, {-1.f, 0.f, 5.f}), {},
                         {constant("min", scalar_float(-0.12f)), constant("max", scalar_float(0.88f))})
                       .run({"out"})[0];
        expect_values(out, ir::Shape{3}, {-31.0 / 255, 0, 224.0 / 255}, 1e-6);
    }
    void narrowRangeFourBits() {
        auto out = quant("FakeQuantWithMinMaxVars", floats({2}, {0.5f, 0.52f}), {{"num_bits", int64_t{4}}, {"narrow_range", true}},
                         {constant("min", scalar_float(0.f)), constant("max", scalar_float(1.f))})
                       .run({"out"})[0];
        expect_values(out, ir::Shape{2}, {0.5, 0.5}, 1e-6);  // 14 steps of 1/14
    }
    void perChannelRangesFollowTheLastDimension() {
        auto out = quant("FakeQuantWithMinMaxVarsPerChannel", floats({1, 2}, {0.31f, 0.31f}), {},
                         {constant("min", floats({2}, {0, 0})), constant("max", floats({2}, {1, 2}))})
                       .run({"out"})[0];
        expect_values(out, ir::Shape{1, 2}, {79.0 / 255, 40 * 2.0 / 255}, 1e-6);
        QVERIFY(!quant("FakeQuantWithMinMaxVarsPerChannel", floats({1, 2}, {0.5f, 0.5f}), {},
                       {constant("min", floats({1}, {0})), constant("max", floats({1}, {1}))})
                     .try_run({"out"}));
    }
};

QTEST_GUILESS_MAIN(TstFakeQuant)
#include "tst_fake_quant.moc"
