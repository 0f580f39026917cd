// SPDX-License-Identifier: Apache-2.0
// Recurrent layers with a dynamic time axis (input shape [batch, None, features]), lowered to a
// TensorFlow while loop. Two checks:
//  - Keras references: corpus models whose time axis is static are re-read with that axis made
//    dynamic (batch_input_shape[1] = null), so the loop form runs, and must reproduce the
//    predictions Keras stored (simple_lstm Keras 1, the frugally-deep GRU pair).
//  - Every corpus model with a dynamic time axis: the loop form at time length 5 must equal the
//    unrolled form of the same file with the axis fixed to 5 (the unrolled form is the one
//    tst_keras_predictions checks against Keras). tst_tfjs_layers_compat checks these files
//    against real TensorFlow.js too.
#include <QTest>
#include <cmath>
#include <fstream>
#include <memory>
#include <random>

#include "common/corpus.h"
#include "formats/keras_h5/hdf5_file.h"
#include "formats/keras_h5/keras_h5_reader.h"
#include "runtime/session.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using wb::ir::Tensor;

namespace {

// Sets the time dimension of every rank-3 input shape in a Keras config (Sequential lists,
// functional layer lists, nested models) to `time` (-1 = null); with `only_dynamic`, only
// where it is null. Returns how many changed.
int set_time_dim(json& j, int64_t time, bool only_dynamic = false) {
    int changed = 0;
    if (j.is_object()) {
        for (const char* k : {"batch_input_shape", "batch_shape"}) {
            auto it = j.find(k);
            if (it != j.end() && it->is_array() && it->size() == 3 && (!only_dynamic || (*it)[1].is_null())) {
                (*it)[1] = time < 0 ? json() : json(time);
                ++changed;
            }
        }
        for (auto& [k, v] : j.items())
            if (v.is_structured()) changed += set_time_dim(v, time, only_dynamic);
    } else if (j.is_array()) {
        for (auto& v : j) changed += set_time_dim(v, time, only_dynamic);
    }
    return changed;
}

wb::Expected<wb::ir::Model> read_with_time(const fs::path& p, int64_t time, int* changed) {
    auto a = wb::formats::read_keras_archive(p);
    if (!a) return a.error();
    *changed = set_time_dim(a->model_config, time, time >= 0);
    return wb::formats::keras_model_from_archive(*a, p.string(), "keras", false);
}

std::string compare(const Tensor& got, const Tensor& want, double abs_tol, double rel_tol) {
    if (got.num_elements() != want.num_elements())
        return "element count " + std::to_string(got.num_elements()) + " vs " + std::to_string(want.num_elements());
    for (int64_t i = 0; i < got.num_elements(); ++i) {
        double g = got.value_as_double(i), w = want.value_as_double(i);
        if (!(std::abs(g - w) <= abs_tol + rel_tol * std::abs(w)))
            return "element " + std::to_string(i) + ": " + std::to_string(g) + " vs " + std::to_string(w);
    }
    return {};
}

wb::Expected<std::vector<Tensor>> run(wb::ir::Model model, const std::vector<wb::runtime::NamedTensor>& feeds) {
    auto s = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(model)));
    if (!s) return s.error();
    return (*s)->run(feeds);
}

bool has_op(const wb::ir::Model& m, const char* op) {
    for (const auto& n : m.graph.nodes())
        if (n.op == op) return true;
    return false;
}

int g_loop_models = 0, g_loop_matched = 0;

}  // namespace

class TestKerasRnn : public QObject {
    Q_OBJECT
private slots:
    void keras_reference_data();
    void keras_reference();
    void loop_equals_unrolled_data();
    void loop_equals_unrolled();
    void cleanupTestCase();
};

void TestKerasRnn::keras_reference_data() {
    QTest::addColumn<QString>("model");
    QTest::newRow("simple_lstm_tf_keras_1") << "dl4j/examples/simple_lstm/simple_lstm_tf_keras_1";
    QTest::newRow("simple_lstm_th_keras_1") << "dl4j/examples/simple_lstm/simple_lstm_th_keras_1";
    QTest::newRow("gru_stateless") << "frugally-deep/temp_stateless.h5";
    QTest::newRow("gru_stateful") << "frugally-deep/temp_stateful.h5";
}

