// SPDX-License-Identifier: Apache-2.0
// The Keras Normalization preprocessing layer: no corpus file holds one, so each case builds a
// one-layer Functional model inline and compares with a naive reference written here from Keras'
// definition, (x - mean) / max(sqrt(variance), backend.epsilon() = 1e-7) with the statistics
// broadcast over the kept axes (invert: x * max(sqrt(variance), 1e-7) + mean). The config-given
// mean/variance case checks the values printed in Keras' own docstring. Tolerance 1e-5 abs + rel.
#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>

#include <nlohmann/json.hpp>

#include "keras_layer_test.h"
#include "formats/keras_h5/keras_h5_reader.h"
#include "runtime/session.h"

namespace fk = wb::formats::keras;
using json = nlohmann::json;
using wb::ir::Tensor;
using wb::test::expect_close;
using wb::test::seeded;

namespace {

// Input x (batch + `input` dims) -> Normalization(config) -> output, as a Keras 2 archive.
fk::KerasArchive archive(json config, const std::vector<int64_t>& input, std::vector<fk::KerasWeight> weights) {
    fk::KerasArchive a;
    a.keras_version = "2.11.0";
    a.backend = "tensorflow";
    config["name"] = "norm";
    json shape = json::array({nullptr});
    for (auto d : input) shape.push_back(d);
    json in = {{"class_name", "InputLayer"}, {"name", "x"}, {"inbound_nodes", json::array()},
               {"config", {{"batch_input_shape", shape}, {"dtype", "float32"}, {"name", "x"}}}};
    json layer = {{"class_name", "Normalization"}, {"name", "norm"}, {"config", config},
                  {"inbound_nodes", json::parse(R"([[["x", 0, 0, {}]]])")}};
    a.model_config = {{"class_name", "Functional"},
                      {"config", {{"name", "m"}, {"layers", {in, layer}}, {"input_layers", {{"x", 0, 0}}},
                                  {"output_layers", {{"norm", 0, 0}}}}}};
    a.layers.push_back({"x", {}});
    a.layers.push_back({"norm", std::move(weights)});
    return a;
}

wb::Expected<Tensor> run(const fk::KerasArchive& a, const Tensor& x) {
    auto m = wb::formats::keras_model_from_archive(a, "inline", "keras", false);
    if (!m) return m.error();
    const std::string key = m->inputs.at(0).key;
    auto s = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*m)));
    if (!s) return s.error();
    auto out = (*s)->run({{key, x}});
    if (!out) return out.error();
    return out->at(0);
}

}  // namespace

class TestKerasNormalization : public QObject {
    Q_OBJECT
private slots:
    void adapted_weights_data();
    void adapted_weights();
    void config_mean_variance();
    void refusals();
    void layers_model_export_refused();
};

void TestKerasNormalization::adapted_weights_data() {
    QTest::addColumn<QString>("axis");  // the config's axis as JSON
    QTest::addColumn<bool>("invert");
    QTest::newRow("axis -1") << "-1" << false;
    QTest::newRow("axis [-1] inverted") << "[-1]" << true;
    QTest::newRow("axes [1, 2]") << "[1, 2]" << false;
    QTest::newRow("axis 1") << "[1]" << false;
    QTest::newRow("axis null (global)") << "null" << false;
    QTest::newRow("axis null inverted") << "null" << true;
}

