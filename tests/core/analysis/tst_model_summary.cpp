// SPDX-License-Identifier: Apache-2.0
// Model summaries of real models, checked against counts computed here from the source files.
#include <QTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>

#include "analysis/model_summary.h"
#include "common/corpus.h"
#include "formats/registry.h"

using namespace wb;
namespace fs = std::filesystem;

namespace {

// Names of the nodes with op `op`, read from a text GraphDef line by line (name precedes op).
std::vector<std::string> pbtxt_nodes_with_op(const fs::path& pbtxt, const std::string& op) {
    std::ifstream in(pbtxt);
    std::string line, last_name;
    std::vector<std::string> out;
    while (std::getline(in, line)) {
        auto pos = line.find_first_not_of(' ');
        if (pos == std::string::npos) continue;
        if (line.compare(pos, 7, "name: \"") == 0) last_name = line.substr(pos + 7, line.size() - pos - 8);
        if (line.compare(pos, 5, "op: \"") == 0 && line.substr(pos + 5, line.size() - pos - 6) == op)
            out.push_back(last_name);
    }
    return out;
}

}  // namespace

class TestModelSummary : public QObject {
    Q_OBJECT
private slots:
    void graphModelHistogramMatchesModelJson() {
        WB_REQUIRE_CORPUS();
        const fs::path path = wb::test::corpus_dir() / "tfjs/nsfwjs/mobilenet_v2_mid/model.json";
        auto model = formats::read_model(path);
        QVERIFY(model.ok());
        auto s = analysis::summarize(*model);
        std::ifstream in(path);
        const auto doc = nlohmann::json::parse(in);
        std::map<std::string, int64_t> want;
        for (const auto& n : doc["modelTopology"]["node"]) ++want[n["op"].get<std::string>()];
        QCOMPARE(s.op_histogram, want);
        QCOMPARE(s.node_count, static_cast<int64_t>(doc["modelTopology"]["node"].size()));
        QVERIFY(s.unsupported_ops.empty());
        const auto& weights = doc["weightsManifest"][0]["weights"];
        QCOMPARE(s.weight_count, static_cast<int64_t>(weights.size()));
        QCOMPARE(s.weights_by_quantization.at("uint8").count, static_cast<int64_t>(weights.size()));
        int64_t shard_bytes = 0;
        for (const auto& p : doc["weightsManifest"][0]["paths"])
            shard_bytes += static_cast<int64_t>(fs::file_size(path.parent_path() / p.get<std::string>()));
        QCOMPARE(s.weight_bytes, shard_bytes);
        const auto j = s.to_json();
        QCOMPARE(j["unsupportedOpCount"].get<int64_t>(), int64_t(0));
        QCOMPARE(j["producer"]["convertedBy"].get<std::string>(), std::string("TensorFlow.js Converter v1.7.4r1"));
        QCOMPARE(j["inputs"][0]["shape"].dump(), std::string("[-1,224,224,3]"));
    }

    void frozenGraphReportsUnsupportedOpsWithNodes() {
        WB_REQUIRE_CORPUS();
        for (const auto& [folder, op] : {std::pair<std::string, std::string>{"svd/rank2_3,3_full_uv", "Svd"},
                                         {"matrix_inverse/rank2", "MatrixInverse"}}) {
            const fs::path dir = wb::test::corpus_dir() / "tf_graphs" / folder;
            auto model = formats::read_model(dir / "frozen_model.pb");
            QVERIFY(model.ok());
            auto s = analysis::summarize(*model);
            const auto want = pbtxt_nodes_with_op(dir / "frozen_graph.pbtxt", op);
            QVERIFY(!want.empty());
            QVERIFY2(s.unsupported_ops.count(op), op.c_str());
            QCOMPARE(s.unsupported_ops.at(op), want);
            QCOMPARE(s.op_histogram.at(op), static_cast<int64_t>(want.size()));
            // Frozen graphs keep weights in Const nodes: the summary counts those.
            int64_t consts = 0;
            for (const auto& n : model->graph.nodes()) consts += n.is_const();
            QCOMPARE(s.weight_count, consts);
        }
    }
};

QTEST_GUILESS_MAIN(TestModelSummary)
#include "tst_model_summary.moc"
