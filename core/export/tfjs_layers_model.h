// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "export/weights_writer.h"
#include "formats/keras_h5/keras_archive.h"
#include "util/error.h"

namespace wb::exporter {

struct LayersModelOptions {
    bool split_weights_by_layer = false;  // one manifest group per layer with weights (spec §3.3)
    WeightsWriteOptions weights;          // shard size, quantizer
    std::vector<std::pair<std::string, nlohmann::ordered_json>> metadata;  // userDefinedMetadata
    std::string converted_by;             // "TensorFlow.js Converter v…" style string
    bool keras_v3 = false;                // .keras source: no backend, weights named by HDF5 path
};

// modelTopology as the converter builds it (spec §3.2/§3.4), keys in the file's order, class
// renames applied; null for weights-only archives.
nlohmann::ordered_json layers_model_topology(const formats::keras::KerasArchive& archive, bool keras_v3);

// Writes model.json and the weight shards of `archive` into `dir` (an existing, empty folder;
// callers make it atomic). Weight order: model_weights keys (alphanumeric) or layer_names for
// weights-only files; names without ":0". Returns the model.json written.
Expected<nlohmann::ordered_json> write_tfjs_layers_model(const formats::keras::KerasArchive& archive,
                                                         const std::filesystem::path& dir,
                                                         const LayersModelOptions& options);

}  // namespace wb::exporter
