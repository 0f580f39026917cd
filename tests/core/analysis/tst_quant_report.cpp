// SPDX-License-Identifier: Apache-2.0
// The quantization report: metrics, sample inputs, the dequantized model copies, and the full
// report on a real tfjs model checked against the two runs' outputs computed here.
#include <QColor>
#include <QImage>
#include <QTest>

#include <cmath>
#include <fstream>

#include "analysis/image_input.h"
#include "analysis/quant_report.h"
#include "common/corpus.h"
#include "formats/registry.h"
#include "runtime/session.h"

using namespace wb;
using namespace wb::analysis;

namespace {

ir::Tensor floats(ir::Shape shape, std::vector<float> v) {
    return ir::Tensor::from_vector(ir::DType::Float32, std::move(shape), v);
}

std::filesystem::path mobilenet_mid() { return wb::test::corpus_dir() / "tfjs/nsfwjs/mobilenet_v2_mid/model.json"; }

// Same model, each float32 Const replaced by tfjs's decoding of its quantized codes; built here
// from the quantize/dequantize primitives, independently of the report's own model copies.
ir::Model dequantized_copy(const ir::Model& m, exporter::QuantDType dtype) {
    ir::Model copy = m;
    for (auto& node : copy.graph.nodes()) {
        if (!node.is_const()) continue;
        const ir::Tensor* v = ir::attr_tensor(node.attrs, "value");
        if (!v || v->dtype() != ir::DType::Float32) continue;
        auto q = exporter::quantize(*v, dtype, node.name);
        if (!q) qFatal("%s", q.error().what().c_str());
        node.attrs["value"] = *exporter::dequantize(*q);
    }
    return copy;
}

bool close(double a, double b, double rel = 1e-9) {
    if (std::isinf(a) || std::isinf(b)) return a == b;
    return std::abs(a - b) <= rel * std::max({std::abs(a), std::abs(b), 1e-30});
}

}  // namespace

class TestQuantReport : public QObject {
    Q_OBJECT
private slots:
    void metrics_by_hand();
    void class_vector_agreement();
    void reads_numpy_files();
    void reads_inputs_json();
    void model_copies_and_sizes();
    void report_matches_independent_runs();
    void report_matches_independent_runs_keras();
    void per_node_metrics_cover_every_read_output();
    void reads_images();
    void exclude_everything_is_lossless();
};

void TestQuantReport::metrics_by_hand() {
    ErrorAccumulator acc;
    acc.add(floats({4}, {1, 2, 3, 4}), floats({4}, {1, 2, 3, 5}));
    auto m = acc.result();
    QCOMPARE(m.count, int64_t(4));
    QCOMPARE(m.max_abs, 1.0);
    QCOMPARE(m.mean_abs, 0.25);
    QCOMPARE(m.rmse, 0.5);
    QVERIFY(close(m.snr_db, 10 * std::log10(30.0)));
    QVERIFY(close(m.cosine, 34 / (std::sqrt(30.0) * std::sqrt(39.0))));
    QVERIFY(!m.top1_agreement);

    ErrorAccumulator same;  // identical: SNR +inf, cosine 1
    same.add(floats({2}, {0.5f, -1}), floats({2}, {0.5f, -1}));
    QVERIFY(std::isinf(same.result().snr_db));
    QCOMPARE(same.result().cosine, 1.0);
}

void TestQuantReport::class_vector_agreement() {
    // Row 0: same arg-max (2). Row 1: arg-max moves from 0 to 5, but class 0 stays in the top 5.
    auto ref = floats({2, 6}, {0.1f, 0.2f, 0.9f, 0, 0, 0, 0.9f, 0.5f, 0.4f, 0.3f, 0.2f, 0.1f});
    auto got = floats({2, 6}, {0.1f, 0.2f, 0.8f, 0, 0, 0, 0.5f, 0.6f, 0.4f, 0.3f, 0.2f, 0.95f});
    QVERIFY(is_class_vector(ref));
    ErrorAccumulator acc;
    acc.add(ref, got, true);
    QCOMPARE(*acc.result().top1_agreement, 0.5);
    QCOMPARE(*acc.result().top5_agreement, 1.0);
    QVERIFY(!is_class_vector(floats({1, 1}, {1})));
}

