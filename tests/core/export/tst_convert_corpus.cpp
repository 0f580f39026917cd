// SPDX-License-Identifier: Apache-2.0
// Every SavedModel, Hub module and frozen graph of the corpus converts or fails with the reason
// listed in data/convert_cases.json; exports read back (formats' tfjs reader) to the same graph
// and weights; tf_graphs cases convert unless they use ops outside the reference op list.
#include <QTest>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "common/corpus.h"
#include "export/convert_job.h"
#include "export/tfjs_graph_model.h"
#include "export/wrap_const_outputs.h"
#include "export/weights_writer.h"
#include "formats/registry.h"
#include "formats/saved_model/freeze.h"

using namespace wb;
namespace fs = std::filesystem;

namespace {

nlohmann::json load_cases() {
    std::ifstream in(fs::path(WB_TEST_DATA_DIR) / "convert_cases.json");
    return nlohmann::json::parse(in);
}

exporter::ConvertOptions options_for(const nlohmann::json& c) {
    exporter::ConvertOptions o;
    o.input_format = c["format"].get<std::string>();
    if (c.contains("signature")) o.read.signature_name = c["signature"].get<std::string>();
    if (c.contains("tags")) o.read.saved_model_tags = c["tags"].get<std::string>();
    if (c.contains("outputs")) o.read.output_node_names = {c["outputs"].get<std::string>()};
    o.graph.converted_by = "tst_convert_corpus";
    return o;
}

// The 248 op names of ../shared/reference/tfjs-supported-ops.txt (category<TAB>OpName).
std::set<std::string> reference_ops() {
    std::set<std::string> ops;
    std::ifstream in(test::shared_dir() / "reference" / "tfjs-supported-ops.txt");
    std::string line;
    while (std::getline(in, line)) {
        auto tab = line.find('\t');
        if (tab != std::string::npos) ops.insert(line.substr(tab + 1));
    }
    return ops;
}

// name → rendering of every attribute except a Const's "value".
std::map<std::string, std::string> attr_texts(const ir::AttrMap& attrs) {
    std::map<std::string, std::string> out;
    for (const auto& [key, value] : attrs)
        if (key != "value" || !value.is<ir::Tensor>()) out[key] = value.to_string();
    return out;
}

nlohmann::ordered_json read_json(const fs::path& path) {
    std::ifstream in(path);
    return nlohmann::ordered_json::parse(in);
}

std::string file_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// Reads an export back (the tfjs reader) and writes it again: "" when the topology, the weights
// manifest and every shard come out the same, else what differs. The pass pipeline's output never
// exists in memory outside convert_to_graph_model, so this is how its export is round-tripped.
std::string rewrite_difference(const fs::path& dir) {
    auto back = formats::find_reader("tfjs_graph_model")->read(dir / "model.json", {}, {});
    if (!back) return "read back: " + back.error().what();
    const auto again = dir.parent_path() / "again";
    fs::create_directories(again);
    if (auto st = exporter::write_graph_model(*back, again, {}); !st) return "write again: " + st.error().what();
    // Compared as unordered JSON: the attr map's key order may differ (protobuf map order).
    const nlohmann::json a = read_json(dir / "model.json"), b = read_json(again / "model.json");
    for (const char* key : {"modelTopology", "weightsManifest"})
        if (a[key] != b[key])
            return std::string(key) + " differs after reading back: " + a[key].dump().substr(0, 600) + " vs " + b[key].dump().substr(0, 600);
    for (const auto& group : a["weightsManifest"])
        for (const auto& p : group["paths"])
            if (file_bytes(dir / p.get<std::string>()) != file_bytes(again / p.get<std::string>()))
                return p.get<std::string>() + " differs after reading back";
    fs::remove_all(again);
    return {};
}

}  // namespace

