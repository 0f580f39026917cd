// SPDX-License-Identifier: Apache-2.0
// LocallyConnected1D/2D lowering against a naive reference written here from Keras' semantics
// (backend.local_conv + backend.bias_add, implementation 1): the corpus has the layer only in
// dl4j/tfkeras/cnn2d_34 (channels_first), cnn2d_94 and cnn2d_95, without reference outputs. Each
// of their LocallyConnected2D layers runs alone with its real weights on seeded inputs; the whole
// models run; LocallyConnected1D (no corpus file) runs with seeded weights. Tolerance 1e-5 abs +
// 1e-5 rel (float sums in another order).
#include <QTest>

#include <cmath>
#include <random>

#include <nlohmann/json.hpp>

#include "keras_layer_test.h"
#include "formats/keras_h5/keras_h5_reader.h"
#include "formats/registry.h"
#include "runtime/session.h"

namespace fs = std::filesystem;
namespace fk = wb::formats::keras;
using json = nlohmann::json;
using wb::ir::Tensor;
using wb::test::expect_close;
using wb::test::seeded;

namespace {

// One layer with its geometry: spatial dims (1D as height 1), channels, kernel, strides.
struct Geometry {
    bool channels_first = false;
    int64_t h = 1, w = 1, c = 1, kh = 1, kw = 1, sh = 1, sw = 1, oh = 1, ow = 1, filters = 1;
};

// out = local_conv(x) + bias_add(bias) then tanh/linear, straight from the Keras definitions:
// patch features flatten in the input's axis order, the bias buffer (positions..., filters) is
// reshaped (not transposed) for channels_first.
std::vector<double> naive(const Geometry& g, const Tensor& x, const Tensor& kernel, const Tensor* bias, bool tanh_act) {
    const float* xd = x.data<float>();
    const float* kd = kernel.data<float>();
    const int64_t n = x.shape().dims[0], features = g.kh * g.kw * g.c, positions = g.oh * g.ow;
    std::vector<double> out(size_t(n * positions * g.filters));
    for (int64_t b = 0; b < n; ++b)
        for (int64_t r = 0; r < g.oh; ++r)
            for (int64_t q = 0; q < g.ow; ++q)
                for (int64_t f = 0; f < g.filters; ++f) {
                    double acc = 0;
                    for (int64_t i = 0; i < g.kh; ++i)
                        for (int64_t j = 0; j < g.kw; ++j)
                            for (int64_t ch = 0; ch < g.c; ++ch) {
                                const int64_t y = r * g.sh + i, z = q * g.sw + j;
                                const int64_t xi = g.channels_first ? ((b * g.c + ch) * g.h + y) * g.w + z
                                                                    : ((b * g.h + y) * g.w + z) * g.c + ch;
                                const int64_t feature = g.channels_first ? (ch * g.kh + i) * g.kw + j : (i * g.kw + j) * g.c + ch;
                                acc += double(xd[xi]) * kd[((r * g.ow + q) * features + feature) * g.filters + f];
                            }
                    const int64_t o = g.channels_first ? (b * g.filters + f) * positions + r * g.ow + q
                                                       : (b * positions + r * g.ow + q) * g.filters + f;
                    if (bias) acc += bias->data<float>()[o - b * positions * g.filters];
                    out[size_t(o)] = tanh_act ? std::tanh(acc) : acc;
                }
    return out;
}

// A Functional model of one input and one layer, lowered as the reader lowers files.
wb::Expected<wb::ir::Model> single_layer(const std::string& class_name, json config, const std::vector<int64_t>& input,
                                         std::vector<fk::KerasWeight> weights) {
    fk::KerasArchive a;
    a.keras_version = "2.2.4-tf";
    a.backend = "tensorflow";
    const std::string name = config["name"];
    json shape = json::array({nullptr});
    for (auto d : input) shape.push_back(d);
    json in = {{"class_name", "InputLayer"}, {"name", "x"}, {"inbound_nodes", json::array()},
               {"config", {{"batch_input_shape", shape}, {"dtype", "float32"}, {"name", "x"}}}};
    json layer = {{"class_name", class_name}, {"name", name}, {"config", config},
                  {"inbound_nodes", json::parse(R"([[["x", 0, 0, {}]]])")}};
    a.model_config = {{"class_name", "Model"},
                      {"config", {{"name", "m"}, {"layers", {in, layer}}, {"input_layers", {{"x", 0, 0}}},
                                  {"output_layers", {{name, 0, 0}}}}}};
    a.layers.push_back({name, std::move(weights)});
    return wb::formats::keras_model_from_archive(a, "single_layer", "keras", false);
}

wb::Expected<std::vector<Tensor>> run(wb::ir::Model m, const Tensor& x) {
    const std::string key = m.inputs.at(0).key;
    auto s = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(m)));
    if (!s) return s.error();
    return (*s)->run({{key, x}});
}

}  // namespace

