// SPDX-License-Identifier: Apache-2.0
// The full default pipeline over every model of the corpus that the runtime runs (tf_graphs
// cases, frozen graphs, SavedModels, the Hub module, Keras .h5 files): outputs before and after
// agree within 1e-5 abs + 1e-4 rel, and nothing the pipeline should have rewritten is left.
// Prints node counts per model.
#include <QtTest>

#include <algorithm>
#include <map>

#include "analysis/quant_report_inputs.h"
#include "common/corpus.h"
#include "formats/registry.h"
#include "corpus_cases.h"
#include "graph_builder.h"

using namespace wb;

namespace {

struct Outcome {
    bool ran = false;
    std::string failure;
};

Expected<std::vector<ir::Tensor>> run_once(const ir::Model& m, const std::vector<runtime::NamedTensor>& feeds) {
    auto session = runtime::Session::create(std::make_shared<const ir::Model>(m));
    if (!session) return session.error();
    return (*session)->run(feeds);
}

// One case: run, optimize, run again, compare, check the effect.
std::map<std::string, int> g_fused;  // fused op -> count over the corpus
std::size_t g_materialized = 0;      // Shape/Size/Rank nodes materialize_shapes turned into Consts

Outcome check_case(const test::CorpusCase& c, std::size_t& before, std::size_t& after) {
    Outcome o;
    auto reference = run_once(c.model, c.feeds);
    if (!reference) return o;  // the runtime does not run this case: not ours to judge
    auto again = run_once(c.model, c.feeds);
    if (!again || again->size() != reference->size()) return o;
    for (std::size_t k = 0; k < reference->size(); ++k)
        if (!test::close((*again)[k], (*reference)[k], 0, 0)) return o;  // random ops: not comparable
    o.ran = true;
    ir::Model optimized = c.model;
    passes::PipelineOptions options;
    options.validate = 1;
    auto report = passes::run_default_pipeline(optimized, options);
    if (!report) return {true, "pipeline: " + report.error().what()};
    for (const auto& p : report->passes)
        if (p.pass == "materialize_shapes") g_materialized += p.log.rewritten.size() + p.log.added.size();
    before = report->nodes_before;
    after = report->nodes_after;
    auto out = run_once(optimized, c.feeds);
    if (!out) return {true, "optimized model does not run: " + out.error().what()};
    if (out->size() != reference->size()) return {true, "output count changed"};
    for (std::size_t k = 0; k < out->size(); ++k) {
        std::string why;
        if (!test::close((*out)[k], (*reference)[k], 1e-5, 1e-4, &why))
            return {true, "output " + std::to_string(k) + " differs: " + why};
    }
    for (const auto& n : optimized.graph.nodes())
        if (n.op == "_FusedConv2D" || n.op == "_FusedMatMul" || n.op == "FusedDepthwiseConv2dNative" || n.op == "Prelu")
            ++g_fused[n.op + " [" + [&] {
                std::string ops;
                for (const auto& s : ir::attr_strings(n.attrs, "fused_ops")) ops += (ops.empty() ? "" : ",") + s;
                return ops;
            }() + "]"];
    auto left = test::leftover_optimizations(optimized);
    if (!left.empty()) return {true, "not optimized: " + left.front()};
    return o;
}

}  // namespace