void TestKerasRnn::keras_reference() {
    WB_REQUIRE_CORPUS();
    QFETCH(QString, model);
    const fs::path base = wb::test::corpus_dir() / "keras_h5" / model.toStdString();
    const bool gru = model.startsWith("frugally");
    int changed = 0;
    auto m = read_with_time(gru ? base : fs::path(base.string() + "_model.h5"), -1, &changed);
    QVERIFY2(m, m ? "" : m.error().what().c_str());
    QVERIFY(changed > 0);
    QVERIFY2(has_op(*m, "LoopCond") && has_op(*m, "Enter"), "dynamic time must lower to a while loop");
    const auto outputs = m->outputs;
    const auto inputs = m->inputs;
    if (gru) {
        // frugally-deep temp_rnn_test: x = [1,0,0], h0 = 10; Keras printed [-7.676248 -7.5144324 -7.3429837].
        Tensor x = Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape{1, 3, 1}, {1.f, 0.f, 0.f});
        Tensor h0 = Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape{1, 1}, {10.f});
        auto outs = run(std::move(*m), {{"input_1", x}, {"input_2", h0}});
        QVERIFY2(outs, outs ? "" : outs.error().what().c_str());
        Tensor want = Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape{1, 3, 1}, {-7.676248f, -7.5144324f, -7.3429837f});
        std::string diff = compare(outs->at(0), want, 1e-5, 1e-4);
        QVERIFY2(diff.empty(), diff.c_str());
        return;
    }
    auto file = wb::formats::h5::File::open(base.string() + "_inputs_and_outputs.h5");
    QVERIFY2(file, file ? "" : file.error().what().c_str());
    auto in = file->root().group("inputs");
    auto preds = file->root().group("predictions");
    QVERIFY(in && preds);
    auto stored = in->children();
    QVERIFY(stored && stored->size() == 1 && inputs.size() == 1);  // Keras 1 names its input at run time
    auto x = in->read_float_dataset(stored->front());
    QVERIFY2(x, x ? "" : x.error().what().c_str());
    auto outs = run(std::move(*m), {{inputs[0].key, *x}});
    QVERIFY2(outs, outs ? "" : outs.error().what().c_str());
    auto want = preds->read_float_dataset(outputs[0].key);
    QVERIFY2(want, want ? "" : want.error().what().c_str());
    std::string diff = compare(outs->at(0), *want, 1e-5, 1e-4);
    QVERIFY2(diff.empty(), diff.c_str());
}

void TestKerasRnn::loop_equals_unrolled_data() {
    QTest::addColumn<QString>("file");
    if (wb::test::corpus_dir().empty()) {
        QTest::newRow("corpus-missing") << QString();
        return;
    }
    const char* src = std::getenv("WB_SOURCE_DIR");
    std::ifstream table(fs::path(src ? src : WB_TEST_SOURCE_DIR) / "tests/core/formats/data/keras_h5_corpus.tsv");
    std::string line;
    while (std::getline(table, line)) {
        if (line.empty() || line[0] == '#') continue;
        const std::string file = line.substr(0, line.find('\t'));
        if (line.substr(file.size() + 1) != "lowered") continue;
        auto a = wb::formats::read_keras_archive(wb::test::corpus_dir() / "keras_h5" / file, {}, true);
        if (!a || a->model_config.is_null()) continue;
        json probe = a->model_config;
        if (set_time_dim(probe, 5, true) > 0) QTest::newRow(file.c_str()) << QString::fromStdString(file);
    }
}

void TestKerasRnn::loop_equals_unrolled() {
    WB_REQUIRE_CORPUS();
    QFETCH(QString, file);
    const fs::path p = wb::test::corpus_dir() / "keras_h5" / file.toStdString();
    ++g_loop_models;
    auto dyn = wb::formats::read_model(p);
    QVERIFY2(dyn, dyn ? "" : dyn.error().what().c_str());
    QVERIFY(has_op(*dyn, "LoopCond"));
    int changed = 0;
    auto fixed = read_with_time(p, 5, &changed);
    QVERIFY2(fixed, fixed ? "" : fixed.error().what().c_str());
    QVERIFY(!has_op(*fixed, "LoopCond"));
    std::mt19937 rng(42);
    std::uniform_real_distribution<float> dist(-1.f, 1.f);
    std::vector<wb::runtime::NamedTensor> feeds;
    for (const auto& in : dyn->inputs) {
        std::vector<int64_t> dims = in.shape.dims;
        for (size_t i = 0; i < dims.size(); ++i)
            if (dims[i] < 0) dims[i] = i == 0 ? 2 : 5;  // batch 2, time 5
        Tensor t(wb::ir::DType::Float32, wb::ir::Shape(dims));
        for (int64_t i = 0; i < t.num_elements(); ++i) t.data<float>()[i] = dist(rng);
        feeds.emplace_back(in.key, t);
    }
    const auto keys = dyn->outputs;
    auto a = run(std::move(*dyn), feeds);
    QVERIFY2(a, a ? "" : a.error().what().c_str());
    auto b = run(std::move(*fixed), feeds);
    QVERIFY2(b, b ? "" : b.error().what().c_str());
    QCOMPARE(a->size(), b->size());
    for (size_t i = 0; i < a->size(); ++i) {
        QCOMPARE((*a)[i].shape(), (*b)[i].shape());
        std::string diff = compare((*a)[i], (*b)[i], 1e-6, 1e-5);
        QVERIFY2(diff.empty(), (keys[i].key + ": " + diff).c_str());
    }
    ++g_loop_matched;
}

void TestKerasRnn::cleanupTestCase() {
    qInfo("Dynamic-time RNN models: %d run as while loops, %d equal the unrolled form", g_loop_models, g_loop_matched);
}

QTEST_GUILESS_MAIN(TestKerasRnn)
#include "tst_keras_rnn.moc"
