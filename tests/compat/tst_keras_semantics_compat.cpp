// SPDX-License-Identifier: Apache-2.0
// Keras masking and stateful-RNN semantics of our runtime against the real tfjs-layers 4.22
// (tfjs_keras_semantics.js, cpu backend), which implements both as Keras does:
//  - masks: small models built and saved by tfjs-layers itself (Masking / Embedding(maskZero)
//    into LSTM, GRU, SimpleRNN, Bidirectional; leading, inner and trailing masked steps; static
//    and dynamic time), read back by our tfjs layers-model reader and run on our runtime.
//  - stateful: LSTM, GRU, SimpleRNN (go_backwards), masked LSTM and Bidirectional(GRU) with
//    stateful=True, built by tfjs-layers; tfjs predicts twice, resets the states, predicts again;
//    our session (Session::reset_states) must give the same three results.
//  - ConvLSTM2D over a dynamic time axis (while loop), built by tfjs-layers with inputShape
//    [null, 5, 5, 2] and fed 3 then 4 steps: sequences or last output, go_backwards, padding
//    same/valid, strides, dilation, return_state, Bidirectional, channels_first, stateful (3, 4,
//    reset, 3 steps; and a static-time stateful one, unrolled).
//    Each non-stateful model's static-time twin (same weights, time 3) runs unrolled and must give
//    exactly our loop's numbers.
//  - Keras 1 corpus models exported in their Keras 2 form (keras1_upgrade.h) load in tfjs
//    (tfjs_layers_run.js) and predict what our runtime computes from the Keras 1 file (1e-4);
//    the Keras 1 LSTMs with Keras predictions are checked in tst_tfjs_layers_compat.
// Tolerance 1e-5 abs + 1e-4 rel. Under CI=true a missing node or tfjs install fails the test.
#include <QProcess>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <random>

#include <nlohmann/json.hpp>

#include "common/corpus.h"
#include "tfjs_env.h"
#include "export/keras_conversion.h"
#include "formats/keras_h5/keras1_upgrade.h"
#include "formats/keras_h5/keras_h5_reader.h"
#include "formats/registry.h"
#include "runtime/session.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using wb::ir::Tensor;

namespace {

Tensor tensor_from(const json& j) {
    std::vector<float> data;
    for (const auto& v : j["data"]) data.push_back(v.get<float>());
    return Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape(j["shape"].get<std::vector<int64_t>>()), data);
}

// Empty = every element within 1e-5 abs + 1e-4 rel of tfjs.
std::string compare(const Tensor& ours, const json& tfjs) {
    const auto& data = tfjs["data"];
    if (int64_t(data.size()) != ours.num_elements())
        return "tfjs has " + std::to_string(data.size()) + " values, ours " + std::to_string(ours.num_elements());
    for (size_t k = 0; k < data.size(); ++k) {
        const double w = data[k].is_number() ? data[k].get<double>() : NAN, g = ours.value_as_double(int64_t(k));
        if (!(std::abs(g - w) <= 1e-5 + 1e-4 * std::abs(w)))
            return "element " + std::to_string(k) + ": ours " + std::to_string(g) + " vs tfjs " + std::to_string(w);
    }
    return {};
}

bool has_while_loop(const wb::ir::Model& m) {
    const auto& nodes = m.graph.nodes();
    return std::any_of(nodes.begin(), nodes.end(), [](const auto& n) { return n.op == "LoopCond"; });
}

// Reads a tfjs-built layers model into a session; `loop` = whether its graph must hold a while loop.
std::string open_session(const fs::path& model_json, bool loop, std::unique_ptr<wb::runtime::Session>& session, std::string& key) {
    auto m = wb::formats::read_model(model_json);
    if (!m) return m.error().what();
    if (has_while_loop(*m) != loop) return loop ? "no while loop for a dynamic time axis" : "a while loop for a static time axis";
    key = m->inputs.at(0).key;
    auto s = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*m)));
    if (!s) return s.error().what();
    session = std::move(*s);
    return {};
}

}  // namespace

class TestKerasSemanticsCompat : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void masked_models_match_tfjs();
    void stateful_sequence_matches_tfjs();
    void conv_lstm_dynamic_time_matches_tfjs();
    void keras1_upgrades_load_in_tfjs();

private:
    fs::path work_;
    json results_;
};

// One node process builds, saves and runs every model.
void TestKerasSemanticsCompat::initTestCase() {
    WB_REQUIRE_TFJS("tfjs-layers");
    work_ = wb::test::temp_dir("keras_semantics_compat");
    QProcess p;
    p.setProcessEnvironment(wb::test::tfjs_node_env());
    p.start("node", {WB_TFJS_SEMANTICS_JS, QString::fromStdString(work_.string())});
    if (!p.waitForStarted(30000)) QFAIL("node did not start (is Node.js installed?)");
    QVERIFY2(p.waitForFinished(600000) && p.exitCode() == 0, p.readAllStandardError().constData());
    std::ifstream in(work_ / "results.json");
    results_ = json::parse(in);
}