// .npy files written by NumPy (dl4j op-level corpus): shapes as their names and headers say.
void TestQuantReport::reads_numpy_files() {
    WB_REQUIRE_CORPUS();
    auto dir = wb::test::corpus_dir() / "keras_h5/dl4j-op-level/deconv";
    auto in = read_npy(dir / "mb1_k1_sz8_s1_valid_d2_nhwc_in.npy");
    QVERIFY2(in.ok(), in.ok() ? "" : in.error().what().c_str());
    QCOMPARE(in->dtype(), ir::DType::Int32);
    QCOMPARE(in->shape(), (ir::Shape{1, 8, 8, 2}));
    auto w = read_npy(dir / "mb3_k2_sz8_s1_valid_d1_nchw_W.npy");
    QVERIFY(w.ok());
    QCOMPARE(w->shape(), (ir::Shape{2, 2, 3, 2}));
    auto bad = read_npy(dir / "does_not_exist.npy");
    QVERIFY(!bad.ok());
    auto not_npy = read_npy(mobilenet_mid());
    QVERIFY(!not_npy.ok());
}

// The tfjs reference runner's layout: inputs.json + raw little-endian .bin per tensor.
void TestQuantReport::reads_inputs_json() {
    ir::Model m;
    m.inputs.push_back({"x", "x:0", ir::DType::Float32, ir::Shape{-1, 3}});
    auto dir = wb::test::temp_dir("quant_inputs");
    std::vector<float> data{1, 2, 3, 4, 5, 6};
    std::ofstream(dir / "x.bin", std::ios::binary).write(reinterpret_cast<const char*>(data.data()), 24);
    std::ofstream(dir / "inputs.json") << R"({"x": {"shape": [2, 3], "dtype": "float32", "file": "x.bin"}})";
    auto samples = load_samples(m, {(dir / "inputs.json").string()});
    QVERIFY2(samples.ok(), samples.ok() ? "" : samples.error().what().c_str());
    QCOMPARE(samples->size(), std::size_t(2));  // batch dim -1: two samples of batch 1
    QCOMPARE((*samples)[1][0].first, std::string("x:0"));
    QCOMPARE((*samples)[1][0].second.shape(), (ir::Shape{1, 3}));
    QCOMPARE((*samples)[1][0].second.data<float>()[2], 6.f);

    std::ofstream(dir / "bad.json") << R"({"y": {"shape": [1, 3], "data": [1, 2, 3]}})";
    auto bad = load_samples(m, {(dir / "bad.json").string()});
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().item.find("'y'") != std::string::npos);
}

void TestQuantReport::model_copies_and_sizes() {
    WB_REQUIRE_CORPUS();
    auto model = formats::read_model(mobilenet_mid());
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().what().c_str());
    const std::size_t f32 = unquantized_bytes(*model);
    std::size_t elements = 0;
    for (const auto& n : model->graph.nodes())
        if (n.is_const()) elements += static_cast<std::size_t>(ir::attr_tensor(n.attrs, "value")->num_elements());
    QCOMPARE(f32, 4 * elements);  // every weight of this model is float32

    auto u8 = quantize_model(*model, exporter::quantize_all(exporter::QuantDType::UInt8), {});
    auto f16 = quantize_model(*model, exporter::quantize_all(exporter::QuantDType::Float16), {});
    auto u16 = quantize_model(*model, exporter::quantize_all(exporter::QuantDType::UInt16), {});
    QVERIFY(u8.ok() && f16.ok() && u16.ok());
    QCOMPARE(u8->bytes * 4, f32);
    QCOMPARE(f16->bytes * 2, f32);
    QCOMPARE(u16->bytes * 2, f32);
    QCOMPARE(u8->quantized, 108);
    // The corpus model was uint8-quantized by the converter: quantizing its decoded values to
    // uint8 again gives back the same codes, so only float32 rounding of min/scale remains.
    for (const auto& w : u8->weights) QVERIFY(w.rmse_over_scale.value_or(0.0) < 1e-4);
    for (const auto& w : u16->weights) {
        QVERIFY(w.scale && *w.scale > 0);
        QVERIFY(*w.rmse_over_scale <= 0.5);  // never worse than half a step
    }
    // Excluding a pattern keeps those weights float32 and the size grows accordingly.
    auto some = quantize_model(*model, exporter::quantize_all(exporter::QuantDType::UInt8), {"*Conv/Conv2D_weights"});
    QVERIFY(some.ok());
    QCOMPARE(some->quantized, 107);
    QCOMPARE(some->bytes, u8->bytes + 3 * 3 * 3 * 48 * 3);
}

