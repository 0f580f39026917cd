// SPDX-License-Identifier: Apache-2.0
// Exports of corpus models load in real TensorFlow.js 4.22 (tfjs_run.js, cpu backend) and give
// the reference values: tfjs/expected-values.json for SavedModels, the TensorFlow outputs
// (*.prediction.csv) for tf_graphs cases. Tolerance 1e-5 abs + 1e-5 rel.
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/corpus.h"
#include "export/convert_job.h"

using namespace wb;
namespace fs = std::filesystem;

namespace {

fs::path tfjs_dir() {
    const char* env = std::getenv("WB_TFJS_DIR");
    return env && *env ? fs::path(env) : fs::path(WB_DEFAULT_TFJS_DIR);
}

// Runs tfjs_run.js; returns the output values in output order, or an error text.
std::string run_tfjs(const fs::path& model, const nlohmann::json& inputs, std::vector<std::vector<double>>& out) {
    const auto work = test::temp_dir("tfjs-run");
    std::ofstream(work / "inputs.json") << inputs.dump();
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("TFJS_DIR", QString::fromStdString(tfjs_dir().string()));
    p.setProcessEnvironment(env);
    p.start("node", {QString(WB_TFJS_RUN_JS), QString::fromStdString(model.string()),
                     QString::fromStdString((work / "inputs.json").string()), QString::fromStdString((work / "out").string())});
    if (!p.waitForFinished(120000) || p.exitCode() != 0) return p.readAllStandardError().toStdString();
    std::ifstream in(work / "out" / "outputs.json");
    auto manifest = nlohmann::ordered_json::parse(in);
    for (auto it = manifest.begin(); it != manifest.end(); ++it) {
        std::ifstream bin(work / "out" / it.value()["file"].get<std::string>(), std::ios::binary);
        std::vector<char> bytes((std::istreambuf_iterator<char>(bin)), {});
        std::vector<double> values;
        const std::string dtype = it.value()["dtype"];
        for (std::size_t i = 0; i + 4 <= bytes.size(); i += 4) {
            if (dtype == "int32") values.push_back(*reinterpret_cast<const int32_t*>(&bytes[i]));
            else values.push_back(*reinterpret_cast<const float*>(&bytes[i]));
        }
        if (dtype == "bool") {
            values.clear();
            for (char c : bytes) values.push_back(c ? 1.0 : 0.0);
        }
        out.push_back(std::move(values));
    }
    return {};
}

bool close(double got, double want) { return std::abs(got - want) <= 1e-5 + 1e-5 * std::abs(want); }

std::vector<double> read_csv(const fs::path& p) {
    std::vector<double> v;
    std::ifstream in(p);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) v.push_back(line == "true" ? 1.0 : line == "false" ? 0.0 : std::stod(line));
    return v;
}

}  // namespace