class TstPassesCorpus : public QObject {
    Q_OBJECT

private slots:
    void default_pipeline_keeps_tf_graph_outputs() {
        WB_REQUIRE_CORPUS();
        std::vector<std::filesystem::path> cases;
        for (const auto& e : std::filesystem::recursive_directory_iterator(test::corpus_dir() / "tf_graphs"))
            if (e.path().filename() == "frozen_model.pb") cases.push_back(e.path());
        std::sort(cases.begin(), cases.end());
        QVERIFY(!cases.empty());
        std::size_t ran = 0, unreadable = 0, nodes_before = 0, nodes_after = 0;
        std::vector<std::string> failures;
        for (const auto& pb : cases) {
            test::CorpusCase c;
            std::string rel = std::filesystem::relative(pb.parent_path(), test::corpus_dir()).string();
            if (!test::load_tf_graph_case(pb, c).empty()) {
                ++unreadable;
                continue;
            }
            std::size_t before = 0, after = 0;
            Outcome o = check_case(c, before, after);
            if (!o.ran) continue;
            ++ran;
            nodes_before += before;
            nodes_after += after;
            if (!o.failure.empty()) failures.push_back(rel + ": " + o.failure);
            else qInfo("%s: %zu -> %zu nodes (%+ld)", rel.c_str(), before, after, long(after) - long(before));
        }
        qInfo("tf_graphs: %zu cases, %zu run by the runtime, %zu unreadable, %zu failed; nodes %zu -> %zu",
              cases.size(), ran, unreadable, failures.size(), nodes_before, nodes_after);
        for (const auto& [op, count] : g_fused) qInfo("fused: %s x%d", op.c_str(), count);
        // Real TF graphs with conv/dense layers must come out fused (spec §6.2 steps 7, 10).
        QVERIFY(!g_fused.empty());
        std::string text;
        for (std::size_t k = 0; k < failures.size(); ++k) {
            qWarning("%s", failures[k].c_str());
            if (k < 20) text += "\n" + failures[k];
        }
        QVERIFY(ran > 0);
        QVERIFY2(failures.empty(), (std::to_string(failures.size()) + " cases failed:" + text).c_str());
    }

    // SavedModels, the Hub module, frozen graphs and Keras models, fed seeded random inputs
    // in each input's plausible range (the quantization report's sampler).
    void default_pipeline_keeps_model_outputs() {
        WB_REQUIRE_CORPUS();
        const auto root = test::corpus_dir();
        std::vector<std::filesystem::path> models;
        for (const char* dir : {"saved_models", "tfhub", "frozen", "keras_h5"})
            for (const auto& e : std::filesystem::recursive_directory_iterator(root / dir)) {
                const auto& p = e.path();
                const std::string file = p.filename().string();
                if (file == "saved_model.pb") models.push_back(p.parent_path());
                else if (p.extension() == ".pb" && std::string(dir) == "frozen") models.push_back(p);
                else if ((p.extension() == ".h5" || p.extension() == ".hdf5") && file.find("inputs_and_outputs") == std::string::npos)
                    models.push_back(p);
            }
        std::sort(models.begin(), models.end());
        std::map<std::string, std::size_t> ran_by_kind;
        std::size_t ran = 0, nodes_before = 0, nodes_after = 0;
        std::vector<std::string> failures;
        for (const auto& path : models) {
            const std::string rel = std::filesystem::relative(path, root).string();
            test::CorpusCase c;
            auto model = formats::read_model(path);
            if (!model) continue;  // weights-only .h5, configs, formats the readers refuse
            c.path = path;
            c.model = std::move(*model);
            auto samples = analysis::random_samples(c.model, 1, {});
            if (!samples || samples->empty()) continue;
            c.feeds = samples->front();
            std::size_t before = 0, after = 0;
            Outcome o = check_case(c, before, after);
            if (!o.ran) continue;
            ++ran;
            ++ran_by_kind[rel.substr(0, rel.find('/'))];
            nodes_before += before;
            nodes_after += after;
            if (!o.failure.empty()) failures.push_back(rel + ": " + o.failure);
            else qInfo("%s: %zu -> %zu nodes (%+ld)", rel.c_str(), before, after, long(after) - long(before));
        }
        qInfo("models: %zu files, %zu run by the runtime, %zu failed; nodes %zu -> %zu", models.size(), ran,
              failures.size(), nodes_before, nodes_after);
        for (const auto& [kind, count] : ran_by_kind) qInfo("  %s: %zu run", kind.c_str(), count);
        qInfo("shape nodes materialized over the corpus so far: %zu", g_materialized);
        for (const auto& f : failures) qWarning("%s", f.c_str());
        QVERIFY(ran_by_kind["saved_models"] > 0 && ran_by_kind["keras_h5"] > 0);
        QVERIFY2(failures.empty(), (std::to_string(failures.size()) + " models failed, first: " +
                                    (failures.empty() ? std::string() : failures.front())).c_str());
    }
};

QTEST_GUILESS_MAIN(TstPassesCorpus)
#include "tst_passes_corpus.moc"