namespace {

// The report's per-output metrics must equal these, computed here from the float32 run and a
// run on the dequantized copy, for every output of the model.
void expect_report_matches_runs(const ir::Model& model, int sample_count, std::size_t min_nodes) {
    QuantReportOptions options;
    options.random_count = sample_count;
    auto report = quant_report(model, options);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().what().c_str());
    QCOMPARE(report->configs.size(), std::size_t(3));
    QCOMPARE(report->samples, sample_count);

    auto samples = random_samples(model, sample_count, options.random);
    QVERIFY(samples.ok());
    auto ref_session = runtime::Session::create(std::make_shared<const ir::Model>(model));
    QVERIFY(ref_session.ok());
    const exporter::QuantDType dtypes[] = {exporter::QuantDType::Float16, exporter::QuantDType::UInt8,
                                           exporter::QuantDType::UInt16};
    for (std::size_t c = 0; c < 3; ++c) {
        const auto& cr = report->configs[c];
        QCOMPARE(cr.name, std::string(exporter::quant_dtype_name(dtypes[c])));
        auto q_session = runtime::Session::create(std::make_shared<const ir::Model>(dequantized_copy(model, dtypes[c])));
        QVERIFY(q_session.ok());
        std::vector<std::vector<ir::Tensor>> ref, got;
        for (const auto& s : *samples) {
            auto a = (*ref_session)->run(s);
            auto b = (*q_session)->run(s);
            QVERIFY(a.ok() && b.ok());
            ref.push_back(std::move(*a));
            got.push_back(std::move(*b));
        }
        QCOMPARE(cr.outputs.size(), ref[0].size());
        for (std::size_t k = 0; k < ref[0].size(); ++k) {
            double max_abs = 0, sum_abs = 0, sum_sq = 0, ref_sq = 0, q_sq = 0, dot = 0;
            int64_t n = 0, top1 = 0, rows = 0;
            for (std::size_t s = 0; s < ref.size(); ++s) {
                const ir::Tensor& ta = ref[s][k];
                const ir::Tensor& tb = got[s][k];
                for (int64_t i = 0; i < ta.num_elements(); ++i) {
                    double x = ta.data<float>()[i], y = tb.data<float>()[i], e = std::abs(y - x);
                    max_abs = std::max(max_abs, e);
                    sum_abs += e;
                    sum_sq += e * e;
                    ref_sq += x * x;
                    q_sq += y * y;
                    dot += x * y;
                    ++n;
                }
                const int64_t classes = ta.shape().dims.empty() ? 0 : ta.shape().dims.back();
                for (int64_t r = 0; classes >= 2 && ta.shape().rank() <= 2 && r < ta.num_elements() / classes; ++r) {
                    const float* pa = ta.data<float>() + r * classes;
                    const float* pb = tb.data<float>() + r * classes;
                    top1 += std::max_element(pa, pa + classes) - pa == std::max_element(pb, pb + classes) - pb;
                    ++rows;
                }
            }
            const auto& m = cr.outputs[k].metrics;
            QCOMPARE(m.count, n);
            QVERIFY(close(m.max_abs, max_abs));
            QVERIFY(close(m.mean_abs, sum_abs / n));
            QVERIFY(close(m.rmse, std::sqrt(sum_sq / n)));
            QVERIFY(close(m.snr_db, sum_sq == 0 ? INFINITY : 10 * std::log10(ref_sq / sum_sq)));
            QVERIFY(close(m.cosine, ref_sq * q_sq == 0 ? 1.0 : dot / std::sqrt(ref_sq * q_sq)));
            QCOMPARE(m.top1_agreement.has_value(), rows > 0);
            if (rows > 0) QVERIFY(close(*m.top1_agreement, double(top1) / rows));
        }
        // Every computed node has its own metrics (each output another node reads).
        QVERIFY2(cr.nodes.size() >= min_nodes, std::to_string(cr.nodes.size()).c_str());
    }
}

}  // namespace

// Acceptance: the report's per-output metrics equal those computed here from two Session runs.
void TestQuantReport::report_matches_independent_runs() {
    WB_REQUIRE_CORPUS();
    auto model = formats::read_model(mobilenet_mid());
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().what().c_str());
    expect_report_matches_runs(*model, 2, 60);
    if (QTest::currentTestFailed()) return;
    QuantReportOptions options;
    options.random_count = 1;
    options.per_node = false;
    auto report = quant_report(*model, options);
    QVERIFY(report.ok());
    const auto& u8 = report->configs[1];  // same codes as the converter's: nearly lossless
    QVERIFY(u8.outputs[0].metrics.snr_db > report->configs[0].outputs[0].metrics.snr_db);
    QCOMPARE(u8.model_bytes * 4, report->float32_bytes);
    QVERIFY(u8.outputs[0].metrics.top5_agreement.has_value());  // 5 classes
}

