// SPDX-License-Identifier: Apache-2.0
// Loading corpus cases for the pass equivalence runs: the model, its feeds (the case's
// placeholder CSVs), and an independent check of what the pipeline must have removed.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "ir/model.h"
#include "runtime/session.h"

namespace wb::test {

struct CorpusCase {
    std::filesystem::path path;
    ir::Model model;
    std::vector<runtime::NamedTensor> feeds;
};

// Reads a tf_graphs case (frozen_model.pb). The dl4j generator freezes its inputs as Consts
// named in_0, in_1...; those become Placeholders fed with their own values, so the pipeline
// sees real activations (as in a converted model) instead of folding the whole graph.
// Placeholders of the case are fed from <name>.placeholder.csv/.shape. Empty error = ok.
std::string load_tf_graph_case(const std::filesystem::path& pb, CorpusCase& out);

// What the pipeline must leave no trace of (spec §6.2 and issue #6 "Effect"): a fusable
// Conv2D/DepthwiseConv2dNative/MatMul + BiasAdd, a foldable batch norm, an Identity that does
// not feed an output and is not a signature input. Written independently of the passes' own
// matchers. One line per finding.
std::vector<std::string> leftover_optimizations(const ir::Model& model);

}  // namespace wb::test
