// SPDX-License-Identifier: Apache-2.0
// Colour ops against values worked out by hand from TensorFlow's formulas (colorspace_op.h,
// adjust_saturation_op.cc, adjust_contrast_op.cc), in float32 and float64.
#include <QTest>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

namespace {

const std::vector<float> kRgb = {1, 0, 0, 0, 1, 0, 0.5f, 0.5f, 0.5f, 0.2f, 0.4f, 0.8f};
const std::vector<double> kHsv = {0, 1, 1, 1.0 / 3, 1, 1, 0, 0, 0.5, 0.6111111, 0.75, 0.8};

Graph unary(const std::string& op, ir::Tensor x, std::vector<ir::Node> extra = {}, std::vector<std::string> more = {}) {
    std::vector<std::string> inputs = {"x"};
    for (auto& m : more) inputs.push_back(m);
    std::vector<ir::Node> nodes = {constant("x", std::move(x))};
    for (auto& e : extra) nodes.push_back(std::move(e));
    nodes.push_back(node("out", op, inputs));
    return Graph(std::move(nodes));
}

}  // namespace

class TstColor : public QObject {
    Q_OBJECT
private slots:
    void rgbToHsvAndBack() {
        expect_values(unary("RGBToHSV", floats({4, 3}, kRgb)).run({"out"})[0], ir::Shape{4, 3}, kHsv, 1e-6);
        std::vector<double> hsv64 = kHsv;
        auto back = unary("HSVToRGB", tensor<double>(ir::DType::Float64, {4, 3}, hsv64)).run({"out"})[0];
        QCOMPARE(back.dtype(), ir::DType::Float64);
        expect_values(back, ir::Shape{4, 3}, {1, 0, 0, 0, 1, 0, 0.5, 0.5, 0.5, 0.2, 0.4, 0.8}, 1e-6);
    }
    void adjustSaturationClampsInHsv() {
        const ir::Tensor rgb = floats({1, 3}, {0.2f, 0.4f, 0.8f});
        expect_values(unary("AdjustSaturation", rgb, {constant("s", scalar_float(0.f))}, {"s"}).run({"out"})[0], ir::Shape{1, 3},
                      {0.8, 0.8, 0.8}, 1e-6);
        // s = min(1, 0.75 * 2); h = 0.6111 → sector 3: (0, x, c) with c = 0.8, x = c * (1 - |3.6667 - 2 - 1|)
        expect_values(unary("AdjustSaturation", rgb, {constant("s", scalar_float(2.f))}, {"s"}).run({"out"})[0], ir::Shape{1, 3},
                      {0, 0.8 * (1 - 2.0 / 3), 0.8}, 1e-5);
    }
    void adjustContrastPerImageAndChannel() {
        // Two images of 2 x 1 pixels, 2 channels; channel means 2 and 30, 5 and 5.
        auto out = unary("AdjustContrastv2", floats({2, 2, 1, 2}, {1, 20, 3, 40, 5, 5, 5, 5}), {constant("f", scalar_float(2.f))}, {"f"})
                       .run({"out"})[0];
        expect_values(out, ir::Shape{2, 2, 1, 2}, {0, 10, 4, 50, 5, 5, 5, 5}, 1e-6);
        QVERIFY(!unary("AdjustContrastv2", floats({2, 2}, {1, 2, 3, 4}), {constant("f", scalar_float(2.f))}, {"f"}).try_run({"out"}));
    }
};

QTEST_GUILESS_MAIN(TstColor)
#include "tst_color.moc"