// The same acceptance on Keras models (lowered to TF ops by the keras reader).
void TestQuantReport::report_matches_independent_runs_keras() {
    WB_REQUIRE_CORPUS();
    const char* files[] = {"keras_h5/face_classification/fer2013_mini_XCEPTION.102-0.66.hdf5",
                           "keras_h5/dl4j/examples/12net.h5", "keras_h5/dl4j/examples/cnn1d/cnn1d_flatten_tf_keras2.h5",
                           "keras_h5/dl4j/examples/simple_lstm/simple_lstm_tf_keras_2_model.h5"};
    for (const char* file : files) {
        auto model = formats::read_model(wb::test::corpus_dir() / file);
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().what().c_str());
        expect_report_matches_runs(*model, 2, 3);
        if (QTest::currentTestFailed()) QFAIL(file);
    }
}

// Every output another node reads gets its own row, named node:k for k > 0.
void TestQuantReport::per_node_metrics_cover_every_read_output() {
    ir::Model m;
    auto add = [&](std::string name, std::string op, std::vector<std::string> inputs, ir::AttrMap attrs = {}) {
        m.graph.add(ir::Node{std::move(name), std::move(op), std::move(inputs), {}, std::move(attrs), {}});
    };
    add("x", "Placeholder", {}, {{"dtype", ir::DType::Float32}, {"shape", ir::Shape{1, 4}}});
    add("w", "Const", {}, {{"dtype", ir::DType::Float32}, {"value", floats({4, 4}, std::vector<float>(16, 0.37f))}});
    add("mm", "MatMul", {"x", "w"}, {{"T", ir::DType::Float32}, {"transpose_a", false}, {"transpose_b", false}});
    add("axis", "Const", {}, {{"dtype", ir::DType::Int32}, {"value", ir::Tensor::scalar(ir::DType::Int32, int32_t(1))}});
    add("split", "Split", {"axis", "mm"}, {{"T", ir::DType::Float32}, {"num_split", int64_t(2)}});
    add("y", "AddV2", {"split", "split:1"}, {{"T", ir::DType::Float32}});
    m.graph.reindex();
    m.inputs.push_back({"x", "x:0", ir::DType::Float32, ir::Shape{1, 4}});
    m.outputs.push_back({"y", "y:0", ir::DType::Float32, ir::Shape::unknown()});
    QuantReportOptions options;
    options.random_count = 1;
    options.configs.push_back({"uint8", exporter::quantize_all(exporter::QuantDType::UInt8)});
    auto report = quant_report(m, options);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().what().c_str());
    std::vector<std::string> names;
    for (const auto& n : report->configs[0].nodes) names.push_back(n.name);
    QCOMPARE(names, (std::vector<std::string>{"mm", "split", "split:1"}));
}

