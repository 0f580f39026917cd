// SPDX-License-Identifier: Apache-2.0
// keras → tfjs_layers_model exports load in real TensorFlow.js 4.22 (tf.loadLayersModel through a
// file IOHandler, tfjs_layers_run.js, cpu backend) and predict:
//  - Keras references: every dl4j/examples model whose *_inputs_and_outputs.h5 holds Keras
//    predictions; tfjs must match them (1e-4 abs + 1e-3 rel: tfjs-layers computes its own
//    way, e.g. hard_sigmoid and fused gates in another order).
//  - Dynamic-time RNN files (dl4j/tfkeras/rnn_*, input [batch, None, features]) and the ConvLSTM2D
//    files (dl4j/tfkeras/convlstm2d_*), no references in the corpus: tfjs (time length 7 for the
//    RNNs) must agree with our runtime (while loop / unrolled ConvLSTM2D).
// Models tfjs refuses are listed with tfjs' message in data/tfjs_layers_expected_failures.tsv.
// nsfwjs mobilenet_v2 / inception_v3 (real uint8 layers models) taken to Keras .h5 and back to a
// layers model predict in tfjs as the originals do, and as our runtime does.
#include <QProcess>
#include <QTest>

#include <cmath>
#include <fstream>
#include <map>
#include <random>

#include <nlohmann/json.hpp>

#include "common/corpus.h"
#include "tfjs_env.h"
#include "export/keras_conversion.h"
#include "formats/keras_h5/hdf5_file.h"
#include "formats/registry.h"
#include "runtime/session.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using wb::ir::Tensor;

namespace {

struct Case {
    std::string id;                // corpus-relative model path
    std::vector<Tensor> inputs;    // model input order
    std::vector<Tensor> expected;  // Keras predictions or our runtime's outputs
    bool keras_reference = false;
};

json tensor_json(const Tensor& t) {
    std::vector<double> data;
    for (int64_t i = 0; i < t.num_elements(); ++i) data.push_back(t.value_as_double(i));
    return {{"shape", t.shape().dims}, {"data", data}};
}

// Keras reference case: inputs and predictions from X_inputs_and_outputs.h5; empty id = skip.
Case keras_case(const fs::path& ref, const std::string& rel, const wb::ir::Model& m) {
    Case c;
    auto file = wb::formats::h5::File::open(ref.string());
    if (!file || !file->root().is_group("predictions")) return c;
    auto in = file->root().group("inputs");
    auto preds = file->root().group("predictions");
    auto stored = in->children();
    for (const auto& i : m.inputs) {
        std::string name = i.key;  // Keras 1 Sequential: a single input matched by position
        if (!in->is_dataset(name) && m.inputs.size() == 1 && stored && stored->size() == 1) name = stored->front();
        auto t = in->read_float_dataset(name);
        if (!t) return c;
        c.inputs.push_back(*t);
    }
    for (const auto& o : m.outputs) {
        auto t = preds->read_float_dataset(o.key);
        if (!t) return c;
        c.expected.push_back(*t);
    }
    c.id = rel;
    c.keras_reference = true;
    return c;
}

// Dynamic-time case: seeded inputs at batch 2, time 7; expected = our runtime on the same inputs.
Case runtime_case(const std::string& rel, wb::ir::Model m, std::string& error) {
    Case c;
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> dist(-1.f, 1.f);
    std::vector<wb::runtime::NamedTensor> feeds;
    for (const auto& i : m.inputs) {
        std::vector<int64_t> dims = i.shape.dims;
        for (size_t k = 0; k < dims.size(); ++k)
            if (dims[k] < 0) dims[k] = k == 0 ? 2 : 7;
        Tensor t(wb::ir::DType::Float32, wb::ir::Shape(dims));
        for (int64_t k = 0; k < t.num_elements(); ++k) t.data<float>()[k] = dist(rng);
        c.inputs.push_back(t);
        feeds.emplace_back(i.key, t);
    }
    auto s = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(m)));
    if (!s) return error = s.error().what(), c;
    auto outs = (*s)->run(feeds);
    if (!outs) return error = outs.error().what(), c;
    c.expected = *outs;
    c.id = rel;
    return c;
}

// Runs tfjs_layers_run.js on `jobs` in one node process; empty JSON and `error` set on failure.
json run_tfjs_layers(const fs::path& work, const json& jobs, std::string& error) {
    std::ofstream(work / "jobs.json") << jobs.dump();
    QProcess p;
    p.setProcessEnvironment(wb::test::tfjs_node_env());
    p.start("node", {WB_TFJS_LAYERS_RUN_JS, QString::fromStdString((work / "jobs.json").string()),
                     QString::fromStdString((work / "results.json").string())});
    if (!p.waitForFinished(600000) || p.exitCode() != 0) {
        error = "node: " + p.readAllStandardError().toStdString();
        return {};
    }
    std::ifstream in(work / "results.json");
    return json::parse(in);
}

