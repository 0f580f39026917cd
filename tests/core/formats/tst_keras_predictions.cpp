// SPDX-License-Identifier: Apache-2.0
// Keras models run on our runtime against the predictions Keras computed
// (corpus keras_h5/dl4j/examples/*_inputs_and_outputs.h5) and the frugally-deep GRU pair
// (temp_rnn_results.txt). Tolerance: 1e-5 abs + 1e-4 rel unless data/keras_tolerances.tsv
// states a looser one for a family, with the reason.
#include <QTest>
#include <cmath>
#include <fstream>
#include <memory>

#include "common/corpus.h"
#include "formats/keras_h5/hdf5_file.h"
#include "formats/keras_h5/keras_h5_reader.h"
#include "formats/registry.h"
#include "runtime/session.h"

namespace fs = std::filesystem;
using wb::ir::Tensor;

namespace {

struct Tolerance {
    double abs = 1e-5, rel = 1e-4;
};

Tolerance tolerance_for(const std::string& rel_path) {
    const char* src = std::getenv("WB_SOURCE_DIR");
    std::ifstream in(fs::path(src ? src : WB_TEST_SOURCE_DIR) / "tests/core/formats/data/keras_tolerances.tsv");
    std::string line;
    Tolerance t;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream ss(line);
        std::string prefix;
        Tolerance c;
        ss >> prefix >> c.abs >> c.rel;
        if (rel_path.rfind(prefix, 0) == 0) t = c;
    }
    return t;
}

// Empty string = match; else the first mismatch described.
std::string compare(const Tensor& got, const Tensor& want, Tolerance tol) {
    if (got.num_elements() != want.num_elements())
        return "element count " + std::to_string(got.num_elements()) + " vs " + std::to_string(want.num_elements()) +
               " (shapes " + got.shape().to_string() + " vs " + want.shape().to_string() + ")";
    for (int64_t i = 0; i < got.num_elements(); ++i) {
        double g = got.value_as_double(i), w = want.value_as_double(i);
        if (!(std::abs(g - w) <= tol.abs + tol.rel * std::abs(w)))
            return "element " + std::to_string(i) + ": " + std::to_string(g) + " vs Keras " + std::to_string(w);
    }
    return {};
}

int g_loaded = 0, g_matched = 0, g_cases = 0;

}  // namespace

class TestKerasPredictions : public QObject {
    Q_OBJECT
private slots:
    void examples_data();
    void examples();
    void frugally_deep_gru_data();
    void frugally_deep_gru();
    void nsfwjs_mobilenet_v2();
    void tfjs_e2e_layers_model();
    void tf_op_layer_transpose();
    void cleanupTestCase();
};

void TestKerasPredictions::examples_data() {
    QTest::addColumn<QString>("reference");
    if (wb::test::corpus_dir().empty()) {
        QTest::newRow("corpus-missing") << QString();
        return;
    }
    std::vector<std::string> refs;
    for (const auto& e : fs::recursive_directory_iterator(wb::test::corpus_dir() / "keras_h5/dl4j/examples")) {
        const std::string n = e.path().filename().string();
        if (n.size() > 22 && n.compare(n.size() - 22, 22, "_inputs_and_outputs.h5") == 0)
            refs.push_back(fs::relative(e.path(), wb::test::corpus_dir() / "keras_h5").string());
    }
    std::sort(refs.begin(), refs.end());
    for (const auto& r : refs) QTest::newRow(r.c_str()) << QString::fromStdString(r);
}

