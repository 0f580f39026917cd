// SPDX-License-Identifier: Apache-2.0
// `tfjs-wb optimize`: the per-pass report, --passes / --skip / --print-after / --json, and
// --out writing a graph model that loads and computes what the original computes.
#include <QProcess>
#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <set>

#include "common/corpus.h"
#include "common/run_cli.h"
#include "formats/registry.h"
#include "runtime/tensor_io.h"

namespace fs = std::filesystem;
using namespace wb;

namespace {

using test::Run;
using test::tfjs_wb;
using test::q;

// A TF frozen graph of dense layers: MatMul + BiasAdd + Relu chains and Identity nodes.
fs::path fc_layers() { return test::corpus_dir() / "frozen/tf-onnx/fc-layers/frozen.pb"; }

std::set<std::string> passes_in(const nlohmann::json& report) {
    std::set<std::string> names;
    for (const auto& p : report["passes"]) names.insert(p["pass"].get<std::string>());
    return names;
}

std::size_t count_ops(const ir::Graph& g, const std::string& op) {
    std::size_t n = 0;
    for (const auto& node : g.nodes()) n += node.op == op;
    return n;
}

}  // namespace

class TestCliOptimize : public QObject {
    Q_OBJECT
private slots:
    void helpListsEveryPass() {
        auto r = tfjs_wb({"optimize", "--help"});
        QCOMPARE(r.code, 0);
        for (const char* pass : {"fold_constants", "materialize_shapes", "fuse_conv_bias_activation", "fuse_depthwise"})
            QVERIFY2(r.out.find(pass) != std::string::npos, pass);
    }

    void textReportHasOneLinePerPass() {
        WB_REQUIRE_CORPUS();
        auto r = tfjs_wb({"optimize", q(fc_layers())});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY(r.out.find("fuse_matmul_bias_activation: ") != std::string::npos);
        QVERIFY(r.out.find("did nothing") != std::string::npos);  // e.g. fuse_depthwise on a dense net
        QVERIFY(r.out.find(" nodes (-") != std::string::npos);
    }

    void jsonReportAndPassSelection() {
        WB_REQUIRE_CORPUS();
        auto all = tfjs_wb({"optimize", q(fc_layers()), "--json"});
        QVERIFY2(all.code == 0, all.err.c_str());
        const auto report = nlohmann::json::parse(all.out);
        QVERIFY(report["nodes_after"].get<int>() < report["nodes_before"].get<int>());
        bool fused = false;
        for (const auto& p : report["passes"]) {
            QVERIFY(p.contains("summary") && p.contains("removed") && p.contains("added") && p.contains("rewritten"));
            if (p["pass"] == "fuse_matmul_bias_activation")
                for (const auto& c : p["rewritten"]) fused = fused || !c["from"].empty();
        }
        QVERIFY2(fused, "the change log names the nodes each fused node came from");

        auto only = tfjs_wb({"optimize", q(fc_layers()), "--json", "--passes", "prune_to_outputs,remove_identities"});
        QVERIFY2(only.code == 0, only.err.c_str());
        QCOMPARE(passes_in(nlohmann::json::parse(only.out)), (std::set<std::string>{"prune_to_outputs", "remove_identities"}));

        auto skip = tfjs_wb({"optimize", q(fc_layers()), "--json", "--skip", "fuse_matmul_bias_activation"});
        QVERIFY2(skip.code == 0, skip.err.c_str());
        auto skipped = passes_in(nlohmann::json::parse(skip.out));
        QVERIFY(!skipped.count("fuse_matmul_bias_activation") && skipped.count("fold_constants"));

        auto bad = tfjs_wb({"optimize", q(fc_layers()), "--skip", "fold_everything"});
        QVERIFY(bad.code != 0 && bad.code != -2);
        QVERIFY2(bad.err.find("fold_everything") != std::string::npos, bad.err.c_str());
    }

    void printAfterShowsTheGraph() {
        WB_REQUIRE_CORPUS();
        auto r = tfjs_wb({"optimize", q(fc_layers()), "--print-after", "fuse_matmul_bias_activation"});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY(r.out.find("Graph after fuse_matmul_bias_activation") != std::string::npos);
        QVERIFY(r.out.find(" = _FusedMatMul(") != std::string::npos);
        // With --json the graph goes to stderr, so stdout stays parseable.
        auto j = tfjs_wb({"optimize", q(fc_layers()), "--json", "--print-after", "fold_constants"});
        QVERIFY(j.err.find("Graph after fold_constants") != std::string::npos);
        QVERIFY(nlohmann::json::parse(j.out).contains("passes"));
        QVERIFY(tfjs_wb({"optimize", q(fc_layers()), "--print-after", "nope"}).code == 1);
    }

    void outWritesAGraphModelThatRuns() {
        WB_REQUIRE_CORPUS();
        const fs::path dir = test::temp_dir("cli_optimize");
        auto r = tfjs_wb({"optimize", q(fc_layers()), "--out", q(dir / "web")});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY(fs::exists(dir / "web/model.json"));
        auto optimized = formats::read_model(dir / "web/model.json");
        QVERIFY2(optimized.ok(), optimized.ok() ? "" : optimized.error().what().c_str());
        QVERIFY(count_ops(optimized->graph, "_FusedMatMul") > 0);
        QCOMPARE(count_ops(optimized->graph, "BiasAdd"), std::size_t(0));
        // Same seeded inputs through the original and the written model.
        for (const auto& [model, out] : {std::pair{fc_layers(), dir / "a"}, std::pair{dir / "web", dir / "b"}}) {
            auto run = tfjs_wb({"run", q(model), "--fill", "random", "--seed", "5", "--out", q(out)});
            QVERIFY2(run.code == 0, run.err.c_str());
        }
        auto a = runtime::read_tensor_set(dir / "a/outputs.json");
        auto b = runtime::read_tensor_set(dir / "b/outputs.json");
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a->size(), b->size());
        for (std::size_t k = 0; k < a->size(); ++k) {
            const ir::Tensor& x = (*a)[k].second;
            const ir::Tensor& y = (*b)[k].second;
            QCOMPARE(x.shape(), y.shape());
            for (int64_t i = 0; i < x.num_elements(); ++i) {
                double u = x.value_as_double(i), v = y.value_as_double(i);
                QVERIFY2(std::abs(u - v) <= 1e-5 + 1e-4 * std::abs(u), std::to_string(i).c_str());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCliOptimize)
#include "tst_cli_optimize.moc"
