// SPDX-License-Identifier: Apache-2.0
// Exports of corpus models load in real TensorFlow.js 4.22 (tfjs_run.js) and give the reference
// values: tfjs/expected-values.json for SavedModels (1e-5 abs + 1e-5 rel), the TensorFlow outputs of
// every tf_graphs case of the TensorFlow.js op set (tfGraphs, one Node process for all). All on the wasm backend (the tfjs-reference setup;
// tfjs_run.js falls back to cpu for a kernel wasm lacks). ourRuntimeAgrees runs every corpus conversion
// on the wasm backend twice (results disposed, as tfjs users do) and compares it with `tfjs-wb run`
// on the same export and inputs (1e-4 abs + 1e-4 rel).
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/corpus.h"
#include "tfjs_env.h"
#include "core/export/control_flow_model.h"
#include "export/convert_job.h"
#include "export/tfjs_graph_model.h"
#include "formats/saved_model/lower_control_flow.h"
#include "tf_graphs_compat.h"

using namespace wb;
namespace fs = std::filesystem;

namespace {

using Outputs = std::vector<std::pair<std::string, std::vector<double>>>;  // tensor name → values

// outputs.json + .bin files (the layout tfjs_run.js and `tfjs-wb run` share), in manifest order.
Outputs read_outputs(const fs::path& dir) {
    Outputs out;
    std::ifstream in(dir / "outputs.json");
    auto manifest = nlohmann::ordered_json::parse(in);
    for (auto it = manifest.begin(); it != manifest.end(); ++it) {
        std::ifstream bin(dir / it.value()["file"].get<std::string>(), std::ios::binary);
        std::vector<char> bytes((std::istreambuf_iterator<char>(bin)), {});
        std::vector<double> values;
        const std::string dtype = it.value()["dtype"];
        auto take = [&]<class T>(T) {
            for (std::size_t i = 0; i + sizeof(T) <= bytes.size(); i += sizeof(T)) {
                T v;
                std::memcpy(&v, &bytes[i], sizeof(T));
                values.push_back(static_cast<double>(v));
            }
        };
        if (dtype == "int32") take(int32_t{});
        else if (dtype == "int64") take(int64_t{});
        else if (dtype == "float64") take(double{});
        else if (dtype == "bool" || dtype == "uint8") take(uint8_t{});
        else if (dtype == "int8") take(int8_t{});
        else if (dtype == "int16") take(int16_t{});
        else if (dtype == "uint16") take(uint16_t{});
        else take(float{});
        out.emplace_back(it.key(), std::move(values));
    }
    return out;
}

// Runs a process; returns its stderr when it fails, else "".
std::string run_process(const QString& program, const QStringList& args, int timeout_ms = 120000) {
    QProcess p;
    p.setProcessEnvironment(test::tfjs_node_env());
    p.start(program, args);
    if (!p.waitForFinished(timeout_ms) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return "exit " + std::to_string(p.exitCode()) + ": " + p.readAllStandardError().toStdString();
    return {};
}

// Runs tfjs_run.js (cpu, once unless `extra` says otherwise); fills `out` with the outputs, or returns an error text.
std::string run_tfjs(const fs::path& model, const nlohmann::json& inputs, Outputs& out,
                     const QStringList& extra = {}, fs::path* out_dir = nullptr) {
    const auto work = test::temp_dir("tfjs-run");
    std::ofstream(work / "inputs.json") << inputs.dump();
    const auto err = run_process("node", QStringList{QString(WB_TFJS_RUN_JS), QString::fromStdString(model.string()),
                                                     QString::fromStdString((work / "inputs.json").string()),
                                                     QString::fromStdString((work / "out").string())} + extra);
    if (!err.empty()) return err;
    out = read_outputs(work / "out");
    if (out_dir) *out_dir = work / "out";
    return {};
}

std::string run_tfjs(const fs::path& model, const nlohmann::json& inputs, std::vector<std::vector<double>>& out) {
    Outputs named;
    auto err = run_tfjs(model, inputs, named, {"--backend", "wasm"});
    for (auto& [_, v] : named) out.push_back(std::move(v));
    return err;
}

bool close(double got, double want) { return std::abs(got - want) <= 1e-5 + 1e-5 * std::abs(want); }

// The dtype our runtime takes for a placeholder dtype: the graph's own (int64 stays int64); the
// tfjs side gets the dtype TensorFlow.js maps it to (OM:parseDtypeParam: int64/uint8/… → int32).
std::string native_dtype(const std::string& tf_dtype) {
    static const std::map<std::string, std::string> native = {
        {"DT_INT64", "int64"}, {"DT_UINT8", "uint8"}, {"DT_INT8", "int8"}, {"DT_INT16", "int16"}, {"DT_UINT16", "uint16"}};
    auto it = native.find(tf_dtype);
    return it == native.end() ? "" : it->second;
}

// Seeded inputs for an export, in the layout both runners read: the signature inputs (or every
// Placeholder of a frozen graph), -1 dimensions as 2, floats in [-1, 1), integers in 0..3;
// `native`: dtypes as the graph declares them (for `tfjs-wb run`). `given` (convert_cases.json's
// "inputs") supplies inputs of unknown rank. Null when an input has an unknown rank and no given value.
nlohmann::json make_inputs(const nlohmann::json& model_json, bool native = false,
                           const nlohmann::json& given = nlohmann::json::object()) {
    nlohmann::json inputs = nlohmann::json::object();
    uint32_t state = 12345;
    auto next = [&] { return (state = state * 1664525u + 1013904223u) / 4294967296.0; };
    auto add = [&](const std::string& key, const std::string& tf_dtype, const nlohmann::json& shape) {
        if (given.contains(key)) {
            inputs[key] = given[key];
            return true;
        }
        if (shape.value("unknownRank", false)) return false;
        std::vector<int64_t> dims;
        int64_t count = 1;
        for (const auto& d : shape.value("dim", nlohmann::json::array())) {
            int64_t v = std::stoll(d.value("size", std::string("0")));
            dims.push_back(v < 0 ? 2 : v);
            count *= dims.back();
        }
        const bool is_float = tf_dtype == "DT_FLOAT" || tf_dtype == "DT_DOUBLE" || tf_dtype == "DT_HALF";
        const std::string dtype = is_float ? "float32" : tf_dtype == "DT_BOOL" ? "bool" : "int32";
        nlohmann::json data = nlohmann::json::array();
        for (int64_t i = 0; i < count; ++i)
            data.push_back(is_float ? 2.0 * next() - 1.0 : std::floor(next() * (dtype == "bool" ? 2 : 4)));
        const std::string own = native ? native_dtype(tf_dtype) : "";
        inputs[key] = {{"shape", dims}, {"dtype", own.empty() ? dtype : own}, {"data", data}};
        return true;
    };
    const auto& sig = model_json["signature"];
    if (sig.contains("inputs") && !sig["inputs"].empty()) {
        for (const auto& [key, e] : sig["inputs"].items())
            if (!add(key, e.value("dtype", std::string("DT_FLOAT")), e.value("tensorShape", nlohmann::json::object())))
                return nullptr;
        return inputs;
    }
    for (const auto& n : model_json["modelTopology"]["node"]) {
        if (n["op"] != "Placeholder") continue;
        const auto& attr = n.value("attr", nlohmann::json::object());
        const std::string dtype = attr.contains("dtype") ? attr["dtype"].value("type", std::string("DT_FLOAT")) : "DT_FLOAT";
        const auto shape = attr.contains("shape") ? attr["shape"].value("shape", nlohmann::json::object())
                                                  : nlohmann::json{{"unknownRank", true}};
        if (!add(n["name"], dtype, shape)) return nullptr;
    }
    return inputs;
}

// `tfjs-wb run` on an export: our runtime, same inputs file and output layout as tfjs_run.js.
std::string run_ours(const fs::path& model, const nlohmann::json& inputs, Outputs& out) {
    const auto work = test::temp_dir("wb-run");
    std::ofstream(work / "inputs.json") << inputs.dump();
    const auto err = run_process(QString::fromStdString((test::bin_dir() / "tfjs-wb").string()),
                                 {"run", QString::fromStdString(model.string()), "--input",
                                  QString::fromStdString((work / "inputs.json").string()), "--out",
                                  QString::fromStdString((work / "out").string())});
    if (err.empty()) out = read_outputs(work / "out");
    return err;
}

// Every output of `theirs` (named by tensor) has an output in `ours` (named by signature key or
// tensor) with equal size and values within 1e-4 abs + 1e-4 rel (NaN matches NaN). Returns the
// first mismatch, tracks the largest difference.
std::string compare_outputs(const Outputs& theirs, const Outputs& ours, const nlohmann::json& model_json, double& max_diff) {
    std::map<std::string, std::string> key_of;
    const auto outputs = model_json["signature"].value("outputs", nlohmann::json::object());
    for (const auto& [key, e] : outputs.items())
        key_of[e.value("name", key)] = key;
    for (const auto& [name, want] : theirs) {
        auto it = std::find_if(ours.begin(), ours.end(), [&](const auto& o) {
            return o.first == name || (key_of.count(name) && o.first == key_of[name]);
        });
        if (it == ours.end()) return "output " + name + " missing from tfjs-wb run";
        if (it->second.size() != want.size())
            return name + ": " + std::to_string(it->second.size()) + " values vs " + std::to_string(want.size());
        for (std::size_t i = 0; i < want.size(); ++i) {
            const double got = it->second[i];
            if (std::isnan(got) && std::isnan(want[i])) continue;
            const double d = std::abs(got - want[i]);
            max_diff = std::max(max_diff, d);
            if (!(d <= 1e-4 + 1e-4 * std::abs(want[i])))
                return name + "[" + std::to_string(i) + "]: ours " + std::to_string(got) + " vs TensorFlow.js " + std::to_string(want[i]);
        }
    }
    return {};
}

exporter::ConvertOptions options_of(const nlohmann::json& c) {
    exporter::ConvertOptions o;
    o.input_format = c["format"];
    if (c.contains("signature")) o.read.signature_name = c["signature"].get<std::string>();
    if (c.contains("tags")) o.read.saved_model_tags = c["tags"].get<std::string>();
    if (c.contains("outputs")) o.read.output_node_names = {c["outputs"].get<std::string>()};
    return o;
}

}  // namespace

class TestTfjsCompat : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        // The wasm backend came later (install.sh installs it): an older install dir lacks it.
        WB_REQUIRE_TFJS("tfjs-converter", "tfjs-backend-wasm");
    }

    // Every conversion of convert_cases.json that must succeed: real TensorFlow.js on the wasm
    // backend, run twice with its results disposed in between (a Const output handed back as the
    // weight would die: DM21), against our runtime on the same export and inputs.
    void ourRuntimeAgrees() {
        WB_REQUIRE_CORPUS();
        std::ifstream in(WB_CONVERT_CASES);
        const auto cases = nlohmann::json::parse(in);
        int checked = 0, on_cpu = 0, unknown_rank = 0, given_inputs = 0;
        double max_diff = 0.0;
        for (const auto& c : cases["cases"]) {
            if (c["expect"] != "ok") continue;
            const std::string what = c["input"].get<std::string>() + " " + c.value("signature", "");
            const auto out = test::temp_dir("compat-ours") / "web";
            auto r = exporter::convert_to_graph_model(test::corpus_dir() / c["input"].get<std::string>(), out, options_of(c));
            QVERIFY2(r.ok(), (what + ": " + (r.ok() ? "" : r.error().what())).c_str());
            std::ifstream mj(out / "model.json");
            const auto model_json = nlohmann::json::parse(mj);
            const auto given = c.value("inputs", nlohmann::json::object());
            const auto inputs = make_inputs(model_json, false, given);
            if (inputs.is_null()) {  // no shape to make inputs from
                qWarning("%s: skipped, an input has an unknown rank and convert_cases.json gives no value", what.c_str());
                ++unknown_rank;
                continue;
            }
            Outputs theirs, ours;
            fs::path tfjs_out;
            auto err = run_tfjs(out, inputs, theirs, {"--backend", "wasm", "--runs", "2"}, &tfjs_out);
            QVERIFY2(err.empty(), (what + ": TensorFlow.js failed: " + err).c_str());
            std::ifstream run_json(tfjs_out / "run.json");
            const auto run = nlohmann::json::parse(run_json);
            if (run["backend"] != "wasm") {
                ++on_cpu;
                qInfo("%s: wasm lacks a kernel, ran on cpu (%s)", what.c_str(), run["fallback"].dump().c_str());
            }
            err = run_ours(out, make_inputs(model_json, true, given), ours);
            QVERIFY2(err.empty(), (what + ": tfjs-wb run failed: " + err).c_str());
            QVERIFY2(!theirs.empty(), (what + ": no outputs").c_str());
            given_inputs += !given.empty();
            err = compare_outputs(theirs, ours, model_json, max_diff);
            QVERIFY2(err.empty(), (what + ": " + err).c_str());
            ++checked;
        }
        qInfo("our runtime agrees with TensorFlow.js (wasm, 2 runs) on %d corpus conversions (%d fell back to cpu, "
              "%d with inputs of unknown rank given by convert_cases.json), max abs difference %.3g",
              checked, on_cpu, given_inputs, max_diff);
        QCOMPARE(unknown_rank, 0);  // an input of unknown rank needs values in convert_cases.json
        QVERIFY(checked >= 20);
    }

    // Functional While/If lowered to TF1 control flow: the lowered export gives in TensorFlow.js
    // (wasm, twice) what TensorFlow.js computes from the functional export (--control_flow_v2),
    // and our runtime agrees on the lowered one. Both If branches are taken.
    void loweredControlFlow() {
        auto functional = test::control_flow_model();
        auto lowered = functional;
        formats::saved_model::OpOutputs outs({}, lowered.graph.functions);
        QVERIFY(formats::saved_model::lower_functional_control_flow(lowered.graph, outs, "test").ok());
        formats::saved_model::prune_library(lowered.graph);
        QVERIFY(lowered.graph.functions.empty());
        const auto dir = test::temp_dir("compat-cf");
        fs::create_directories(dir / "v1");
        fs::create_directories(dir / "v2");
        QVERIFY(exporter::write_graph_model(functional, dir / "v2", {}).ok());
        QVERIFY(exporter::write_graph_model(lowered, dir / "v1", {}).ok());
        std::ifstream mj(dir / "v1" / "model.json");
        const auto model_json = nlohmann::json::parse(mj);
        for (const bool flag : {true, false}) {
            const nlohmann::json inputs = {{"x", {{"shape", {2}}, {"dtype", "float32"}, {"data", {0.5, -3.25}}}},
                                           {"flag", {{"shape", nlohmann::json::array()}, {"dtype", "bool"}, {"data", {flag ? 1 : 0}}}}};
            Outputs reference, theirs, ours;
            auto err = run_tfjs(dir / "v2", inputs, reference, {"--backend", "wasm"});
            QVERIFY2(err.empty(), ("functional export: " + err).c_str());
            err = run_tfjs(dir / "v1", inputs, theirs, {"--backend", "wasm", "--runs", "2"});
            QVERIFY2(err.empty(), ("lowered export: " + err).c_str());
            err = run_ours(dir / "v1", inputs, ours);
            QVERIFY2(err.empty(), ("tfjs-wb run: " + err).c_str());
            // y = x * 1.5^4, then * 2 or negated.
            const double scale = flag ? 2 * 5.0625 : -5.0625;
            QCOMPARE(reference.size(), std::size_t(1));
            QVERIFY(close(reference[0].second[0], 0.5 * scale) && close(reference[0].second[1], -3.25 * scale));
            double max_diff = 0;
            err = compare_outputs(reference, theirs, model_json, max_diff);
            QVERIFY2(err.empty(), ("lowered vs functional in TensorFlow.js: " + err).c_str());
            err = compare_outputs(theirs, ours, model_json, max_diff);
            QVERIFY2(err.empty(), ("ours vs TensorFlow.js: " + err).c_str());
        }
    }

    // Keras .h5 files and a tfjs layers model → graph model (the readers lower the layers to TF
    // ops): TensorFlow.js (wasm, twice) against our runtime on the same export and inputs.
    void layersToGraphModel() {
        WB_REQUIRE_CORPUS();
        std::vector<std::pair<fs::path, std::string>> inputs_of = {
            {test::corpus_dir() / "tfjs/tfjs-e2e/integration_tests/load_predict_data/layers_model/model.json", "tfjs_layers_model"},
            // Keras MobileNetV2: its batch norms (a per-channel multiply-add once lowered) and
            // ZeroPadding2D layers fold into the convs (fold_channel_affine, fold_pad_into_conv:
            // explicit_paddings, which TensorFlow.js must read the same way).
            {test::corpus_dir() / "tfjs/nsfwjs/mobilenet_v2/model.json", "tfjs_layers_model"}};
        std::vector<fs::path> h5;
        for (const auto& e : fs::recursive_directory_iterator(test::corpus_dir() / "keras_h5/dl4j/examples"))
            if (e.path().filename().string().ends_with("_model.h5")) h5.push_back(e.path());
        std::sort(h5.begin(), h5.end());
        for (std::size_t i = 0; i < h5.size() && i < 12; ++i) inputs_of.emplace_back(h5[i], "keras");
        int checked = 0, refused = 0;
        double max_diff = 0;
        for (const auto& [path, format] : inputs_of) {
            exporter::ConvertOptions o;
            o.input_format = format;
            const auto out = test::temp_dir("compat-layers") / "web";
            auto r = exporter::convert_to_graph_model(path, out, o);
            if (!r) {  // layers we do not lower, or ops tfjs lacks: the reason names them
                qInfo("%s: not converted: %s", path.filename().string().c_str(), r.error().what().c_str());
                ++refused;
                continue;
            }
            std::ifstream mj(out / "model.json");
            const auto model_json = nlohmann::json::parse(mj);
            const auto inputs = make_inputs(model_json);
            if (inputs.is_null()) continue;
            Outputs theirs, ours;
            auto err = run_tfjs(out, inputs, theirs, {"--backend", "wasm", "--runs", "2"});
            QVERIFY2(err.empty(), (path.string() + ": TensorFlow.js failed: " + err).c_str());
            err = run_ours(out, make_inputs(model_json, true), ours);
            QVERIFY2(err.empty(), (path.string() + ": tfjs-wb run failed: " + err).c_str());
            err = compare_outputs(theirs, ours, model_json, max_diff);
            QVERIFY2(err.empty(), (path.string() + ": " + err).c_str());
            ++checked;
        }
        qInfo("layers → graph model: %d agree (max abs difference %.3g), %d not converted", checked, max_diff, refused);
        QVERIFY(checked >= 9);
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

    // Every tf_graphs case whose ops are all in TensorFlow.js's op list, converted twice: as read
    // ("graph": TensorFlow.js computes every op) and through the default pass pipeline
    // ("optimized": what users get; constant folding turns a case with frozen inputs into one
    // weight). All exports run in ONE Node process (tfjs_batch.js, wasm; a kernel wasm lacks →
    // cpu) and must give TensorFlow's reference outputs within data/tfjs_tf_graphs_tolerances.tsv,
    // unless data/tfjs_tf_graphs_expected_failures.tsv lists the case (TensorFlow.js's own limits).
    void tfGraphs() {
        WB_REQUIRE_CORPUS();
        const fs::path data = WB_COMPAT_DATA_DIR;
        const auto ops = test::tfjs_op_list(test::shared_dir() / "reference" / "tfjs-supported-ops.txt");
        QVERIFY(ops.size() >= 240);
        const auto tolerances = test::read_tolerances(data / "tfjs_tf_graphs_tolerances.tsv");
        QVERIFY(tolerances.count("float32") && tolerances.count("float64"));
        const auto expected_failures = test::read_expected_failures(data / "tfjs_tf_graphs_expected_failures.tsv");
        std::vector<fs::path> dirs;
        for (const auto& e : fs::recursive_directory_iterator(test::corpus_dir() / "tf_graphs"))
            if (e.path().filename() == "frozen_model.pb") dirs.push_back(e.path().parent_path());
        std::sort(dirs.begin(), dirs.end());
        // WB_TF_GRAPHS_WORK=DIR keeps the exports, list.json and results/ for a look afterwards.
        const char* keep = std::getenv("WB_TF_GRAPHS_WORK");
        const fs::path work = keep && *keep ? fs::path(keep) : test::temp_dir("compat-tfg");
        std::vector<test::TfGraphCase> cases;
        int outside = 0;
        for (std::size_t i = 0; i < dirs.size(); ++i) {
            const std::string name = fs::relative(dirs[i], test::corpus_dir() / "tf_graphs").generic_string();
            for (const bool passes : {false, true}) {
                test::TfGraphCase c;
                const auto out = work / (std::to_string(i) + (passes ? "o" : "g"));
                if (!test::prepare_tf_graph_case(dirs[i], name, ops, out, passes, c)) {
                    ++outside;
                    break;
                }
                if (passes) c.name += "@optimized";
                cases.push_back(std::move(c));
            }
        }
        nlohmann::json list = nlohmann::json::array();
        std::vector<std::size_t> listed;  // index in `cases` of each list entry
        for (std::size_t i = 0; i < cases.size(); ++i) {
            if (!cases[i].error.empty()) continue;
            list.push_back({{"model", cases[i].export_dir.string()}, {"inputs", cases[i].feed}, {"outputs", cases[i].fetches}});
            listed.push_back(i);
        }
        std::ofstream(work / "list.json") << list.dump();
        const auto err = run_process("node", {QString(WB_TFJS_BATCH_JS), QString::fromStdString((work / "list.json").string()),
                                              QString::fromStdString((work / "results").string()), "--backend", "wasm"},
                                     900000);
        QVERIFY2(err.empty(), ("tfjs_batch.js: " + err).c_str());
        std::ifstream rin(work / "results" / "results.json");
        const auto results = nlohmann::json::parse(rin);
        QCOMPARE(results.size(), listed.size());
        std::map<std::size_t, const nlohmann::json*> result_of;
        for (std::size_t k = 0; k < listed.size(); ++k) result_of[listed[k]] = &results[k];
        int matched = 0, expected = 0, on_cpu = 0, ours_match = 0, random = 0, random_ours = 0, matched_f64 = 0, matched_i64 = 0;
        std::vector<std::string> unexpected, stale;
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const auto& c = cases[i];
            std::string why = c.error;
            if (why.empty()) {
                const auto& r = *result_of[i];
                why = test::compare_case(c, r, work / "results", tolerances);
                if (r["backend"] == "cpu") {
                    ++on_cpu;
                    qInfo("%s: ran on cpu, %s", c.name.c_str(), r["fallback"].get<std::string>().c_str());
                }
            }
            const std::string base = c.name.substr(0, c.name.find('@'));
            auto listed = expected_failures.find(c.name);
            if (listed == expected_failures.end()) listed = expected_failures.find(base);
            if (c.random) {
                // TensorFlow.js draws from its own generator (seedrandom, unseeded: values change from
                // run to run), never TensorFlow's Philox stream: only our runtime can reproduce
                // TensorFlow on the export, and must.
                ++random;
                const std::string ours = c.error.empty() ? test::ours_on_export(c, tolerances) : c.error;
                if (ours.empty()) ++random_ours;
                else if (listed == expected_failures.end() || listed->second.ours_match)
                    unexpected.push_back(c.name + ": random op, and our runtime on the export: " + ours);
                continue;
            }
            if (why.empty()) {
                ++matched;
                for (const auto& t : c.expected) {
                    matched_f64 += t.dtype() == ir::DType::Float64;
                    matched_i64 += t.dtype() == ir::DType::Int64;
                }
                if (expected_failures.count(c.name)) stale.push_back(c.name);
                continue;
            }
            // Our runtime on the same export: reproducing TensorFlow shows the export is right.
            const std::string ours = c.error.empty() ? test::ours_on_export(c, tolerances) : c.error;
            if (listed == expected_failures.end()) {
                unexpected.push_back(c.name + ": " + why + "; our runtime on the export: " + (ours.empty() ? "matches" : ours));
            } else if (listed->second.ours_match != ours.empty()) {
                unexpected.push_back(c.name + ": listed with ours=" + (listed->second.ours_match ? "match" : "differs") +
                                     " but our runtime on the export " + (ours.empty() ? "matches" : "differs: " + ours));
            } else {
                ++expected;
                ours_match += ours.empty();
            }
        }
        for (const auto& [name, listed] : expected_failures)
            if (std::none_of(cases.begin(), cases.end(), [&](const auto& c) { return c.name == name || c.name == name + "@optimized"; }))
                stale.push_back(name + " (not a TensorFlow.js case)");
        for (const auto& u : unexpected) qWarning("UNEXPECTED %s", u.c_str());
        for (const auto& s : stale) qWarning("STALE expected failure: %s matches", s.c_str());
        qInfo("tf_graphs: %zu cases, %d outside the TensorFlow.js op list; %zu exports checked (as read + optimized): "
              "%d match, %d expected failures (%d of them reproduced by our runtime on the same export), %zu unexpected "
              "(%d ran on cpu: the wasm kernel is missing or refuses the case); %d draw random numbers (not comparable in TensorFlow.js), %d of them "
              "reproduced by our runtime on the export",
              dirs.size(), outside, cases.size(), matched, expected, ours_match, unexpected.size(), on_cpu, random, random_ours);
        qInfo("tf_graphs: the matching exports hold %d float64 outputs (computed in float32 by TensorFlow.js) and "
              "%d int64 outputs (int32 in TensorFlow.js, equal)", matched_f64, matched_i64);
        QVERIFY2(unexpected.empty(), (std::to_string(unexpected.size()) + " unexpected failures").c_str());
        QVERIFY2(stale.empty(), (std::to_string(stale.size()) + " expected failures no longer fail").c_str());
        QVERIFY(matched > 1000);
    }
};

QTEST_GUILESS_MAIN(TestTfjsCompat)
#include "tst_tfjs_compat.moc"