// PNG and JPEG inputs: decoded, resized bilinearly to the input's H×W, scaled to its range.
void TestQuantReport::reads_images() {
    auto dir = wb::test::temp_dir("quant_images");
    // A 2×2 RGB image written by Qt's PNG/JPEG writers, read back with libpng / libjpeg.
    QImage img(2, 2, QImage::Format_RGB888);
    img.setPixelColor(0, 0, QColor(0, 0, 0));
    img.setPixelColor(1, 0, QColor(255, 0, 0));
    img.setPixelColor(0, 1, QColor(0, 255, 0));
    img.setPixelColor(1, 1, QColor(0, 0, 255));
    QVERIFY(img.save(QString::fromStdString((dir / "tiny.png").string()), "PNG"));
    auto rgb = read_image(dir / "tiny.png");
    QVERIFY2(rgb.ok(), rgb.ok() ? "" : rgb.error().what().c_str());
    QCOMPARE(rgb->shape(), (ir::Shape{2, 2, 3}));
    const std::vector<int> want{0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255};
    for (int i = 0; i < 12; ++i) QCOMPARE(int(rgb->data<uint8_t>()[i]), want[i]);

    // 2 → 4 with half-pixel centres: source x = (i + 0.5)/2 − 0.5 = −0.25, 0.25, 0.75, 1.25,
    // clamped to [0, 1]: red channel of row 0 is 0, 63.75, 191.25, 255.
    auto big = resize_bilinear(*rgb, 4, 4);
    const float* r = big.data<float>();
    QCOMPARE(r[0 * 3], 0.f);
    QCOMPARE(r[1 * 3], 63.75f);
    QCOMPARE(r[2 * 3], 191.25f);
    QCOMPARE(r[3 * 3], 255.f);

    // Through load_samples into a [-1, 4, 4, 3] float input whose range is [0, 1): p / 255.
    ir::Model m;
    m.inputs.push_back({"img", "img:0", ir::DType::Float32, ir::Shape{-1, 4, 4, 3}});
    auto samples = load_samples(m, {(dir / "tiny.png").string()});
    QVERIFY2(samples.ok(), samples.ok() ? "" : samples.error().what().c_str());
    const ir::Tensor& t = (*samples)[0][0].second;
    QCOMPARE(t.shape(), (ir::Shape{1, 4, 4, 3}));
    QVERIFY(std::abs(t.data<float>()[3] - 63.75f / 255.f) < 1e-7f);

    // JPEG is lossy: compare with Qt's own decoding of the same file, a pixel level apart at most.
    QImage photo(37, 21, QImage::Format_RGB888);
    for (int y = 0; y < 21; ++y)
        for (int x = 0; x < 37; ++x) photo.setPixelColor(x, y, QColor(x * 6, y * 12, (x + y) * 4));
    QVERIFY(photo.save(QString::fromStdString((dir / "photo.jpg").string()), "JPEG", 90));
    QImage qt_decoded(QString::fromStdString((dir / "photo.jpg").string()));
    QVERIFY(!qt_decoded.isNull());
    qt_decoded = qt_decoded.convertToFormat(QImage::Format_RGB888);
    auto jpg = read_image(dir / "photo.jpg");
    QVERIFY2(jpg.ok(), jpg.ok() ? "" : jpg.error().what().c_str());
    QCOMPARE(jpg->shape(), (ir::Shape{21, 37, 3}));
    int worst = 0;
    for (int y = 0; y < 21; ++y)
        for (int x = 0; x < 37; ++x) {
            const QColor c = qt_decoded.pixelColor(x, y);
            const uint8_t* p = jpg->data<uint8_t>() + (y * 37 + x) * 3;
            worst = std::max({worst, std::abs(p[0] - c.red()), std::abs(p[1] - c.green()), std::abs(p[2] - c.blue())});
        }
    QVERIFY2(worst <= 2, std::to_string(worst).c_str());

    // A grey input takes luma; a broken file is an error naming it.
    ir::Model grey;
    grey.inputs.push_back({"g", "g:0", ir::DType::Float32, ir::Shape{1, 3, 5, 1}});
    auto g = load_samples(grey, {(dir / "photo.jpg").string()});
    QVERIFY2(g.ok(), g.ok() ? "" : g.error().what().c_str());
    QCOMPARE((*g)[0][0].second.shape(), (ir::Shape{1, 3, 5, 1}));
    std::ofstream(dir / "broken.png") << "not a png";
    auto broken = load_samples(m, {(dir / "broken.png").string()});
    QVERIFY(!broken.ok());
    QVERIFY(broken.error().file.find("broken.png") != std::string::npos);
}

void TestQuantReport::exclude_everything_is_lossless() {
    WB_REQUIRE_CORPUS();
    auto model = formats::read_model(mobilenet_mid());
    QVERIFY(model.ok());
    QuantReportOptions options;
    options.random_count = 1;
    options.per_node = false;
    options.exclude = {"*"};
    options.configs.push_back({"float16", exporter::quantize_all(exporter::QuantDType::Float16)});
    auto report = quant_report(*model, options);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().what().c_str());
    QCOMPARE(report->configs[0].quantized_weights, 0);
    QCOMPARE(report->configs[0].model_bytes, report->float32_bytes);
    QCOMPARE(report->configs[0].outputs[0].metrics.max_abs, 0.0);
    QVERIFY(std::isinf(report->configs[0].outputs[0].metrics.snr_db));
    QVERIFY(report->configs[0].nodes.empty());
    auto json = quant_report_json(*report);
    QCOMPARE(json["configurations"][0]["outputs"][0]["snr_db"].get<std::string>(), std::string("inf"));
}

QTEST_GUILESS_MAIN(TestQuantReport)
#include "tst_quant_report.moc"