void TestKerasPredictions::examples() {
    WB_REQUIRE_CORPUS();
    QFETCH(QString, reference);
    ++g_cases;
    const std::string rel = reference.toStdString();
    const fs::path ref = wb::test::corpus_dir() / "keras_h5" / rel;
    std::string model_path = ref.string();
    model_path.replace(model_path.size() - 22, 22, "_model.h5");
    auto model = wb::formats::read_model(model_path);
    QVERIFY2(model, model ? "" : model.error().what().c_str());
    ++g_loaded;
    auto file = wb::formats::h5::File::open(ref.string());
    QVERIFY2(file, file ? "" : file.error().what().c_str());
    auto inputs = file->root().group("inputs");
    QVERIFY(inputs);
    // Some files hold only the training data (/inputs, /outputs), no Keras predictions.
    if (!file->root().is_group("predictions")) QSKIP("reference file has no /predictions group");
    auto preds = file->root().group("predictions");
    QVERIFY(preds);
    std::vector<wb::runtime::NamedTensor> feeds;
    auto stored = inputs->children();
    QVERIFY(stored);
    for (const auto& in : model->inputs) {
        // Keras 1 Sequential models name their implicit input at run time ("lstm_input_1"),
        // which the config does not record: a single input is matched by position.
        std::string name = in.key;
        if (!inputs->is_dataset(name) && model->inputs.size() == 1 && stored->size() == 1) name = stored->front();
        auto t = inputs->read_float_dataset(name);
        QVERIFY2(t, t ? "" : t.error().what().c_str());
        feeds.emplace_back(in.key, *t);
    }
    std::vector<std::string> output_keys;  // Keras output layer names, the predictions' dataset names
    for (const auto& out : model->outputs) output_keys.push_back(out.key);
    auto session = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*model)));
    QVERIFY2(session, session ? "" : session.error().what().c_str());
    auto outs = (*session)->run(feeds);
    QVERIFY2(outs, outs ? "" : outs.error().what().c_str());
    QCOMPARE(outs->size(), output_keys.size());
    const Tolerance tol = tolerance_for(rel);
    for (size_t i = 0; i < outs->size(); ++i) {
        auto want = preds->read_float_dataset(output_keys[i]);
        QVERIFY2(want, want ? "" : want.error().what().c_str());
        std::string diff = compare((*outs)[i], *want, tol);
        QVERIFY2(diff.empty(), (output_keys[i] + ": " + diff).c_str());
    }
    ++g_matched;
}

void TestKerasPredictions::frugally_deep_gru_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("stateless") << "temp_stateless.h5";
    QTest::newRow("stateful") << "temp_stateful.h5";
}

// temp_rnn_test (frugally-deep): GRU(1, activation=None, use_bias=False, reset_after=True) with
// kernel [1,-2,3], recurrent [-0.5,2,-1.1], x = [1,0,0], initial state 10; Keras printed
// [-7.676248 -7.5144324 -7.3429837] for the first predict of both models.
void TestKerasPredictions::frugally_deep_gru() {
    WB_REQUIRE_CORPUS();
    QFETCH(QString, file);
    ++g_cases;
    auto model = wb::formats::read_model(wb::test::corpus_dir() / "keras_h5/frugally-deep" / file.toStdString());
    QVERIFY2(model, model ? "" : model.error().what().c_str());
    ++g_loaded;
    auto session = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*model)));
    QVERIFY2(session, session ? "" : session.error().what().c_str());
    Tensor x = Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape{1, 3, 1}, {1.f, 0.f, 0.f});
    Tensor h0 = Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape{1, 1}, {10.f});
    auto outs = (*session)->run({{"input_1", x}, {"input_2", h0}});
    QVERIFY2(outs, outs ? "" : outs.error().what().c_str());
    Tensor want = Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape{1, 3, 1}, {-7.676248f, -7.5144324f, -7.3429837f});
    std::string diff = compare(outs->at(0), want, {});
    QVERIFY2(diff.empty(), diff.c_str());
    ++g_matched;
}

// A real layers model (Keras 2.2.4 → tfjs, uint8-quantized): the tfjs reader lowers its Keras
// topology, so it runs as read. No reference outputs ship with it, so this checks that it runs
// and that the softmax head yields a distribution over the 5 classes.
void TestKerasPredictions::nsfwjs_mobilenet_v2() {
    WB_REQUIRE_CORPUS();
    auto model = wb::formats::read_model(wb::test::corpus_dir() / "tfjs/nsfwjs/mobilenet_v2/model.json");
    QVERIFY2(model, model ? "" : model.error().what().c_str());
    QCOMPARE(QString::fromStdString(model->format), QStringLiteral("tfjs_layers_model"));
    QCOMPARE(model->inputs.size(), size_t(1));
    QCOMPARE(QString::fromStdString(model->inputs[0].key), QStringLiteral("input_1"));
    QCOMPARE(QString::fromStdString(model->outputs[0].key), QStringLiteral("dense_3"));
    auto session = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*model)));
    QVERIFY2(session, session ? "" : session.error().what().c_str());
    std::vector<float> img(224 * 224 * 3);
    for (size_t i = 0; i < img.size(); ++i) img[i] = float(i % 255) / 255.f;
    auto outs = (*session)->run({{"input_1", Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape{1, 224, 224, 3}, img)}});
    QVERIFY2(outs, outs ? "" : outs.error().what().c_str());
    QCOMPARE(outs->at(0).num_elements(), int64_t(5));
    double sum = 0;
    for (int i = 0; i < 5; ++i) {
        QVERIFY(std::isfinite(outs->at(0).value_as_double(i)));
        sum += outs->at(0).value_as_double(i);
    }
    QVERIFY(std::abs(sum - 1.0) < 1e-5);
}