void TestKerasSemanticsCompat::masked_models_match_tfjs() {
    const json& cases = results_.at("masking");
    QVERIFY(cases.size() >= 11);
    int matched = 0;
    for (const auto& c : cases) {
        const std::string id = c["id"].get<std::string>();
        auto m = wb::formats::read_model(work_ / id / "model.json");
        QVERIFY2(m, (id + ": " + (m ? "" : m.error().what())).c_str());
        QCOMPARE(m->inputs.size(), c["inputs"].size());
        std::vector<wb::runtime::NamedTensor> feeds;
        for (size_t i = 0; i < m->inputs.size(); ++i) feeds.emplace_back(m->inputs[i].key, tensor_from(c["inputs"][i]));
        auto s = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*m)));
        QVERIFY2(s, (id + ": " + (s ? "" : s.error().what())).c_str());
        auto outs = (*s)->run(feeds);
        QVERIFY2(outs, (id + ": " + (outs ? "" : outs.error().what())).c_str());
        QCOMPARE(outs->size(), c["outputs"].size());
        const std::string diff = compare(outs->at(0), c["outputs"][0]);
        QVERIFY2(diff.empty(), (id + ": " + diff).c_str());
        ++matched;
    }
    qInfo("masking: %d models built by tfjs-layers 4.22 match on our runtime", matched);
}

void TestKerasSemanticsCompat::stateful_sequence_matches_tfjs() {
    const json& cases = results_.at("stateful");
    QVERIFY(cases.size() >= 5);
    for (const auto& c : cases) {
        const std::string id = c["id"].get<std::string>();
        auto m = wb::formats::read_model(work_ / id / "model.json");
        QVERIFY2(m, (id + ": " + (m ? "" : m.error().what())).c_str());
        const std::string key = m->inputs.at(0).key;
        auto s = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*m)));
        QVERIFY2(s, (id + ": " + (s ? "" : s.error().what())).c_str());
        const Tensor x = tensor_from(c["inputs"][0]);
        for (size_t call = 0; call < 3; ++call) {
            if (call == 2) (*s)->reset_states();
            auto outs = (*s)->run({{key, x}});
            QVERIFY2(outs, (id + ": " + (outs ? "" : outs.error().what())).c_str());
            const std::string diff = compare(outs->at(0), c["calls"][call][0]);
            QVERIFY2(diff.empty(), (id + " call " + std::to_string(call + 1) + ": " + diff).c_str());
        }
    }
    qInfo("stateful: %zu models built by tfjs-layers 4.22 give the same 3-call sequence (predict, predict, "
          "resetStates, predict) on our runtime", cases.size());
}

void TestKerasSemanticsCompat::conv_lstm_dynamic_time_matches_tfjs() {
    const json& cases = results_.at("conv_lstm");
    QVERIFY(cases.size() >= 11);
    int calls = 0, twins = 0, dynamic_models = 0;
    for (const auto& c : cases) {
        const std::string id = c["id"].get<std::string>();
        std::unique_ptr<wb::runtime::Session> s, twin;
        std::string key, twin_key;
        const bool dynamic = id.find("_dynamic_") != std::string::npos;
        std::string err = open_session(work_ / id / "model.json", dynamic, s, key);
        QVERIFY2(err.empty(), (id + ": " + err).c_str());
        dynamic_models += dynamic;
        std::vector<Tensor> first;  // our loop's outputs for 3 steps
        for (const auto& call : c["calls"]) {
            if (call["reset"].get<bool>()) s->reset_states();
            auto outs = s->run({{key, tensor_from(call["inputs"][0])}});
            QVERIFY2(outs, (id + ": " + (outs ? "" : outs.error().what())).c_str());
            QCOMPARE(outs->size(), call["outputs"].size());
            for (size_t k = 0; k < outs->size(); ++k) {
                const std::string diff = compare(outs->at(k), call["outputs"][k]);
                QVERIFY2(diff.empty(), (id + " call " + std::to_string(calls) + " output " + std::to_string(k) + ": " + diff).c_str());
            }
            if (first.empty()) first = *outs;
            ++calls;
        }
        if (!c["static"].get<bool>()) continue;
        err = open_session(work_ / id / "static" / "model.json", false, twin, twin_key);
        QVERIFY2(err.empty(), (id + " static: " + err).c_str());
        auto outs = twin->run({{twin_key, tensor_from(c["calls"][0]["inputs"][0])}});
        QVERIFY2(outs, (id + " static: " + (outs ? "" : outs.error().what())).c_str());
        QCOMPARE(outs->size(), first.size());
        for (size_t k = 0; k < outs->size(); ++k) {
            QCOMPARE(outs->at(k).shape(), first[k].shape());
            for (int64_t e = 0; e < first[k].num_elements(); ++e)
                QVERIFY2(outs->at(k).data<float>()[e] == first[k].data<float>()[e],
                         (id + ": unrolled and loop forms differ at output " + std::to_string(k) + " element " + std::to_string(e)).c_str());
        }
        ++twins;
    }
    qInfo("ConvLSTM2D: %zu models (%d with a dynamic time axis; %d calls) match tfjs-layers 4.22 on our runtime; "
          "%d static-time twins give the same numbers unrolled as the while loop", cases.size(), dynamic_models, calls, twins);
}