class TestKerasLocallyConnected : public QObject {
    Q_OBJECT
private slots:
    void corpus_layers_match_naive_data();
    void corpus_layers_match_naive();
    void locally_connected_1d_data();
    void locally_connected_1d();
    void refusals();
};

void TestKerasLocallyConnected::corpus_layers_match_naive_data() {
    QTest::addColumn<QString>("rel");
    QTest::newRow("cnn2d_34 channels_first") << "dl4j/tfkeras/cnn2d_34.h5";
    QTest::newRow("cnn2d_94") << "dl4j/tfkeras/cnn2d_94.h5";
    QTest::newRow("cnn2d_95") << "dl4j/tfkeras/cnn2d_95.h5";
}

void TestKerasLocallyConnected::corpus_layers_match_naive() {
    WB_REQUIRE_CORPUS();
    QFETCH(QString, rel);
    const fs::path file = wb::test::corpus_dir() / "keras_h5" / rel.toStdString();
    auto archive = wb::formats::read_keras_archive(file);
    QVERIFY2(archive, archive ? "" : archive.error().what().c_str());
    int tested = 0;
    for (const auto& l : archive->model_config["config"]["layers"]) {
        if (l["class_name"] != "LocallyConnected2D") continue;
        const json& cfg = l["config"];
        const auto* weights = fk::find_layer(*archive, cfg["name"]);
        QVERIFY(weights && weights->weights.size() == 2);
        const Tensor& kernel = weights->weights[0].value;
        const Tensor& bias = weights->weights[1].value;
        Geometry g;
        g.channels_first = cfg["data_format"] == "channels_first";
        g.kh = cfg["kernel_size"][0], g.kw = cfg["kernel_size"][1], g.sh = cfg["strides"][0], g.sw = cfg["strides"][1];
        g.oh = bias.shape().dims[0], g.ow = bias.shape().dims[1], g.filters = cfg["filters"];
        g.c = kernel.shape().dims[1] / (g.kh * g.kw);
        g.h = (g.oh - 1) * g.sh + g.kh, g.w = (g.ow - 1) * g.sw + g.kw;
        const std::vector<int64_t> in = g.channels_first ? std::vector<int64_t>{g.c, g.h, g.w} : std::vector<int64_t>{g.h, g.w, g.c};
        auto m = single_layer("LocallyConnected2D", cfg, in, weights->weights);
        QVERIFY2(m, m ? "" : m.error().what().c_str());
        const Tensor x = seeded({2, in[0], in[1], in[2]}, 11 + unsigned(tested));
        auto out = run(std::move(*m), x);
        QVERIFY2(out, out ? "" : out.error().what().c_str());
        expect_close(out->at(0), naive(g, x, kernel, &bias, cfg["activation"] == "tanh"), cfg["name"]);
        ++tested;
    }
    QCOMPARE(tested, 2);

    // The whole model lowers and runs (SpatialDropout, padding, up-sampling, pooling around it).
    auto whole = wb::formats::read_model(file);
    QVERIFY2(whole, whole ? "" : whole.error().what().c_str());
    std::vector<int64_t> dims{1};
    for (size_t i = 1; i < whole->inputs[0].shape.dims.size(); ++i) dims.push_back(whole->inputs[0].shape.dims[i]);
    auto out = run(std::move(*whole), seeded(dims, 3));
    QVERIFY2(out, out ? "" : out.error().what().c_str());
    for (int64_t i = 0; i < out->at(0).num_elements(); ++i) QVERIFY(std::isfinite(out->at(0).value_as_double(i)));
}

