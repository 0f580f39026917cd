// SPDX-License-Identifier: Apache-2.0
// Keras Attention / AdditiveAttention: no corpus file holds them, so each case builds a model of
// inputs [query, value(, key)] and one attention layer inline and compares with a naive reference
// written here from Keras' dense-attention definitions (keras/layers/attention): scores by dot
// product (optionally * scale), 'concat' (concat_score_weight * sum(tanh(scale * (q + k)))) or
// additive (sum(scale_d * tanh(q + k))); causal: scores - 1e9 where the key step follows the query
// step; softmax over the key steps; weighted sum of value. Tolerance 1e-5 abs + rel.
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

// Inputs q (tq, d), v (tv, dv) and optionally k (tv, d) into one layer "att" called with `kwargs`.
fk::KerasArchive archive(const std::string& cls, json config, int64_t tq, int64_t tv, int64_t d, int64_t dv, bool with_key,
                         const json& kwargs, std::vector<fk::KerasWeight> weights) {
    fk::KerasArchive a;
    a.keras_version = "2.11.0";
    a.backend = "tensorflow";
    config["name"] = "att";
    json layers = json::array(), inputs = json::array(), call = json::array();
    auto input = [&](const std::string& name, int64_t t, int64_t dim) {
        layers.push_back({{"class_name", "InputLayer"}, {"name", name}, {"inbound_nodes", json::array()},
                          {"config", {{"batch_input_shape", {nullptr, t, dim}}, {"dtype", "float32"}, {"name", name}}}});
        inputs.push_back({name, 0, 0});
        call.push_back({name, 0, 0, kwargs});
    };
    input("q", tq, d);
    input("v", tv, dv);
    if (with_key) input("k", tv, d);
    layers.push_back({{"class_name", cls}, {"name", "att"}, {"config", config}, {"inbound_nodes", {call}}});
    a.model_config = {{"class_name", "Functional"},
                      {"config", {{"name", "m"}, {"layers", layers}, {"input_layers", inputs}, {"output_layers", {{"att", 0, 0}}}}}};
    a.layers.push_back({"att", std::move(weights)});
    return a;
}

wb::Expected<Tensor> run(const fk::KerasArchive& a, const std::vector<Tensor>& xs) {
    auto m = wb::formats::keras_model_from_archive(a, "inline", "keras", false);
    if (!m) return m.error();
    std::vector<std::pair<std::string, Tensor>> feeds;
    for (size_t i = 0; i < xs.size(); ++i) feeds.emplace_back(m->inputs.at(i).key, xs[i]);
    auto s = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*m)));
    if (!s) return s.error();
    auto out = (*s)->run(feeds);
    if (!out) return out.error();
    return out->at(0);
}

enum Mode { Dot, Concat, Additive };

// The Keras formulas, element by element in double precision.
std::vector<double> naive(Mode mode, const Tensor& q, const Tensor& v, const Tensor& k, const std::vector<float>& scale,
                          float concat_weight, bool causal) {
    const auto& qd = q.shape().dims;
    const int64_t n = qd[0], tq = qd[1], d = qd[2], tv = v.shape().dims[1], dv = v.shape().dims[2];
    auto at = [](const Tensor& t, int64_t b, int64_t i, int64_t j) {
        const auto& s = t.shape().dims;
        return double(t.data<float>()[(b * s[1] + i) * s[2] + j]);
    };
    std::vector<double> out;
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < tq; ++i) {
            std::vector<double> score(size_t(tv), 0.0);
            for (int64_t j = 0; j < tv; ++j) {
                double s = 0;
                for (int64_t c = 0; c < d; ++c) {
                    const double qk = at(q, b, i, c), kk = at(k, b, j, c);
                    if (mode == Dot) s += qk * kk;
                    else if (mode == Concat) s += std::tanh((scale.empty() ? 1.0 : scale[0]) * (qk + kk));
                    else s += (scale.empty() ? 1.0 : scale[size_t(c)]) * std::tanh(qk + kk);
                }
                if (mode == Dot && !scale.empty()) s *= scale[0];
                if (mode == Concat) s *= concat_weight;
                if (causal && j > i) s -= 1e9;
                score[size_t(j)] = s;
            }
            const double top = *std::max_element(score.begin(), score.end());
            double total = 0;
            for (auto& s : score) total += (s = std::exp(s - top));
            for (int64_t c = 0; c < dv; ++c) {
                double acc = 0;
                for (int64_t j = 0; j < tv; ++j) acc += score[size_t(j)] / total * at(v, b, j, c);
                out.push_back(acc);
            }
        }
    return out;
}

Tensor scalar(float v) {
    Tensor t(wb::ir::DType::Float32, wb::ir::Shape{});
    t.data<float>()[0] = v;
    return t;
}

}  // namespace