class TestConvertCorpus : public QObject {
    Q_OBJECT
private slots:
    void corpusCases_data() {
        QTest::addColumn<QString>("json");
        if (test::corpus_dir().empty()) return;
        const auto cases = load_cases();
        for (const auto& c : cases["cases"])
            QTest::newRow((c["input"].get<std::string>() + " " + c.value("signature", "") + c.value("outputs", "")).c_str())
                << QString::fromStdString(c.dump());
    }
    void corpusCases() {
        WB_REQUIRE_CORPUS();
        QFETCH(QString, json);
        const auto c = nlohmann::json::parse(json.toStdString());
        const auto out = test::temp_dir("convert") / "web";
        auto r = exporter::convert_to_graph_model(test::corpus_dir() / c["input"].get<std::string>(), out, options_for(c));
        if (c["expect"] == "ok") {
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().what().c_str());
            QVERIFY(fs::exists(out / "model.json"));
            std::ifstream in(out / "model.json");
            auto j = nlohmann::ordered_json::parse(in);
            std::vector<std::string> keys;
            for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
            QCOMPARE(keys.front(), std::string("format"));
            QCOMPARE(keys.back(), std::string("weightsManifest"));
            QVERIFY(j["modelTopology"].contains("versions"));
            for (const auto& n : j["modelTopology"]["node"]) {  // spec §11.2: no value left in Const nodes
                if (n.at("op") != "Const") continue;
                const auto& t = n.at("attr").at("value").at("tensor");
                for (auto it = t.begin(); it != t.end(); ++it)
                    QVERIFY2(it.key() == "dtype" || it.key() == "tensorShape", it.key().c_str());
            }
        } else {
            QVERIFY2(!r.ok(), "conversion succeeded but the case expects an error");
            const std::string reason = c["reason"].get<std::string>();
            QVERIFY2(r.error().what().find(reason) != std::string::npos, r.error().what().c_str());
            QVERIFY2(!fs::exists(out), "a failed conversion left an output folder");
            for (const auto& e : fs::directory_iterator(out.parent_path()))  // nor a temporary one
                QVERIFY2(false, ("left behind: " + e.path().string()).c_str());
        }
    }

    // Export without passes, read back with the tfjs reader: same nodes, inputs and attributes, same
    // weight bytes (after the converter's dtype conversions).
    void roundTrip_data() { corpusCases_data(); }
    void roundTrip() {
        WB_REQUIRE_CORPUS();
        QFETCH(QString, json);
        const auto c = nlohmann::json::parse(json.toStdString());
        if (c["expect"] != "ok") QSKIP("case expects an error");
        const auto opts = options_for(c);
        auto model = formats::find_reader(opts.input_format)->read(test::corpus_dir() / c["input"].get<std::string>(), opts.read, {});
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().what().c_str());
        const auto dir = test::temp_dir("roundtrip");
        exporter::GraphModelOptions g;
        g.weights.shard_size_bytes = 1000;  // force several shards and straddling weights
        auto st = exporter::write_graph_model(*model, dir, g);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().what().c_str());
        auto back = formats::find_reader("tfjs_graph_model")->read(dir / "model.json", {}, {});
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().what().c_str());
        // The one rewrite the writer makes: Const outputs behind an Identity (DM21 has one).
        exporter::wrap_const_outputs(*model);
        QCOMPARE(back->graph.size(), model->graph.size());
        int nodes = 0, weights = 0;
        for (std::size_t i = 0; i < model->graph.size(); ++i) {
            const auto& a = model->graph.nodes()[i];
            const auto& b = back->graph.nodes()[i];
            QCOMPARE(b.name, a.name);
            QCOMPARE(b.op, a.op);
            QCOMPARE(b.inputs, a.inputs);
            ++nodes;
            // Every attribute but a Const's value (moved to the weights) reads back as written.
            QCOMPARE(attr_texts(b.attrs), attr_texts(a.attrs));
            if (!a.is_const()) continue;
            auto expected = exporter::auto_convert_weight(a.name, *ir::attr_tensor(a.attrs, "value"));
            QVERIFY(expected.ok());
            const ir::Tensor* got = ir::attr_tensor(b.attrs, "value");
            QVERIFY2(got, a.name.c_str());
            QCOMPARE(got->shape(), expected->shape());
            if (expected->dtype() == ir::DType::String) {
                QCOMPARE(got->strings(), expected->strings());
            } else if (got->dtype() == expected->dtype()) {
                QVERIFY2(std::ranges::equal(got->bytes(), expected->bytes()), a.name.c_str());
            } else {  // the reader gives a weight back its node's dtype (int64 stored as int32)
                QCOMPARE(got->dtype(), ir::attr_tensor(a.attrs, "value")->dtype());
                for (int64_t k = 0; k < expected->num_elements(); ++k)
                    QCOMPARE(got->value_as_double(k), expected->value_as_double(k));
            }
            ++weights;
        }
        qInfo("round trip: %d nodes with their attributes, %d weights byte for byte", nodes, weights);
        QCOMPARE(back->outputs.size(), model->outputs.size());
    }

    // tf_graphs: outputs from the reference files; success, or an op-check failure naming only
    // ops that are absent from the reference list of ops TensorFlow.js supports. Every export (pass
    // pipeline included) reads back into a graph that writes the same model.json topology and shards.
    void tfGraphs() {
        WB_REQUIRE_CORPUS();
        const auto supported = reference_ops();
        QVERIFY(supported.size() >= 240);
        int ok = 0, unsupported = 0;
        for (const auto& e : fs::recursive_directory_iterator(test::corpus_dir() / "tf_graphs")) {
            if (e.path().filename() != "frozen_model.pb") continue;
            std::string outputs;
            for (const auto& f : fs::directory_iterator(e.path().parent_path())) {
                std::string n = f.path().filename().string();
                const std::string suffix = ".prediction.csv";
                if (n.size() <= suffix.size() || n.compare(n.size() - suffix.size(), suffix.size(), suffix)) continue;
                n.resize(n.size() - suffix.size());
                for (std::size_t p; (p = n.find("____")) != std::string::npos;) n.replace(p, 4, "/");
                outputs += (outputs.empty() ? "" : ",") + n;
            }
            if (outputs.empty()) continue;
            exporter::ConvertOptions o;
            o.input_format = "tf_frozen_model";
            for (std::size_t s = 0, c; s <= outputs.size(); s = c + 1) {
                c = outputs.find(',', s);
                if (c == std::string::npos) c = outputs.size();
                o.read.output_node_names.push_back(outputs.substr(s, c - s));
            }
            auto out = test::temp_dir("tfg") / "web";
            auto r = exporter::convert_to_graph_model(e.path(), out, o);
            if (!r.ok() && r.error().message.find("no node of that name") != std::string::npos) {
                // "split.1.prediction.csv" is output 1 of node "split": retry with "node:k" names.
                for (auto& name : o.read.output_node_names) {
                    auto dot = name.rfind('.');
                    if (dot != std::string::npos && dot + 1 < name.size() &&
                        name.find_first_not_of("0123456789", dot + 1) == std::string::npos)
                        name[dot] = ':';
                }
                out = test::temp_dir("tfg") / "web";
                r = exporter::convert_to_graph_model(e.path(), out, o);
            }
            if (r.ok()) {
                const auto diff = rewrite_difference(out);
                QVERIFY2(diff.empty(), (e.path().string() + ": " + diff).c_str());
                ++ok;
                continue;
            }
            const std::string msg = r.error().message;
            QVERIFY2(msg.starts_with("Unsupported Ops in the model"), (e.path().string() + ": " + r.error().what()).c_str());
            ++unsupported;
            for (std::size_t p = 0; (p = msg.find("\n  ", p)) != std::string::npos;) {
                p += 3;
                const std::string op = msg.substr(p, msg.find(' ', p) - p);
                QVERIFY2(!supported.count(op), (e.path().string() + ": reported " + op + " as unsupported").c_str());
            }
        }
        qInfo("tf_graphs: %d converted (each read back and written again unchanged), %d rejected for unsupported ops", ok, unsupported);
        QVERIFY(ok > 100);
    }
};

QTEST_GUILESS_MAIN(TestConvertCorpus)
#include "tst_convert_corpus.moc"
