// SPDX-License-Identifier: Apache-2.0
// `tfjs-wb inspect`: real models report their real contents; broken ones exit 1 with
// "tfjs-wb: error: <file>: <item>: <message>".
#include <QProcess>
#include <QTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>

#include "common/corpus.h"
#include "common/run_cli.h"
#include "core/proto/graph.pb.h"

namespace fs = std::filesystem;
namespace test = wb::test;

namespace {

using test::Run;
using test::tfjs_wb;
using test::q;

void write_file(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

class TestCliInspect : public QObject {
    Q_OBJECT
private slots:
    void helpTeaches() {
        auto r = tfjs_wb({"inspect", "--help"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.find("--json") != std::string::npos);
        QVERIFY(r.out.find("Examples") != std::string::npos);
        // convert --help names every route, including tfjs_layers_model → Keras .h5, with examples.
        auto c = tfjs_wb({"convert", "--help"});
        QCOMPARE(c.code, 0);
        QVERIFY(c.out.find("--output_format=keras") != std::string::npos);
        QVERIFY(c.out.find("Examples") != std::string::npos);
    }

    void graphModelJsonHistogram() {
        WB_REQUIRE_CORPUS();
        const fs::path path = wb::test::corpus_dir() / "tfjs/nsfwjs/mobilenet_v2_mid/model.json";
        auto r = tfjs_wb({"inspect", q(path), "--json"});
        QCOMPARE(r.code, 0);
        const auto got = nlohmann::json::parse(r.out);
        std::ifstream in(path);
        const auto doc = nlohmann::json::parse(in);
        std::map<std::string, int64_t> want;
        for (const auto& n : doc["modelTopology"]["node"]) ++want[n["op"].get<std::string>()];
        const auto histogram = got["opHistogram"].get<std::map<std::string, int64_t>>();
        QCOMPARE(histogram, want);
        QCOMPARE(got["unsupportedOpCount"].get<int>(), 0);
        QCOMPARE(got["format"].get<std::string>(), std::string("tfjs_graph_model"));
        QCOMPARE(got["nodeCount"].get<std::size_t>(), doc["modelTopology"]["node"].size());
    }

    void frozenGraphListsUnsupportedNodes() {
        WB_REQUIRE_CORPUS();
        const fs::path pb = wb::test::corpus_dir() / "tf_graphs/svd/rank2_3,3_full_uv/frozen_model.pb";
        auto r = tfjs_wb({"inspect", q(pb), "--json"});
        QCOMPARE(r.code, 0);
        const auto got = nlohmann::json::parse(r.out);
        // frozen_graph.pbtxt of this case: one node named "Svd" with op Svd.
        QCOMPARE(got["unsupportedOps"]["Svd"].dump(), std::string(R"(["Svd"])"));
        auto text = tfjs_wb({"inspect", q(pb)});
        QCOMPARE(text.code, 0);
        QVERIFY(text.out.find("Svd (1 nodes): Svd") != std::string::npos);
    }

    void brokenModelsExitOne() {
        const fs::path dir = wb::test::temp_dir("cli_inspect_broken");
        tensorflow::GraphDef g;
        auto* n = g.add_node();
        n->set_name("c");
        n->set_op("Const");
        auto* t = (*n->mutable_attr())["value"].mutable_tensor();
        t->set_dtype(tensorflow::DT_FLOAT);
        t->mutable_tensor_shape()->add_dim()->set_size(256);
        t->set_tensor_content(std::string(1024, '\x02'));
        const std::string pb = g.SerializeAsString();
        write_file(dir / "truncated_frozen_model.pb", pb.substr(0, pb.size() - 100));
        fs::create_directories(dir / "missing_shard");
        nlohmann::json doc = {{"format", "graph-model"},
                              {"modelTopology", {{"node", nlohmann::json::array()}, {"versions", nlohmann::json::object()}}},
                              {"weightsManifest", {{{"paths", {"a.bin", "b.bin"}},
                                                    {"weights", {{{"name", "w"}, {"shape", {8}}, {"dtype", "float32"}}}}}}}};
        write_file(dir / "missing_shard" / "model.json", doc.dump());
        write_file(dir / "missing_shard" / "a.bin", std::string(16, '\0'));
        for (const auto& [file, mention] : {std::pair<fs::path, std::string>{dir / "truncated_frozen_model.pb", "GraphDef"},
                                            {dir / "missing_shard/model.json", "b.bin: weight 'w'"},
                                            {dir / "no_such_model.pb", "no such file"}}) {
            auto r = tfjs_wb({"inspect", q(file)});
            QCOMPARE(r.code, 1);
            QVERIFY2(r.err.rfind("tfjs-wb: error: ", 0) == 0, r.err.c_str());
            QVERIFY2(r.err.find(file.filename().string()) != std::string::npos, r.err.c_str());
            QVERIFY2(r.err.find(mention) != std::string::npos, r.err.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliInspect)
#include "tst_cli_inspect.moc"