class TestKerasAttention : public QObject {
    Q_OBJECT
private slots:
    void matches_keras_formulas_data();
    void matches_keras_formulas();
    void refusals();
    void layers_model_export_refused();
};

void TestKerasAttention::matches_keras_formulas_data() {
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("use_scale");
    QTest::addColumn<bool>("with_key");
    QTest::addColumn<QString>("causal");  // "", "config" (Keras <= 2.9) or "call" (use_causal_mask)
    QTest::newRow("dot") << int(Dot) << false << false << "";
    QTest::newRow("dot scaled, key, causal in config") << int(Dot) << true << true << "config";
    QTest::newRow("dot, use_causal_mask") << int(Dot) << false << true << "call";
    QTest::newRow("concat scaled") << int(Concat) << true << false << "";
    QTest::newRow("concat, key, use_causal_mask") << int(Concat) << false << true << "call";
    QTest::newRow("additive scaled, key") << int(Additive) << true << true << "";
    QTest::newRow("additive unscaled, use_causal_mask") << int(Additive) << false << false << "call";
}

void TestKerasAttention::matches_keras_formulas() {
    QFETCH(int, mode);
    QFETCH(bool, use_scale);
    QFETCH(bool, with_key);
    QFETCH(QString, causal);
    const int64_t n = 2, tq = 3, tv = 5, d = 4, dv = with_key ? 6 : 4;
    json cfg = {{"use_scale", use_scale}, {"dropout", 0.1}, {"trainable", true}, {"dtype", "float32"}};
    if (mode != Additive) cfg["score_mode"] = mode == Dot ? "dot" : "concat";
    if (causal == "config") cfg["causal"] = true;
    const json kwargs = causal == "call" ? json{{"use_causal_mask", true}} : json::object();
    std::vector<float> scale;
    std::vector<fk::KerasWeight> weights;
    if (use_scale && mode == Additive) {
        const Tensor s = seeded({d}, 9);
        scale.assign(s.data<float>(), s.data<float>() + d);
        weights.push_back({"att/scale", s});
    } else if (use_scale) {
        scale = {0.7f};
        weights.push_back({"att/scale", scalar(0.7f)});
    }
    const float concat_weight = 1.3f;
    if (mode == Concat) weights.push_back({"att/concat_score_weight", scalar(concat_weight)});
    const std::string cls = mode == Additive ? "AdditiveAttention" : "Attention";
    const auto a = archive(cls, cfg, tq, tv, d, dv, with_key, kwargs, weights);
    const Tensor q = seeded({n, tq, d}, 1), v = seeded({n, tv, dv}, 2), k = with_key ? seeded({n, tv, d}, 3) : v;
    std::vector<Tensor> xs{q, v};
    if (with_key) xs.push_back(k);
    auto got = run(a, xs);
    QVERIFY2(got, got ? "" : got.error().what().c_str());
    QVERIFY((got->shape().dims == std::vector<int64_t>{n, tq, dv}));
    expect_close(*got, naive(Mode(mode), q, v, k, scale, concat_weight, !causal.isEmpty()));
}

void TestKerasAttention::refusals() {
    const json cfg = {{"use_scale", false}};
    auto expect_error = [](const fk::KerasArchive& a, const std::string& text) {
        auto m = wb::formats::keras_model_from_archive(a, "inline", "keras", false);
        QVERIFY(!m);
        QVERIFY2(m.error().what().find("layer 'att' (") != std::string::npos, m.error().what().c_str());
        QVERIFY2(m.error().what().find(text) != std::string::npos, m.error().what().c_str());
    };
    expect_error(archive("Attention", cfg, 3, 5, 4, 4, false, {{"mask", {{"q", 0, 0}, {"v", 0, 0}}}}, {}), "'mask' is not supported");
    expect_error(archive("Attention", cfg, 3, 5, 4, 4, false, {{"return_attention_scores", true}}, {}),
                 "return_attention_scores=True is not supported");
    expect_error(archive("Attention", {{"use_scale", true}}, 3, 5, 4, 4, false, json::object(), {}), "has no 'scale' weight");
    expect_error(archive("Attention", {{"score_mode", "cosine"}}, 3, 5, 4, 4, false, json::object(), {}), "score_mode 'cosine'");
    expect_error(archive("AdditiveAttention", {{"use_scale", true}}, 3, 5, 4, 4, false, json::object(), {{"att/scale", seeded({3}, 1)}}),
                 "expected 4 values");
}

// tfjs-layers 4.22 has no Attention class: a layers-model export names it and points to the
// graph-model export.
void TestKerasAttention::layers_model_export_refused() {
    wb::test::expect_layers_export_refused(archive("Attention", {{"use_scale", false}}, 3, 5, 4, 4, false, json::object(), {}),
                                           "Attention");
}

QTEST_GUILESS_MAIN(TestKerasAttention)
#include "tst_keras_attention.moc"
