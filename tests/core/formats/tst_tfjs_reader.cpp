// SPDX-License-Identifier: Apache-2.0
// TensorFlow.js model.json readers over the real artifacts of corpus/tfjs, and dequantization
// against tfjs-converter-spec §5 test vectors.
#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

#include "common/corpus.h"
#include "formats/registry.h"
#include "formats/tfjs/weight_decoder.h"

using namespace wb;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// tfjs DTYPE_VALUE_SIZE_MAP (spec §2.4).
int64_t dtype_bytes(const std::string& d) {
    if (d == "float32" || d == "int32") return 4;
    if (d == "complex64") return 8;
    if (d == "float16" || d == "uint16") return 2;
    return 1;  // bool, uint8
}

std::vector<fs::path> tfjs_models() {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(wb::test::corpus_dir() / "tfjs"))
        if (e.is_regular_file() && (e.path().filename() == "model.json" || e.path().filename() == "model_new.json"))
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

json load_json(const fs::path& p) {
    std::ifstream in(p);
    return json::parse(in);
}

void write_file(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// The Const of that name in the main graph or in a function body (tfjs names those
// "<function>/<const>", spec §2.3).
const ir::Tensor* const_value(const ir::Model& m, const std::string& name) {
    const ir::Node* n = m.graph.find(name);
    for (const auto& fn : m.graph.functions)
        for (const auto& node : fn.nodes)
            if (!n && node.name == name) n = &node;
    return n ? ir::attr_tensor(n->attrs, "value") : nullptr;
}

// A graph-model Const node in protobuf JSON form, its value left to the weights (spec §2.3).
json const_node(const std::string& name, const std::string& dtype, int64_t size) {
    json shape = {{"dim", {{{"size", std::to_string(size)}}}}};
    return {{"name", name}, {"op", "Const"},
            {"attr", {{"value", {{"tensor", {{"dtype", dtype}, {"tensorShape", shape}}}}}, {"dtype", {{"type", dtype}}}}}};
}

}  // namespace

class TestTfjsReader : public QObject {
    Q_OBJECT
private slots:
    void everyCorpusModelLoads() {
        WB_REQUIRE_CORPUS();
        const auto models = tfjs_models();
        QVERIFY(models.size() >= 13);
        for (const auto& path : models) {
            const bool topology_only = path.string().find("/topology-only/") != std::string::npos;
            auto model = formats::read_model(path);  // detect + read + validate
            QVERIFY2(model.ok(), model.ok() ? "" : model.error().what().c_str());
            QCOMPARE(model->topology_only, topology_only);
            const json doc = load_json(path);
            const bool graph = doc.value("format", "") == "graph-model" || doc["modelTopology"].contains("node");
            QCOMPARE(model->format, std::string(graph ? "tfjs_graph_model" : "tfjs_layers_model"));
            if (topology_only) {
                QVERIFY(!model->warnings.empty());
                QVERIFY(model->warnings.back().find("topology only") != std::string::npos);
            }
            // Decoded bytes (element count of each Const × manifest dtype size) equal the manifest's.
            int64_t manifest_bytes = 0, decoded_bytes = 0, stored = 0, on_disk = 0;
            for (const auto& group : doc["weightsManifest"]) {
                for (const auto& p : group["paths"])
                    if (fs::exists(path.parent_path() / p.get<std::string>()))
                        on_disk += static_cast<int64_t>(fs::file_size(path.parent_path() / p.get<std::string>()));
                for (const auto& w : group["weights"]) {
                    int64_t n = 1;
                    for (const auto& d : w["shape"]) n *= d.get<int64_t>();
                    manifest_bytes += n * dtype_bytes(w["dtype"]);
                    const ir::Tensor* t = const_value(*model, w["name"].get<std::string>());
                    QVERIFY2(t, w["name"].get<std::string>().c_str());
                    decoded_bytes += t->num_elements() * dtype_bytes(w["dtype"]);
                }
            }
            for (const auto& w : model->weights) stored += static_cast<int64_t>(w.stored_bytes);
            QCOMPARE(decoded_bytes, manifest_bytes);
            if (!topology_only) QCOMPARE(stored, on_disk);  // every shard byte consumed, none missing
            qInfo("%s: %s, %zu nodes, %zu weights, %lld decoded bytes", path.string().c_str(), model->format.c_str(),
                  model->graph.size(), model->weights.size(), static_cast<long long>(decoded_bytes));
        }
    }