std::map<std::string, std::string> expected_failures() {
    std::map<std::string, std::string> out;
    std::ifstream in(fs::path(WB_COMPAT_DIR) / "data/tfjs_layers_expected_failures.tsv");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto tab = line.find('\t');
        if (tab == std::string::npos) continue;
        auto end = line.find('\t', tab + 1);  // the third column says why
        out[line.substr(0, tab)] = line.substr(tab + 1, end == std::string::npos ? std::string::npos : end - tab - 1);
    }
    return out;
}

}  // namespace

class TestTfjsLayersCompat : public QObject {
    Q_OBJECT
private slots:
    void keras_exports_predict_in_tfjs();
    void nsfwjs_through_keras_h5();
};

void TestTfjsLayersCompat::keras_exports_predict_in_tfjs() {
    WB_REQUIRE_CORPUS();
    WB_REQUIRE_TFJS("tfjs-layers");
    const fs::path root = wb::test::corpus_dir() / "keras_h5";
    const fs::path work = wb::test::temp_dir("tfjs_layers_compat");
    std::vector<std::pair<std::string, fs::path>> models;  // rel id, reference file (empty = runtime case)
    for (const auto& e : fs::recursive_directory_iterator(root / "dl4j/examples")) {
        std::string n = e.path().string();
        if (n.size() > 22 && n.compare(n.size() - 22, 22, "_inputs_and_outputs.h5") == 0)
            models.emplace_back(fs::relative(n.substr(0, n.size() - 22) + "_model.h5", root).string(), e.path());
    }
    for (const auto& e : fs::directory_iterator(root / "dl4j/tfkeras")) {
        const std::string n = e.path().filename().string();
        if (n.rfind("rnn_", 0) == 0 || n.rfind("convlstm2d_", 0) == 0) models.emplace_back(fs::relative(e.path(), root).string(), fs::path());
    }
    std::sort(models.begin(), models.end());

    const auto allowed = expected_failures();
    QStringList problems;
    auto refuse = [&](const std::string& id, const std::string& msg) {
        auto it = allowed.find(id);
        if (it == allowed.end() || msg.find(it->second) == std::string::npos)
            problems << QString::fromStdString(id + ": " + msg);
    };
    std::vector<Case> cases;
    int export_refused = 0;
    json jobs = json::array();
    for (const auto& [rel, ref] : models) {
        auto m = wb::formats::read_model(root / rel);
        if (!m || m->inputs.empty()) continue;  // refused or weights-only: tst_keras_h5 covers those
        bool dynamic = rel.find("convlstm2d_") != std::string::npos;
        for (const auto& i : m->inputs) dynamic |= i.shape.rank() == 3 && i.shape.dims[1] < 0;
        if (ref.empty() && !dynamic) continue;
        std::string error;
        Case c = ref.empty() ? runtime_case(rel, std::move(*m), error) : keras_case(ref, rel, *m);
        QVERIFY2(error.empty(), (rel + ": our runtime: " + error).c_str());
        if (c.id.empty()) continue;  // reference without predictions
        const fs::path dir = work / std::to_string(cases.size());
        auto r = wb::exporter::convert_keras(root / rel, dir, {});
        if (!r) {
            ++export_refused;
            refuse(rel, "export refused: " + r.error().what());
            continue;
        }
        json inputs = json::array();
        for (const auto& t : c.inputs) inputs.push_back(tensor_json(t));
        jobs.push_back({{"id", rel}, {"dir", dir.string()}, {"inputs", inputs}});
        cases.push_back(std::move(c));
    }
    QVERIFY(cases.size() >= 12);
    std::string node_error;
    const json results = run_tfjs_layers(work, jobs, node_error);
    QVERIFY2(node_error.empty(), node_error.c_str());

    int loaded = 0, matched_keras = 0, matched_runtime = 0, refused = 0;
    for (const auto& c : cases) {
        const json& r = results.at(c.id);
        if (r.contains("error")) {
            ++refused;
            refuse(c.id, "tfjs refused: " + r["error"].get<std::string>());
            continue;
        }
        ++loaded;
        const double atol = c.keras_reference ? 1e-4 : 1e-4, rtol = c.keras_reference ? 1e-3 : 1e-4;
        std::string diff;
        const json& outs = r["outputs"];
        if (outs.size() != c.expected.size()) diff = "output count " + std::to_string(outs.size());
        for (size_t i = 0; diff.empty() && i < outs.size(); ++i) {
            const auto& data = outs[i]["data"];
            if (int64_t(data.size()) != c.expected[i].num_elements()) {
                diff = "output " + std::to_string(i) + " has " + std::to_string(data.size()) + " values";
                break;
            }
            for (size_t k = 0; k < data.size(); ++k) {
                double g = data[k].is_number() ? data[k].get<double>() : NAN, w = c.expected[i].value_as_double(int64_t(k));
                if (!(std::abs(g - w) <= atol + rtol * std::abs(w))) {
                    diff = "output " + std::to_string(i) + " element " + std::to_string(k) + ": tfjs " + std::to_string(g) +
                           " vs " + (c.keras_reference ? "Keras " : "our runtime ") + std::to_string(w);
                    break;
                }
            }
        }
        if (!diff.empty()) {
            refuse(c.id, diff);
        } else {
            ++(c.keras_reference ? matched_keras : matched_runtime);
            if (allowed.count(c.id)) problems << QString::fromStdString(c.id + ": listed as failing but matches now");
        }
    }
    qInfo("tfjs-layers 4.22: %zu models, %d export refused, %d loaded, %d refused by tfjs; %d match Keras predictions, "
          "%d dynamic-time RNN / ConvLSTM2D models match our runtime", cases.size() + size_t(export_refused), export_refused, loaded, refused, matched_keras, matched_runtime);
    for (const auto& line : problems) qWarning("%s", qPrintable(line));
    QVERIFY2(problems.isEmpty(), qPrintable(QString::number(problems.size()) + " unexpected results (listed above)"));
}

