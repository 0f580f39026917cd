// SPDX-License-Identifier: Apache-2.0
// Stateful Keras RNNs keep their states between Session::run calls (resource variables) and
// Session::reset_states() zeroes them, checked against the predict sequence TensorFlow 2.1
// printed for frugally-deep's temp_rnn_test (keras_h5/frugally-deep/temp_rnn_results.txt).
#include <QTest>
#include <cmath>
#include <fstream>
#include <memory>

#include "common/corpus.h"
#include "export/convert_job.h"
#include "export/keras_conversion.h"
#include "formats/registry.h"
#include "runtime/session.h"

using wb::ir::DType;
using wb::ir::Shape;
using wb::ir::Tensor;

namespace {

std::string compare(const Tensor& got, const std::vector<float>& want) {
    if (got.num_elements() != int64_t(want.size())) return "element count " + std::to_string(got.num_elements());
    for (size_t i = 0; i < want.size(); ++i) {
        const double g = got.value_as_double(int64_t(i)), w = want[i];
        if (!(std::abs(g - w) <= 1e-5 + 1e-4 * std::abs(w)))
            return "element " + std::to_string(i) + ": " + std::to_string(g) + " vs TensorFlow " + std::to_string(w);
    }
    return {};
}

bool has_op(const wb::ir::Model& m, const std::string& op) {
    for (const auto& n : m.graph.nodes())
        if (n.op == op) return true;
    return false;
}

const std::vector<float> kFirst{-7.676248f, -7.5144324f, -7.3429837f};
const std::vector<float> kSecond{-7.247089f, -7.058707f, -6.857616f};

}  // namespace

class TestKerasStateful : public QObject {
    Q_OBJECT
private slots:
    void tf21_predict_sequence_data();
    void tf21_predict_sequence();
    void lstm_stateful_runs_twice();
    void graph_model_export_refused();
};

void TestKerasStateful::tf21_predict_sequence_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("stateful");
    QTest::newRow("stateless") << "temp_stateless.h5" << false;
    QTest::newRow("stateful") << "temp_stateful.h5" << true;
}

// GRU(1, activation=None, use_bias=False, reset_after=True), x = [1,0,0], initial_state 10.
// TF 2.1: the stateful model's recorded state is zero on the 1st call (so initial_state is
// used), non-zero on the 2nd (so it wins over initial_state); reset_states() starts over.
void TestKerasStateful::tf21_predict_sequence() {
    WB_REQUIRE_CORPUS();
    QFETCH(QString, file);
    QFETCH(bool, stateful);
    auto model = wb::formats::read_model(wb::test::corpus_dir() / "keras_h5/frugally-deep" / file.toStdString());
    QVERIFY2(model, model ? "" : model.error().what().c_str());
    QCOMPARE(has_op(*model, "VarHandleOp"), stateful);
    auto session = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*model)));
    QVERIFY2(session, session ? "" : session.error().what().c_str());
    const Tensor x = Tensor::from_vector<float>(DType::Float32, Shape{1, 3, 1}, {1.f, 0.f, 0.f});
    const Tensor h0 = Tensor::from_vector<float>(DType::Float32, Shape{1, 1}, {10.f});
    for (int round = 0; round < 2; ++round) {
        for (int call = 0; call < 2; ++call) {
            auto outs = (*session)->run({{"input_1", x}, {"input_2", h0}});
            QVERIFY2(outs, outs ? "" : outs.error().what().c_str());
            const auto& want = stateful && call == 1 ? kSecond : kFirst;
            std::string diff = compare(outs->at(0), want);
            QVERIFY2(diff.empty(), qPrintable(QString("round %1 call %2: ").arg(round).arg(call) + diff.c_str()));
        }
        (*session)->reset_states();
    }
}

// frugally-deep's lstm_stateful.h5 (stateful LSTMs, plain and in Bidirectional; no reference
// values ship with it): the second call differs from the first (state carried), and after
// reset_states() the first call's values come back exactly.
void TestKerasStateful::lstm_stateful_runs_twice() {
    WB_REQUIRE_CORPUS();
    auto model = wb::formats::read_model(wb::test::corpus_dir() / "keras_h5/frugally-deep/lstm_stateful.h5");
    QVERIFY2(model, model ? "" : model.error().what().c_str());
    std::vector<std::pair<std::string, Tensor>> feeds;
    unsigned seed = 1;
    for (const auto& in : model->inputs) {
        Shape shape = in.shape;
        for (auto& d : shape.dims) d = d < 0 ? 5 : d;  // the dynamic-time input: 5 steps
        Tensor t(DType::Float32, shape);
        for (int64_t i = 0; i < t.num_elements(); ++i) t.data<float>()[i] = float((seed = seed * 1103515245u + 12345u) >> 16) / 65536.f - 0.5f;
        feeds.push_back({in.key, t});
    }
    auto session = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*model)));
    QVERIFY2(session, session ? "" : session.error().what().c_str());
    auto first = (*session)->run(feeds);
    QVERIFY2(first, first ? "" : first.error().what().c_str());
    auto second = (*session)->run(feeds);
    QVERIFY2(second, second ? "" : second.error().what().c_str());
    (*session)->reset_states();
    auto again = (*session)->run(feeds);
    QVERIFY2(again, again ? "" : again.error().what().c_str());
    QCOMPARE(first->size(), again->size());
    bool differs = false;
    for (size_t k = 0; k < first->size(); ++k) {
        QCOMPARE((*first)[k].num_elements(), (*again)[k].num_elements());
        for (int64_t i = 0; i < (*first)[k].num_elements(); ++i) {
            QCOMPARE((*again)[k].value_as_double(i), (*first)[k].value_as_double(i));
            QVERIFY(std::isfinite((*second)[k].value_as_double(i)));
            differs |= (*second)[k].value_as_double(i) != (*first)[k].value_as_double(i);
        }
    }
    QVERIFY(differs);
}

// TensorFlow.js graph models have no resource variables: a stateful model's graph export is
// refused naming the layer (the layers-model export keeps stateful: true as tfjs-layers reads it).
void TestKerasStateful::graph_model_export_refused() {
    WB_REQUIRE_CORPUS();
    const auto dir = wb::test::temp_dir("keras_stateful_export");
    const auto file = wb::test::corpus_dir() / "keras_h5/frugally-deep/temp_stateful.h5";
    wb::exporter::ConvertOptions options;
    options.input_format = "keras";
    auto r = wb::exporter::convert_to_graph_model(file, dir / "graph", options);
    QVERIFY(!r);
    QVERIFY2(r.error().what().find("stateful layer states: gru_1/states/h") != std::string::npos, r.error().what().c_str());
    QVERIFY(!std::filesystem::exists(dir / "graph"));
    auto layers = wb::exporter::convert_keras(file, dir / "layers", {});
    QVERIFY2(layers, layers ? "" : layers.error().what().c_str());
    std::ifstream in(dir / "layers/model.json");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    QVERIFY2(text.find("\"stateful\": true") != std::string::npos || text.find("\"stateful\":true") != std::string::npos,
             text.substr(0, 600).c_str());
}

QTEST_GUILESS_MAIN(TestKerasStateful)
#include "tst_keras_stateful.moc"