    // expected-values.json: for input ones(2,2) the output of MatMul(Placeholder, w) is
    // [0.7567615509033203, -0.18349379301071167] per row, i.e. the column sums of w.
    void graphModelWeightsMatchExpectedOutputs() {
        WB_REQUIRE_CORPUS();
        const json expected = load_json(wb::test::corpus_dir() / "tfjs/expected-values.json");
        int checked = 0;
        for (const auto& c : expected["cases"]) {
            const std::string rel = c["model"];
            if (rel.find("graph_model/") == std::string::npos) continue;
            auto model = formats::read_model(wb::test::corpus_dir() / rel);
            QVERIFY(model.ok());
            const ir::Tensor* w = const_value(*model, "w");
            QVERIFY(w && w->dtype() == ir::DType::Float32);
            const auto& out = c["outputs"]["*"]["data"];
            const float* v = w->data<float>();
            QCOMPARE(v[0] + v[2], out[0].get<float>());
            QCOMPARE(v[1] + v[3], out[1].get<float>());
            QCOMPARE(model->inputs.size(), std::size_t(1));
            QCOMPARE(model->inputs[0].name, std::string("Placeholder:0"));
            QCOMPARE(model->outputs[0].name, std::string("MatMul:0"));
            ++checked;
        }
        QCOMPARE(checked, 2);
    }

    // nsfwjs mobilenet_v2_mid is uint8-quantized (converter 1.7.4): recompute the first weight's
    // values from the raw shard bytes with the manifest's min/scale.
    void uint8CorpusWeightsDequantize() {
        WB_REQUIRE_CORPUS();
        const fs::path path = wb::test::corpus_dir() / "tfjs/nsfwjs/mobilenet_v2_mid/model.json";
        auto model = formats::read_model(path);
        QVERIFY(model.ok());
        QCOMPARE(model->generated_by, std::string("2.2.0"));
        QCOMPARE(model->converted_by, std::string("TensorFlow.js Converter v1.7.4r1"));
        QCOMPARE(model->inputs[0].name, std::string("input:0"));  // from userDefinedMetadata.signature
        QCOMPARE(model->inputs[0].shape, ir::Shape({-1, 224, 224, 3}));
        const json doc = load_json(path);
        const auto& w0 = doc["weightsManifest"][0]["weights"][0];
        std::ifstream shard(path.parent_path() / "group1-shard1of2", std::ios::binary);
        std::vector<unsigned char> q(16);
        shard.read(reinterpret_cast<char*>(q.data()), 16);
        const ir::Tensor* t = const_value(*model, w0["name"]);
        QVERIFY(t);
        const double scale = w0["quantization"]["scale"], min = w0["quantization"]["min"];
        for (int k = 0; k < 16; ++k) QCOMPARE(t->data<float>()[k], static_cast<float>(q[k] * scale + min));
        QCOMPARE(model->weights[0].quantization, std::string("uint8"));
        QCOMPARE(model->weights[0].stored_bytes, std::size_t(3 * 3 * 3 * 48));
    }

