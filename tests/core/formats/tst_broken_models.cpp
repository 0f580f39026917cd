// SPDX-License-Identifier: Apache-2.0
// Broken fixtures made here, each named for its defect: every one gives an Error naming the
// file and the item at fault, and nothing crashes.
#include <QTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <random>

#include "common/corpus.h"
#include "core/proto/graph.pb.h"
#include "formats/registry.h"

using namespace wb;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

void write_file(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A small valid GraphDef written with our protobuf classes: Const(1000 floats) -> Relu.
std::string small_graphdef() {
    tensorflow::GraphDef g;
    auto* c = g.add_node();
    c->set_name("weights");
    c->set_op("Const");
    auto* t = (*c->mutable_attr())["value"].mutable_tensor();
    t->set_dtype(tensorflow::DT_FLOAT);
    t->mutable_tensor_shape()->add_dim()->set_size(1000);
    t->set_tensor_content(std::string(4000, '\x01'));
    (*c->mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
    auto* r = g.add_node();
    r->set_name("relu");
    r->set_op("Relu");
    r->add_input("weights");
    return g.SerializeAsString();
}

json const_node(const std::string& name, std::vector<int64_t> dims) {
    json d = json::array();
    for (auto v : dims) d.push_back({{"size", std::to_string(v)}});
    return {{"name", name}, {"op", "Const"},
            {"attr", {{"value", {{"tensor", {{"dtype", "DT_FLOAT"}, {"tensorShape", {{"dim", d}}}}}}},
                      {"dtype", {{"type", "DT_FLOAT"}}}}}};
}

// A graph model with one float32 Const "w" of shape [4] (16 bytes) stored in `paths`.
json graph_model(json paths, json weight = json()) {
    if (weight.is_null()) weight = {{"name", "w"}, {"shape", {4}}, {"dtype", "float32"}};
    return {{"format", "graph-model"},
            {"modelTopology", {{"node", {const_node("w", {4})}}, {"versions", {{"producer", 1}}}}},
            {"weightsManifest", {{{"paths", paths}, {"weights", {weight}}}}}};
}

}  // namespace

class TestBrokenModels : public QObject {
    Q_OBJECT
private slots:
    void brokenFixtures_data() {
        QTest::addColumn<QString>("fixture");     // file handed to read_model, relative to the fixture dir
        QTest::addColumn<QString>("errorFile");   // the file the error must name
        QTest::addColumn<QString>("item");        // substring of Error::item
        QTest::addColumn<QString>("message");     // substring of Error::message
        QTest::newRow("truncated .pb") << "truncated_frozen_model.pb" << "truncated_frozen_model.pb" << "GraphDef" << "truncated or corrupt";
        QTest::newRow("random bytes .pb") << "random_bytes.pb" << "random_bytes.pb" << "GraphDef" << "GraphDef";
        QTest::newRow("pbtxt syntax error") << "syntax_error.pbtxt" << "syntax_error.pbtxt" << "line 3" << "syntax error";
        QTest::newRow("Const tensor_content too short") << "const_content_short.pb" << "const_content_short.pb" << "node 'weights'" << "needs 4000";
        QTest::newRow("missing shard") << "missing_shard/model.json" << "group1-shard2of2.bin" << "weight 'w'" << "is missing";
        QTest::newRow("shard shorter than manifest") << "shard_shorter/model.json" << "group1-shard1of1.bin" << "weight 'w'" << "shorter than the manifest";
        QTest::newRow("shard longer than manifest") << "shard_longer/model.json" << "group1-shard1of1.bin" << "weightsManifest[0]" << "longer than the manifest";
        QTest::newRow("weight path with ..") << "path_dotdot/model.json" << "model.json" << "../outside.bin" << "'..'";
        QTest::newRow("absolute weight path") << "path_absolute/model.json" << "model.json" << "/etc/hostname" << "absolute";
        QTest::newRow("symlink leaving folder") << "path_symlink/model.json" << "model.json" << "link.bin" << "outside the model folder";
        QTest::newRow("unknown dtype") << "unknown_dtype/model.json" << "model.json" << "weight 'w'" << "unknown dtype 'float64'";
        QTest::newRow("unknown quantization") << "unknown_quant/model.json" << "model.json" << "weight 'w'" << "unknown quantization dtype 'int4'";
        QTest::newRow("uint8 without min/scale") << "quant_no_scale/model.json" << "model.json" << "weight 'w'" << "min and scale";
        QTest::newRow("enormous shape") << "enormous_shape/model.json" << "model.json" << "weight 'w'" << "2 GiB";
        QTest::newRow("weight shape differs from Const") << "shape_mismatch/model.json" << "model.json" << "node 'w'" << "declares [4]";
        QTest::newRow("invalid JSON") << "invalid_json/model.json" << "model.json" << "byte" << "not valid JSON";
        QTest::newRow("topology not a GraphDef") << "bad_topology/model.json" << "model.json" << "modelTopology" << "GraphDef";
        QTest::newRow("neither topology nor manifest") << "empty_model/model.json" << "model.json" << "" << "neither model topology";
    }

    void brokenFixtures() {
        QFETCH(QString, fixture);
        QFETCH(QString, errorFile);
        QFETCH(QString, item);
        QFETCH(QString, message);
        auto model = formats::read_model(dir_ / fixture.toStdString());
        QVERIFY2(!model.ok(), "a broken fixture loaded");
        const Error& e = model.error();
        qInfo("%s", e.what().c_str());
        QVERIFY2(e.file.find(errorFile.toStdString()) != std::string::npos, e.what().c_str());
        QVERIFY2(e.item.find(item.toStdString()) != std::string::npos, e.what().c_str());
        QVERIFY2(e.message.find(message.toStdString()) != std::string::npos, e.what().c_str());
    }

    // Every prefix of a valid GraphDef fails cleanly or loads; none crashes.
    void everyTruncationOfAGraphDefIsHandled() {
        const std::string full = small_graphdef();
        const fs::path p = dir_ / "prefix.pb";
        int errors = 0;
        for (std::size_t n = 0; n < full.size(); n += 7) {
            write_file(p, full.substr(0, n));
            errors += formats::read_model(p).ok() ? 0 : 1;
        }
        QVERIFY(errors > 0);
        write_file(p, full);
        QVERIFY(formats::read_model(p).ok());
    }

    void initTestCase() {
        dir_ = wb::test::temp_dir("broken_models");
        const std::string pb = small_graphdef();
        write_file(dir_ / "truncated_frozen_model.pb", pb.substr(0, pb.size() / 2));
        std::mt19937 rng(1234);
        std::string noise(4096, '\0');
        for (auto& ch : noise) ch = static_cast<char>(rng());
        noise[0] = '\x0a';  // starts like a GraphDef node field, so the probe picks the frozen reader
        write_file(dir_ / "random_bytes.pb", noise);
        write_file(dir_ / "syntax_error.pbtxt", "node {\n  name: \"x\"\n  op: Const\"\n}\n");
        tensorflow::GraphDef g;
        g.ParseFromString(pb);
        (*g.mutable_node(0)->mutable_attr())["value"].mutable_tensor()->set_tensor_content(std::string(3000, '\0'));
        write_file(dir_ / "const_content_short.pb", g.SerializeAsString());

        auto model_dir = [this](const std::string& name, const json& doc) {
            fs::create_directories(dir_ / name);
            write_file(dir_ / name / "model.json", doc.dump());
            return dir_ / name;
        };
        const std::string sixteen(16, '\0');
        auto d = model_dir("missing_shard", graph_model({"group1-shard1of2.bin", "group1-shard2of2.bin"}));
        write_file(d / "group1-shard1of2.bin", sixteen.substr(0, 8));
        d = model_dir("shard_shorter", graph_model({"group1-shard1of1.bin"}));
        write_file(d / "group1-shard1of1.bin", sixteen.substr(0, 12));
        d = model_dir("shard_longer", graph_model({"group1-shard1of1.bin"}));
        write_file(d / "group1-shard1of1.bin", sixteen + "1234");
        model_dir("path_dotdot", graph_model({"../outside.bin"}));
        write_file(dir_ / "outside.bin", sixteen);
        model_dir("path_absolute", graph_model({"/etc/hostname"}));
        d = model_dir("path_symlink", graph_model({"link.bin"}));
        fs::create_symlink(dir_ / "outside.bin", d / "link.bin");
        model_dir("unknown_dtype", graph_model({"w.bin"}, {{"name", "w"}, {"shape", {4}}, {"dtype", "float64"}}));
        model_dir("unknown_quant", graph_model({"w.bin"}, {{"name", "w"}, {"shape", {4}}, {"dtype", "float32"},
                                                           {"quantization", {{"dtype", "int4"}}}}));
        model_dir("quant_no_scale", graph_model({"w.bin"}, {{"name", "w"}, {"shape", {4}}, {"dtype", "float32"},
                                                            {"quantization", {{"dtype", "uint8"}, {"min", 0.0}}}}));
        model_dir("enormous_shape", graph_model({"w.bin"}, {{"name", "w"}, {"shape", {1 << 20, 1 << 20}}, {"dtype", "float32"}}));
        d = model_dir("shape_mismatch", graph_model({"w.bin"}, {{"name", "w"}, {"shape", {2, 2}}, {"dtype", "float32"}}));
        write_file(d / "w.bin", sixteen);
        fs::create_directories(dir_ / "invalid_json");
        write_file(dir_ / "invalid_json" / "model.json", "{\"format\": \"graph-model\", \"modelTopology\": {");
        model_dir("bad_topology", {{"format", "graph-model"}, {"modelTopology", {{"node", 5}}}, {"weightsManifest", json::array()}});
        model_dir("empty_model", {{"format", "graph-model"}});
    }

private:
    fs::path dir_;
};

QTEST_GUILESS_MAIN(TestBrokenModels)
#include "tst_broken_models.moc"