void TestKerasLocallyConnected::locally_connected_1d_data() {
    QTest::addColumn<bool>("channels_first");
    QTest::addColumn<int>("stride");
    QTest::addColumn<bool>("use_bias");
    QTest::newRow("channels_last stride 1") << false << 1 << true;
    QTest::newRow("channels_last stride 2, no bias") << false << 2 << false;
    QTest::newRow("channels_first stride 3") << true << 3 << true;
}

void TestKerasLocallyConnected::locally_connected_1d() {
    QFETCH(bool, channels_first);
    QFETCH(int, stride);
    QFETCH(bool, use_bias);
    Geometry g;
    g.channels_first = channels_first;
    g.w = 13, g.c = 5, g.kw = 3, g.sw = stride, g.filters = 7;
    g.ow = (g.w - g.kw) / g.sw + 1;
    json cfg = {{"name", "lc"}, {"filters", g.filters}, {"kernel_size", {g.kw}}, {"strides", {g.sw}}, {"padding", "valid"},
                {"data_format", channels_first ? "channels_first" : "channels_last"}, {"activation", "linear"},
                {"use_bias", use_bias}, {"implementation", 1}};
    const Tensor kernel = seeded({g.ow, g.kw * g.c, g.filters}, 21), bias = seeded({g.ow, g.filters}, 22);
    std::vector<fk::KerasWeight> weights{{"lc/kernel", kernel}};
    if (use_bias) weights.push_back({"lc/bias", bias});
    const std::vector<int64_t> in = channels_first ? std::vector<int64_t>{g.c, g.w} : std::vector<int64_t>{g.w, g.c};
    auto m = single_layer("LocallyConnected1D", cfg, in, weights);
    QVERIFY2(m, m ? "" : m.error().what().c_str());
    const Tensor x = seeded({3, in[0], in[1]}, 23);
    auto out = run(std::move(*m), x);
    QVERIFY2(out, out ? "" : out.error().what().c_str());
    const std::vector<int64_t> want_shape = channels_first ? std::vector<int64_t>{3, g.filters, g.ow} : std::vector<int64_t>{3, g.ow, g.filters};
    QVERIFY(out->at(0).shape().dims == want_shape);
    expect_close(out->at(0), naive(g, x, kernel, use_bias ? &bias : nullptr, false), "LocallyConnected1D");
}

void TestKerasLocallyConnected::refusals() {
    json cfg = {{"name", "lc"}, {"filters", 2}, {"kernel_size", {3}}, {"strides", {1}}, {"padding", "valid"},
                {"activation", "linear"}, {"use_bias", false}, {"implementation", 2}};
    auto m = single_layer("LocallyConnected1D", cfg, {8, 2}, {{"lc/kernel", seeded({8, 2, 6, 2}, 1)}});
    QVERIFY(!m);
    QVERIFY2(m.error().what().find("'lc' (LocallyConnected1D, position 1)") != std::string::npos &&
                 m.error().what().find("implementation 2") != std::string::npos,
             m.error().what().c_str());
    cfg["implementation"] = 1;
    m = single_layer("LocallyConnected1D", cfg, {8, 2}, {{"lc/kernel", seeded({5, 6, 2}, 1)}});
    QVERIFY(!m);
    QVERIFY2(m.error().what().find("does not fit 6 output positions") != std::string::npos, m.error().what().c_str());
}

QTEST_GUILESS_MAIN(TestKerasLocallyConnected)
#include "tst_keras_locally_connected.moc"