// tfjs e2e load_predict layers model (Embedding + GRU), as read by the tfjs reader, against the
// values the upstream TensorFlow.js suite asserts (tfjs/expected-values.json). That suite's
// tolerance is expectArraysClose (1e-3 for float32); the values are printed to ~1e-8, so 1e-5 holds.
void TestKerasPredictions::tfjs_e2e_layers_model() {
    WB_REQUIRE_CORPUS();
    auto model = wb::formats::read_model(wb::test::corpus_dir() / "tfjs/tfjs-e2e/integration_tests/load_predict_data/layers_model/model.json");
    QVERIFY2(model, model ? "" : model.error().what().c_str());
    QCOMPARE(model->inputs.size(), size_t(1));
    const std::string key = model->inputs[0].key;
    auto session = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*model)));
    QVERIFY2(session, session ? "" : session.error().what().c_str());
    Tensor x = Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape{1, 10}, {86, 11, 62, 40, 36, 75, 82, 94, 67, 75});
    auto outs = (*session)->run({{key, x}});
    QVERIFY2(outs, outs ? "" : outs.error().what().c_str());
    Tensor want = Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape{1, 4},
                                             {-0.003578941337764263f, 0.0028922036290168762f, -0.002957976423203945f, 0.00955402385443449f});
    std::string diff = compare(outs->at(0), want, {});
    QVERIFY2(diff.empty(), diff.c_str());
}

// tfkeras/tfop_1: Input [None, 3, 2] → TensorFlowOpLayer Transpose(perm [0, 2, 1]) → Dense(5).
// No Keras predictions ship with it: the expected values are the NodeDef's meaning (x^T per
// sample) times the file's own dense_1 weights.
void TestKerasPredictions::tf_op_layer_transpose() {
    WB_REQUIRE_CORPUS();
    const fs::path p = wb::test::corpus_dir() / "keras_h5/dl4j/tfkeras/tfop_1.h5";
    auto model = wb::formats::read_model(p);
    QVERIFY2(model, model ? "" : model.error().what().c_str());
    auto archive = wb::formats::read_keras_archive(p);
    QVERIFY(archive);
    const auto* dense = wb::formats::keras::find_layer(*archive, "dense_1");
    QVERIFY(dense && dense->weights.size() == 2);
    const Tensor& W = dense->weights[0].value;  // [3, 5]
    const Tensor& b = dense->weights[1].value;
    QCOMPARE(W.shape(), (wb::ir::Shape{3, 5}));
    std::vector<float> xv{0.5f, -1.f, 2.f, 0.25f, -0.75f, 1.5f};  // [1, 3, 2]
    auto session = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*model)));
    QVERIFY2(session, session ? "" : session.error().what().c_str());
    auto outs = (*session)->run({{"input_2", Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape{1, 3, 2}, xv)}});
    QVERIFY2(outs, outs ? "" : outs.error().what().c_str());
    std::vector<float> want(10);
    for (int r = 0; r < 2; ++r)          // rows of x^T
        for (int j = 0; j < 5; ++j) {
            double acc = b.data<float>()[j];
            for (int k = 0; k < 3; ++k) acc += double(xv[size_t(k * 2 + r)]) * W.data<float>()[k * 5 + j];
            want[size_t(r * 5 + j)] = float(acc);
        }
    std::string diff = compare(outs->at(0), Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape{1, 2, 5}, want), {});
    QVERIFY2(diff.empty(), diff.c_str());
}

void TestKerasPredictions::cleanupTestCase() {
    qInfo("Keras predictions: %d cases, %d loaded and lowered, %d matched Keras", g_cases, g_loaded, g_matched);
}

QTEST_GUILESS_MAIN(TestKerasPredictions)
#include "tst_keras_predictions.moc"