void TestKerasNormalization::adapted_weights() {
    QFETCH(QString, axis);
    QFETCH(bool, invert);
    const json ax = json::parse(axis.toStdString());
    const int64_t n = 2, h = 4, c = 3;
    // Which of (h, c) are kept: the statistics have those dims (Keras' mean_and_var_shape).
    const bool keep_h = ax.is_array() && (ax.size() == 2 || ax[0] == 1);
    const bool keep_c = ax.is_number() || (ax.is_array() && (ax.size() == 2 || ax[0] == -1));
    std::vector<int64_t> stat_dims;
    if (keep_h) stat_dims.push_back(h);
    if (keep_c) stat_dims.push_back(c);
    const Tensor mean = seeded(stat_dims, 5, -2.f, 2.f);
    Tensor variance = seeded(stat_dims, 6, 0.f, 3.f);
    variance.data<float>()[0] = 0.f;  // a constant feature: the 1e-7 floor applies
    Tensor count(wb::ir::DType::Int64, wb::ir::Shape{});
    count.data<int64_t>()[0] = 100;
    const fk::KerasArchive a = archive({{"axis", ax}, {"invert", invert}}, {h, c},
                                       {{"norm/mean", mean}, {"norm/variance", variance}, {"norm/count", count}});
    const Tensor x = seeded({n, h, c}, 7, -3.f, 3.f);
    auto got = run(a, x);
    QVERIFY2(got, got ? "" : got.error().what().c_str());
    QVERIFY((got->shape().dims == std::vector<int64_t>{n, h, c}));

    std::vector<double> want;
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < h; ++i)
            for (int64_t j = 0; j < c; ++j) {
                const int64_t s = keep_h && keep_c ? i * c + j : keep_h ? i : keep_c ? j : 0;
                const double xv = x.data<float>()[(b * h + i) * c + j];
                const double sd = std::max(std::sqrt(double(variance.data<float>()[s])), 1e-7);
                const double m = mean.data<float>()[s];
                want.push_back(invert ? xv * sd + m : (xv - m) / sd);
            }
    expect_close(*got, want);
}

// Keras' docstring: Normalization(mean=3., variance=2.) on [[1.], [2.], [3.]] gives
// [[-1.4142135], [-0.70710677], [0.]]; per-feature lists broadcast over the last axis.
void TestKerasNormalization::config_mean_variance() {
    Tensor x(wb::ir::DType::Float32, wb::ir::Shape{3, 1});
    for (int i = 0; i < 3; ++i) x.data<float>()[i] = float(i + 1);
    auto got = run(archive({{"axis", -1}, {"mean", 3.0}, {"variance", 2.0}}, {1}, {}), x);
    QVERIFY2(got, got ? "" : got.error().what().c_str());
    expect_close(*got, {-1.4142135, -0.70710677, 0.0});

    Tensor y(wb::ir::DType::Float32, wb::ir::Shape{1, 2});
    y.data<float>()[0] = 1.f, y.data<float>()[1] = 5.f;
    got = run(archive({{"axis", -1}, {"mean", {0.0, 1.0}}, {"variance", {4.0, 16.0}}, {"invert", false}}, {2}, {}), y);
    QVERIFY2(got, got ? "" : got.error().what().c_str());
    expect_close(*got, {0.5, 1.0});
}

void TestKerasNormalization::refusals() {
    const Tensor x = seeded({1, 3}, 1, 0.f, 1.f);
    auto bad_axis = run(archive({{"axis", 0}, {"mean", 0.0}, {"variance", 1.0}}, {3}, {}), x);
    QVERIFY(!bad_axis);
    QVERIFY2(bad_axis.error().what().find("layer 'norm' (Normalization") != std::string::npos, bad_axis.error().what().c_str());
    QVERIFY2(bad_axis.error().what().find("batch axis") != std::string::npos, bad_axis.error().what().c_str());

    auto not_adapted = run(archive({{"axis", -1}}, {3}, {}), x);
    QVERIFY(!not_adapted);
    QVERIFY2(not_adapted.error().what().find("no 'mean' weight") != std::string::npos, not_adapted.error().what().c_str());

    auto wrong_size = run(archive({{"axis", -1}, {"mean", {1.0, 2.0}}, {"variance", 1.0}}, {3}, {}), x);
    QVERIFY(!wrong_size);
    QVERIFY2(wrong_size.error().what().find("'mean' has 2 values, the kept axes need 3") != std::string::npos,
             wrong_size.error().what().c_str());
}

// tfjs-layers 4.22 has no Normalization class: a layers-model export names it and points to the
// graph-model export.
void TestKerasNormalization::layers_model_export_refused() {
    wb::test::expect_layers_export_refused(archive({{"axis", -1}, {"mean", 1.0}, {"variance", 4.0}}, {3}, {}), "Normalization");
}

QTEST_GUILESS_MAIN(TestKerasNormalization)
#include "tst_keras_normalization.moc"
