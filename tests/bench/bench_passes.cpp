// SPDX-License-Identifier: Apache-2.0
// Benchmark (not a test): the default pass pipeline over a synthetic graph of >= 10,000 nodes
// stitched together from corpus tf_graphs cases (each copy under its own name prefix).
// Goal (issue #6): under 1 s. Usage: bench_passes [CORPUS_DIR] [MIN_NODES]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "../core/passes/corpus_cases.h"
#include "passes/pipelines.h"

using namespace wb;

namespace {

// Appends `part` to `into` with every node name prefixed, inputs and outputs renamed alike.
void append_prefixed(ir::Model& into, const ir::Model& part, const std::string& prefix) {
    for (ir::Node n : part.graph.nodes()) {
        n.name = prefix + n.name;
        for (auto& in : n.inputs) {
            ir::InputRef ref = ir::parse_input(in);
            ref.node = prefix + ref.node;
            in = ir::format_input(ref);
        }
        into.graph.add(std::move(n));
    }
    for (auto t : part.outputs) {
        t.key = prefix + t.key;
        t.name = prefix + t.name;
        into.outputs.push_back(t);
    }
    for (auto t : part.inputs) {
        t.key = prefix + t.key;
        t.name = prefix + t.name;
        into.inputs.push_back(t);
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::filesystem::path corpus = argc > 1 ? argv[1] : WB_DEFAULT_CORPUS_DIR;
    std::size_t min_nodes = argc > 2 ? std::stoul(argv[2]) : 10000;
    // Conv/dense/BN-heavy groups, the shapes the fusions and folds are for.
    const char* groups[] = {"cnn2d_layers", "cnn2d_nn", "conv_1", "conv_2", "dense", "mlp_00", "batchnorm",
                            "fused_batch_norm", "bias_add", "sepconv2d_layers", "leaky_relu", "identity",
                            "lstm_mnist", "mnist_00", "g_03", "g_05"};
    std::vector<ir::Model> parts;
    for (const char* g : groups) {
        auto dir = corpus / "tf_graphs" / g;
        if (!std::filesystem::exists(dir)) continue;
        for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
            if (e.path().filename() != "frozen_model.pb") continue;
            test::CorpusCase c;
            if (test::load_tf_graph_case(e.path(), c).empty()) parts.push_back(std::move(c.model));
        }
    }
    if (parts.empty()) {
        std::fprintf(stderr, "bench_passes: no corpus graphs under %s\n", corpus.c_str());
        return 1;
    }
    ir::Model model;
    for (std::size_t k = 0; model.graph.size() < min_nodes; ++k)
        append_prefixed(model, parts[k % parts.size()], "copy" + std::to_string(k) + "/");
    model.graph.reindex();
    std::size_t nodes = model.graph.size();

    passes::PipelineOptions options;
    options.validate = 0;  // validation is a debug aid, not part of the cost measured
    double best = 1e9;
    passes::PipelineReport last;
    for (int run = 0; run < 3; ++run) {
        ir::Model copy = model;
        auto t0 = std::chrono::steady_clock::now();
        auto report = passes::run_default_pipeline(copy, options);
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (!report) {
            std::fprintf(stderr, "bench_passes: %s\n", report.error().what().c_str());
            return 1;
        }
        best = std::min(best, ms);
        last = *report;
    }
    std::printf("%s", last.text().c_str());
    std::printf("bench_passes: default pipeline, %zu nodes from %zu corpus graphs -> %zu nodes: best of 3 %.1f ms "
                "(goal < 1000 ms)\n", nodes, parts.size(), last.nodes_after, best);
    return 0;
}