void TestTfjsLayersCompat::nsfwjs_through_keras_h5() {
    WB_REQUIRE_CORPUS();
    WB_REQUIRE_TFJS("tfjs-layers");
    const fs::path work = wb::test::temp_dir("tfjs_layers_compat_nsfwjs");
    json jobs = json::array();
    std::map<std::string, std::vector<Tensor>> ours;
    for (const auto& [name, size] : {std::pair<std::string, int64_t>{"mobilenet_v2", 224}, {"inception_v3", 299}}) {
        const fs::path source = wb::test::corpus_dir() / "tfjs/nsfwjs" / name;
        wb::exporter::KerasConvertOptions to_h5;
        to_h5.input_format = "tfjs_layers_model";
        to_h5.output_format = "keras";
        auto h5 = wb::exporter::convert_keras(source, work / (name + ".h5"), to_h5);
        QVERIFY2(h5, h5 ? "" : h5.error().what().c_str());
        auto back = wb::exporter::convert_keras(work / (name + ".h5"), work / name, {});
        QVERIFY2(back, back ? "" : back.error().what().c_str());
        auto m = wb::formats::read_model(source / "model.json");
        QVERIFY2(m, m ? "" : m.error().what().c_str());
        std::mt19937 rng(9);
        std::uniform_real_distribution<float> dist(0.f, 1.f);
        Tensor image(wb::ir::DType::Float32, wb::ir::Shape({1, size, size, 3}));
        for (int64_t k = 0; k < image.num_elements(); ++k) image.data<float>()[k] = dist(rng);
        const std::string key = m->inputs.at(0).key;
        auto s = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*m)));
        QVERIFY2(s, s ? "" : s.error().what().c_str());
        auto outs = (*s)->run({{key, image}});
        QVERIFY2(outs, outs ? "" : outs.error().what().c_str());
        ours[name] = *outs;
        const json inputs = json::array({tensor_json(image)});
        jobs.push_back({{"id", name + "/original"}, {"dir", source.string()}, {"inputs", inputs}});
        jobs.push_back({{"id", name + "/via_h5"}, {"dir", (work / name).string()}, {"inputs", inputs}});
    }
    std::string node_error;
    const json results = run_tfjs_layers(work, jobs, node_error);
    QVERIFY2(node_error.empty(), node_error.c_str());
    for (const auto& [name, expected] : ours) {
        const json& a = results.at(name + "/original");
        const json& b = results.at(name + "/via_h5");
        QVERIFY2(!a.contains("error") && !b.contains("error"),
                 (name + ": " + a.value("error", std::string()) + b.value("error", std::string())).c_str());
        const auto& original = a["outputs"][0]["data"];
        const auto& via_h5 = b["outputs"][0]["data"];
        QCOMPARE(int64_t(via_h5.size()), expected[0].num_elements());
        QCOMPARE(original.size(), via_h5.size());
        double worst_tfjs = 0, worst_ours = 0;
        for (size_t k = 0; k < via_h5.size(); ++k) {
            worst_tfjs = std::max(worst_tfjs, std::abs(via_h5[k].get<double>() - original[k].get<double>()));
            worst_ours = std::max(worst_ours, std::abs(via_h5[k].get<double>() - expected[0].value_as_double(int64_t(k))));
        }
        qInfo("%s: tfjs via .h5 vs tfjs original max |diff| %.3g, vs our runtime %.3g", name.c_str(), worst_tfjs, worst_ours);
        QVERIFY2(worst_tfjs <= 1e-6, name.c_str());
        QVERIFY2(worst_ours <= 1e-4, name.c_str());
    }
}

QTEST_GUILESS_MAIN(TestTfjsLayersCompat)
#include "tst_tfjs_layers_compat.moc"