class TestTfjsCompat : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        const bool have_node = !QStandardPaths::findExecutable("node").isEmpty();
        const bool have_tfjs = fs::exists(tfjs_dir() / "node_modules" / "@tensorflow" / "tfjs-converter");
        if (!have_node || !have_tfjs) {
            const std::string why = !have_node ? "node is not installed"
                                               : "TensorFlow.js is not installed in " + tfjs_dir().string() +
                                                     " (run tests/compat/install.sh DIR and set WB_TFJS_DIR)";
            if (test::in_ci()) QFAIL(why.c_str());
            QSKIP(why.c_str());
        }
    }

    void expectedValues() {
        WB_REQUIRE_CORPUS();
        std::ifstream in(test::corpus_dir() / "tfjs" / "expected-values.json");
        const auto cases = nlohmann::json::parse(in);
        int checked = 0;
        for (const auto& c : cases["cases"]) {
            const std::string model = c["model"];
            if (!model.starts_with("saved_models/") || !c.contains("inputs")) continue;
            const auto& first_in = c["inputs"].begin().value();
            if (!first_in.contains("data")) continue;  // described only in words
            exporter::ConvertOptions o;
            o.read.signature_name = c.value("signature", "");
            const auto out = test::temp_dir("compat") / "web";
            auto r = exporter::convert_to_graph_model(test::corpus_dir() / model, out, o);
            QVERIFY2(r.ok(), (model + ": " + (r.ok() ? "" : r.error().what())).c_str());
            std::ifstream mj(out / "model.json");
            const auto j = nlohmann::ordered_json::parse(mj);
            nlohmann::json inputs;
            for (auto it = c["inputs"].begin(); it != c["inputs"].end(); ++it) {
                std::string key = it.key();
                if (key == "*") key = j["signature"]["inputs"].begin().key();
                inputs[key] = it.value();
            }
            std::vector<std::vector<double>> got;
            const auto err = run_tfjs(out, inputs, got);
            QVERIFY2(err.empty(), (model + ": TensorFlow.js failed: " + err).c_str());
            std::size_t k = 0;
            for (auto it = c["outputs"].begin(); it != c["outputs"].end(); ++it, ++k) {
                QVERIFY2(k < got.size(), (model + ": missing output " + it.key()).c_str());
                const auto want = it.value()["data"].get<std::vector<double>>();
                QCOMPARE(got[k].size(), want.size());
                for (std::size_t i = 0; i < want.size(); ++i)
                    QVERIFY2(close(got[k][i], want[i]), (model + " " + it.key() + "[" + std::to_string(i) + "]: " +
                                                         std::to_string(got[k][i]) + " vs " + std::to_string(want[i])).c_str());
            }
            ++checked;
        }
        qInfo("expected-values: %d SavedModel cases reproduced by TensorFlow.js", checked);
        QVERIFY(checked >= 7);
    }

    // Cases expected-values.json states in words: half_plus_two TF2 (y = 0.5x + 2) and
    // model_multi_output ("two int32 inputs, both [1,2,3]" → [2,4,6], [1,2,3]).
    void describedCases() {
        WB_REQUIRE_CORPUS();
        struct Case {
            std::string model;
            nlohmann::json inputs;
            std::vector<std::vector<double>> want;
        };
        const std::vector<Case> cases = {
            {"saved_models/tf-serving/servables/tensorflow/testdata/saved_model_half_plus_two_tf2_cpu/00000123",
             {{"x", {{"shape", {1}}, {"dtype", "float32"}, {"data", {3.0}}}}}, {{3.5}}},
            {"saved_models/tfjs-node/model_multi_output",
             {{"x", {{"shape", {3}}, {"dtype", "int32"}, {"data", {1, 2, 3}}}},
              {"y", {{"shape", {3}}, {"dtype", "int32"}, {"data", {1, 2, 3}}}}},
             {{2, 4, 6}, {1, 2, 3}}},
        };
        for (const auto& c : cases) {
            const auto out = test::temp_dir("compat-described") / "web";
            auto r = exporter::convert_to_graph_model(test::corpus_dir() / c.model, out, {});
            QVERIFY2(r.ok(), (c.model + ": " + (r.ok() ? "" : r.error().what())).c_str());
            std::vector<std::vector<double>> got;
            const auto err = run_tfjs(out, c.inputs, got);
            QVERIFY2(err.empty(), (c.model + ": TensorFlow.js failed: " + err).c_str());
            QCOMPARE(got.size(), c.want.size());
            for (std::size_t k = 0; k < got.size(); ++k) {
                QCOMPARE(got[k].size(), c.want[k].size());
                for (std::size_t i = 0; i < got[k].size(); ++i) QVERIFY(close(got[k][i], c.want[k][i]));
            }
        }
    }

    // tf_graphs cases with their inputs frozen (no placeholders) and one final output.
    void tfGraphs() {
        WB_REQUIRE_CORPUS();
        int checked = 0, limit = 30;
        std::vector<fs::path> dirs;
        for (const auto& e : fs::recursive_directory_iterator(test::corpus_dir() / "tf_graphs"))
            if (e.path().filename() == "frozen_model.pb") dirs.push_back(e.path().parent_path());
        std::sort(dirs.begin(), dirs.end());
        for (const auto& d : dirs) {
            if (checked >= limit) break;
            std::vector<std::string> preds;
            bool placeholders = false;
            for (const auto& f : fs::directory_iterator(d)) {
                const std::string n = f.path().filename().string();
                if (n.ends_with(".placeholder.csv")) placeholders = true;
                if (n.ends_with(".prediction.csv")) preds.push_back(n.substr(0, n.size() - 15));
            }
            if (placeholders || preds.size() != 1 || preds[0].find('.') != std::string::npos) continue;
            std::string name = preds[0];
            for (std::size_t p; (p = name.find("____")) != std::string::npos;) name.replace(p, 4, "/");
            exporter::ConvertOptions o;
            o.input_format = "tf_frozen_model";
            o.read.output_node_names = {name};
            const auto out = test::temp_dir("compat-tfg") / "web";
            if (!exporter::convert_to_graph_model(d / "frozen_model.pb", out, o).ok()) continue;  // unsupported ops
            std::vector<std::vector<double>> got;
            const auto err = run_tfjs(out, nlohmann::json::object(), got);
            QVERIFY2(err.empty(), (d.string() + ": TensorFlow.js failed: " + err).c_str());
            const auto want = read_csv(d / (preds[0] + ".prediction.csv"));
            QVERIFY2(got.size() == 1 && got[0].size() == want.size(), d.string().c_str());
            for (std::size_t i = 0; i < want.size(); ++i)
                QVERIFY2(close(got[0][i], want[i]) || (std::isnan(want[i]) && std::isnan(got[0][i])),
                         (d.string() + "[" + std::to_string(i) + "]: " + std::to_string(got[0][i]) + " vs " +
                          std::to_string(want[i])).c_str());
            ++checked;
        }
        qInfo("tf_graphs: %d cases reproduced by TensorFlow.js", checked);
        QVERIFY(checked >= 10);
    }
};

QTEST_GUILESS_MAIN(TestTfjsCompat)
#include "tst_tfjs_compat.moc"
