// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "export/weights_writer.h"
#include "ir/model.h"
#include "util/error.h"
#include "util/progress.h"

namespace wb::exporter {

struct GraphModelOptions {
    WeightsWriteOptions weights;
    std::string converted_by;  // "tfjs-workbench v0.1.0"
    // --metadata key:path.json entries, already parsed, in flag order.
    std::vector<std::pair<std::string, nlohmann::ordered_json>> metadata;
    bool use_structured_outputs_names = false;  // writes userDefinedMetadata.structuredOutputKeys
};

// The model.json object for `model` (spec §2.1-§2.5): format, generatedBy, convertedBy,
// signature, modelTopology (protobuf JSON mapping of the GraphDef with Const values cleared),
// userDefinedMetadata, weightsManifest. Const tensors are collected into `weights` (main graph in
// node order, then function bodies with Consts renamed "<function>/<const>"); the manifest is
// filled in by the caller after writing the shards. An output that is a bare Const is written
// behind an Identity (wrap_const_outputs), so TensorFlow.js can run the model more than once.
Expected<nlohmann::ordered_json> graph_model_json(const ir::Model& model, const GraphModelOptions& options,
                                                   WeightGroup& weights);

// Writes model.json and the weight shards into `dir` (which must exist). Not atomic on its own:
// export_graph_model_atomic() wraps it.
Status write_graph_model(const ir::Model& model, const std::filesystem::path& dir, const GraphModelOptions& options,
                         const Progress& progress = {});

// Serialization as Python's json.dump with default options: ", " and ": " separators,
// non-ASCII escaped, keys in insertion order.
std::string dump_python_json(const nlohmann::ordered_json& j);

}  // namespace wb::exporter
