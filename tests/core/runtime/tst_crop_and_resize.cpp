// SPDX-License-Identifier: Apache-2.0
// CropAndResize against values worked out by hand from TensorFlow's definition
// (crop_and_resize_op.cc): box corners map to pixel centres 0 and size-1, a 1-pixel crop
// samples the box centre, points outside the image take extrapolation_value, "nearest"
// rounds half away from zero.
#include <QTest>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

namespace {

// 1 x 2 x 2 x 1 image [[1, 2], [3, 4]] and one 2-channel 1 x 2 x 2 x 2 image.
ir::Node image() { return constant("image", floats({1, 2, 2, 1}, {1, 2, 3, 4})); }

Graph crop(std::vector<float> boxes, std::vector<int32_t> size, ir::AttrMap attrs = {}, ir::Node img = image(),
           std::vector<int32_t> box_ind = {0}) {
    const int64_t n = static_cast<int64_t>(box_ind.size());
    return Graph({img, constant("boxes", floats({n, 4}, std::move(boxes))), constant("ind", ints({n}, box_ind)),
                  constant("size", ints({2}, std::move(size))), node("crop", "CropAndResize", {"image", "boxes", "ind", "size"}, attrs)});
}

}  // namespace

class TstCropAndResize : public QObject {
    Q_OBJECT
private slots:
    void bilinearOverTheWholeImage() {
        expect_values(crop({0, 0, 1, 1}, {3, 3}).run({"crop"})[0], ir::Shape{1, 3, 3, 1},
                      {1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4}, 1e-6);
    }
    void singlePixelCropSamplesTheBoxCentre() {
        expect_values(crop({0, 0, 1, 1}, {1, 1}).run({"crop"})[0], ir::Shape{1, 1, 1, 1}, {2.5}, 1e-6);
    }
    void pointsOutsideTheImageTakeTheExtrapolationValue() {
        // Grid y, x in {0.5, 1.5}: only (0.5, 0.5) lies inside the 2 x 2 image.
        expect_values(crop({0.5f, 0.5f, 1.5f, 1.5f}, {2, 2}, {{"extrapolation_value", -7.f}}).run({"crop"})[0],
                      ir::Shape{1, 2, 2, 1}, {2.5, -7, -7, -7}, 1e-6);
    }
    void flippedBoxMirrors() {
        expect_values(crop({1, 1, 0, 0}, {2, 2}).run({"crop"})[0], ir::Shape{1, 2, 2, 1}, {4, 3, 2, 1}, 1e-6);
    }
    void nearestRoundsHalfAwayFromZero() {
        expect_values(crop({0, 0, 1, 1}, {3, 3}, {{"method", std::string("nearest")}}).run({"crop"})[0], ir::Shape{1, 3, 3, 1},
                      {1, 2, 2, 3, 4, 4, 3, 4, 4});
    }
    void boxesPickTheirBatchImageAndKeepChannels() {
        // Batch 2, 2 channels; box 0 reads image 1, box 1 reads image 0 (top-left pixel only).
        ir::Node img = constant("image", floats({2, 2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17}));
        auto out = crop({0, 0, 1, 1, 0, 0, 0, 0}, {1, 2}, {}, img, {1, 0}).run({"crop"})[0];
        // box 0: y = 0.5 row, x in {0, 1}: (10+14)/2, (11+15)/2 | (12+16)/2, (13+17)/2
        expect_values(out, ir::Shape{2, 1, 2, 2}, {12, 13, 14, 15, 0, 1, 0, 1}, 1e-6);
    }
    void integerImagesGiveFloatOutput() {
        ir::Node img = constant("image", tensor<uint8_t>(ir::DType::UInt8, {1, 2, 2, 1}, {0, 100, 200, 255}));
        auto out = crop({0, 0, 1, 1}, {1, 1}, {}, img).run({"crop"})[0];
        QCOMPARE(out.dtype(), ir::DType::Float32);
        expect_values(out, ir::Shape{1, 1, 1, 1}, {138.75}, 1e-4);
    }
    void badBoxIndexIsAnError() {
        auto out = crop({0, 0, 1, 1}, {2, 2}, {}, image(), {3}).try_run({"crop"});
        QVERIFY(!out);
        QVERIFY2(out.error().what().find("box_ind 3") != std::string::npos, out.error().what().c_str());
    }
};

QTEST_GUILESS_MAIN(TstCropAndResize)
#include "tst_crop_and_resize.moc"