    // tfjs-converter-spec §5.2 / §5.3 vectors decoded through a model made here.
    void specQuantizationVectors() {
        const fs::path dir = wb::test::temp_dir("tfjs_quant");
        // uint8 [20,0,255], uint16 [5041,0,65535], float16 0000 66ae cd3c 007c 0000, int32 via uint8.
        std::string bin = {char(20), char(0), char(255)};
        for (uint16_t v : {uint16_t(5041), uint16_t(0), uint16_t(65535)}) bin.append(reinterpret_cast<char*>(&v), 2);
        bin += std::string("\x00\x00\x66\xae\xcd\x3c\x00\x7c\x00\x00", 10);
        bin += std::string{char(0), char(85), char(255)};
        json doc = {{"format", "graph-model"},
                    {"modelTopology",
                     {{"node", {const_node("u8", "DT_FLOAT", 3), const_node("u16", "DT_FLOAT", 3),
                                const_node("f16", "DT_FLOAT", 5), const_node("i32", "DT_INT32", 3)}},
                      {"versions", json::object()}}},
                    {"weightsManifest",
                     {{{"paths", {"w.bin"}},
                       {"weights",
                        {{{"name", "u8"}, {"shape", {3}}, {"dtype", "float32"},
                          {"quantization", {{"dtype", "uint8"}, {"min", -0.10196078817049663}, {"scale", 0.0050980394085248315}}}},
                         {{"name", "u16"}, {"shape", {3}}, {"dtype", "float32"},
                          {"quantization", {{"dtype", "uint16"}, {"min", -0.09999695197810769}, {"scale", 1.9836729216049928e-05}}}},
                         {{"name", "f16"}, {"shape", {5}}, {"dtype", "float32"}, {"quantization", {{"dtype", "float16"}}}},
                         {{"name", "i32"}, {"shape", {3}}, {"dtype", "int32"},
                          {"quantization", {{"dtype", "uint8"}, {"min", 0.5}, {"scale", 0.0058823529411764705}}}}}}}}}};
        write_file(dir / "model.json", doc.dump());
        write_file(dir / "w.bin", bin);
        auto model = formats::read_model(dir / "model.json");
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().what().c_str());
        auto* u8 = const_value(*model, "u8");
        QVERIFY(u8);
        QVERIFY(std::fabs(u8->data<float>()[0]) < 0.0026f);  // 0 within half a step
        QVERIFY(std::fabs(u8->data<float>()[1] + 0.1f) < 0.0026f);
        QVERIFY(std::fabs(u8->data<float>()[2] - 1.2f) < 0.0026f);
        QCOMPARE(u8->data<float>()[2], static_cast<float>(255 * 0.0050980394085248315 + -0.10196078817049663));
        auto* u16 = const_value(*model, "u16");
        QVERIFY(std::fabs(u16->data<float>()[0]) < 1e-5f);
        QVERIFY(std::fabs(u16->data<float>()[2] - 1.2f) < 1e-5f);
        auto* f16 = const_value(*model, "f16");
        QCOMPARE(f16->data<float>()[1], -0.0999755859375f);
        QCOMPARE(f16->data<float>()[2], 1.2001953125f);
        QVERIFY(std::isinf(f16->data<float>()[3]));
        auto* i32 = const_value(*model, "i32");  // Math.round(q*scale+min): 0.5, 1.0, 2.0 -> 1, 1, 2
        QCOMPARE(i32->dtype(), ir::DType::Int32);
        QCOMPARE(i32->data<int32_t>()[0], 1);
        QCOMPARE(i32->data<int32_t>()[2], 2);
        QCOMPARE(model->weights[2].stored_bytes, std::size_t(10));
    }

    // Strings: uint32 LE length + bytes (spec §2.4 vector); bool 01 00 01.
    void stringAndBoolWeights() {
        const fs::path dir = wb::test::temp_dir("tfjs_strings");
        std::string bin("\x02\x00\x00\x00" "ab" "\x00\x00\x00\x00" "\x02\x00\x00\x00" "\xc3\xa9", 16);
        bin += std::string("\x01\x00\x01", 3);
        json doc = {{"format", "graph-model"},
                    {"modelTopology",
                     {{"node", {const_node("s", "DT_STRING", 3), const_node("b", "DT_BOOL", 3)}},
                      {"versions", json::object()}}},
                    {"weightsManifest",
                     {{{"paths", {"a.bin"}},
                       {"weights", {{{"name", "s"}, {"shape", {3}}, {"dtype", "string"}},
                                    {{"name", "b"}, {"shape", {3}}, {"dtype", "bool"}}}}}}}};
        write_file(dir / "model.json", doc.dump());
        write_file(dir / "a.bin", bin);
        auto model = formats::read_model(dir / "model.json");
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().what().c_str());
        const auto& s = const_value(*model, "s")->strings();
        QCOMPARE(s[0], std::string("ab"));
        QCOMPARE(s[1], std::string());
        QCOMPARE(s[2], std::string("\xc3\xa9"));
        QCOMPARE(const_value(*model, "b")->data<uint8_t>()[1], uint8_t(0));
    }

    // A folder holding model.json is that model (`tfjs-wb bench web_model/`); a folder that is
    // also a SavedModel stays a SavedModel.
    void folderOpensItsModelJson() {
        WB_REQUIRE_CORPUS();
        const fs::path dir = wb::test::corpus_dir() / "tfjs/nsfwjs/mobilenet_v2_mid";
        auto by_folder = formats::read_model(dir);
        auto by_file = formats::read_model(dir / "model.json");
        QVERIFY2(by_folder.ok(), by_folder ? "" : by_folder.error().message.c_str());
        QVERIFY(by_file.ok());
        QCOMPARE(by_folder->graph.nodes().size(), by_file->graph.nodes().size());
        QCOMPARE(by_folder->weights.size(), by_file->weights.size());
        QCOMPARE(formats::detect(dir)->name(), std::string_view("tfjs_graph_model"));
    }

    // Topology only on request, or when the manifest's first shard is absent (a model.json
    // shipped alone); a later missing shard is an error (tst_broken_models).
    void topologyOnlyOnRequestOrWhenWeightsAbsent() {
        WB_REQUIRE_CORPUS();
        formats::ReadOptions options;
        options.topology_only = true;
        auto model = formats::read_model(wb::test::corpus_dir() / "tfjs/nsfwjs/mobilenet_v2_mid/model.json", options);
        QVERIFY(model.ok());
        QVERIFY(model->topology_only);
        QVERIFY(model->warnings.back().find("topology only requested") != std::string::npos);
        QCOMPARE(model->weights.size(), std::size_t(108));
        const fs::path dir = wb::test::temp_dir("tfjs_alone");
        json doc = {{"format", "graph-model"},
                    {"modelTopology", {{"node", {const_node("w", "DT_INT32", 2)}}, {"versions", json::object()}}},
                    {"weightsManifest", {{{"paths", {"absent.bin"}},
                                          {"weights", {{{"name", "w"}, {"shape", {2}}, {"dtype", "int32"}}}}}}}};
        write_file(dir / "model.json", doc.dump());
        auto alone = formats::read_model(dir / "model.json");
        QVERIFY(alone.ok());
        QVERIFY(alone->topology_only);
        QVERIFY(alone->warnings.back().find("'absent.bin'") != std::string::npos);
        QCOMPARE(const_value(*alone, "w")->dtype(), ir::DType::Int32);
        QCOMPARE(const_value(*alone, "w")->data<int32_t>()[1], 0);
    }

    void dequantizeHelpersFollowTfjs() {
        // Math.round rounds .5 up (towards +inf), also for negatives: -2.5 -> -2.
        QCOMPARE(formats::tfjs::dequantize_int(0, 1.0, -2.5), -2);
        QCOMPARE(formats::tfjs::dequantize_int(3, 1.0, -0.5), 3);
        QCOMPARE(formats::tfjs::dequantize_float(255, 0.0050980394085248315, -0.10196078817049663),
                 static_cast<float>(255 * 0.0050980394085248315 - 0.10196078817049663));
    }
};

QTEST_GUILESS_MAIN(TestTfjsReader)
#include "tst_tfjs_reader.moc"