void TestKerasSemanticsCompat::keras1_upgrades_load_in_tfjs() {
    WB_REQUIRE_CORPUS();
    const fs::path root = wb::test::corpus_dir() / "keras_h5";
    const fs::path work = wb::test::temp_dir("keras1_upgrade_compat");
    json jobs = json::array();
    std::map<std::string, std::vector<Tensor>> ours;
    QStringList not_upgraded;
    std::vector<fs::path> files;
    for (const char* dir : {"dl4j", "dl4j-op-level"})
        for (const auto& e : fs::recursive_directory_iterator(root / dir))
            if (e.path().extension() == ".h5" && e.path().string().find("_inputs_and_outputs") == std::string::npos)
                files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        const std::string rel = fs::relative(file, root).string();
        auto archive = wb::formats::read_keras_archive(file);
        if (!archive || !wb::formats::keras::is_keras1_model(*archive)) continue;
        auto up = wb::formats::keras::upgrade_keras1(*archive, file.string());
        if (!up) {
            not_upgraded << QString::fromStdString(rel + ": " + up.error().what());
            continue;
        }
        auto m = wb::formats::read_model(file);
        QVERIFY2(m, (rel + ": " + (m ? "" : m.error().what())).c_str());
        std::mt19937 rng(5);
        std::uniform_real_distribution<float> dist(0.f, 2.f);  // Embedding ids 0 and 1
        std::vector<wb::runtime::NamedTensor> feeds;
        json inputs = json::array();
        for (const auto& in : m->inputs) {
            wb::ir::Shape shape = in.shape;
            for (size_t k = 0; k < shape.dims.size(); ++k)
                if (shape.dims[k] < 0) shape.dims[k] = k == 0 ? 2 : 5;
            Tensor t(wb::ir::DType::Float32, shape);
            for (int64_t i = 0; i < t.num_elements(); ++i) t.data<float>()[i] = dist(rng);
            feeds.emplace_back(in.key, t);
            std::vector<double> data(t.data<float>(), t.data<float>() + t.num_elements());
            inputs.push_back({{"shape", shape.dims}, {"data", data}});
        }
        auto s = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*m)));
        QVERIFY2(s, s ? "" : s.error().what().c_str());
        auto outs = (*s)->run(feeds);
        QVERIFY2(outs, (rel + ": " + (outs ? "" : outs.error().what())).c_str());
        ours[rel] = *outs;
        const fs::path dir = work / std::to_string(jobs.size());
        auto r = wb::exporter::convert_keras(file, dir, {});
        QVERIFY2(r, (rel + ": " + (r ? "" : r.error().what())).c_str());
        jobs.push_back({{"id", rel}, {"dir", dir.string()}, {"inputs", inputs}});
    }
    for (const auto& line : not_upgraded) qInfo("not upgraded (exported as read): %s", qPrintable(line));
    QVERIFY(jobs.size() >= 6);
    std::ofstream(work / "jobs.json") << jobs.dump();
    QProcess p;
    p.setProcessEnvironment(wb::test::tfjs_node_env());
    p.start("node", {WB_TFJS_LAYERS_RUN_JS, QString::fromStdString((work / "jobs.json").string()),
                     QString::fromStdString((work / "results.json").string())});
    QVERIFY2(p.waitForFinished(600000) && p.exitCode() == 0, p.readAllStandardError().constData());
    std::ifstream in(work / "results.json");
    const json results = json::parse(in);
    for (const auto& [rel, outs] : ours) {
        const json& r = results.at(rel);
        QVERIFY2(!r.contains("error"), (rel + ": tfjs: " + r.value("error", std::string())).c_str());
        QCOMPARE(r["outputs"].size(), outs.size());
        for (size_t k = 0; k < outs.size(); ++k) {
            const std::string diff = compare(outs[k], r["outputs"][k]);
            QVERIFY2(diff.empty(), (rel + ": " + diff).c_str());
        }
    }
    qInfo("Keras 1: %zu models upgraded to Keras 2 load in tfjs-layers 4.22 and match our runtime, %lld not upgraded",
          ours.size(), static_cast<long long>(not_upgraded.size()));
}

QTEST_GUILESS_MAIN(TestKerasSemanticsCompat)
#include "tst_keras_semantics_compat.moc"
