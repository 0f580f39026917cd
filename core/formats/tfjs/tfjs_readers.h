// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <memory>

#include <nlohmann/json.hpp>

#include "formats/registry.h"
#include "formats/tfjs/weights_loader.h"

namespace wb::formats {

// Readers "tfjs_graph_model" and "tfjs_layers_model": model.json + weight shards.
std::unique_ptr<Reader> make_tfjs_graph_model_reader();
std::unique_ptr<Reader> make_tfjs_layers_model_reader();

namespace tfjs {

enum class ModelKind { Graph, Layers };

// model.json parsed (key order kept) with its kind decided from `format` or the topology.
struct ModelJson {
    nlohmann::ordered_json doc;
    ModelKind kind = ModelKind::Graph;
};
Expected<ModelJson> parse_model_json(const std::filesystem::path& path);

// Builds the IR of each kind from the parsed file and its decoded weights.
Expected<ir::Model> build_graph_model(const std::filesystem::path& path, const ModelJson& json, LoadedWeights weights);
Expected<ir::Model> build_layers_model(const std::filesystem::path& path, const ModelJson& json, LoadedWeights weights);

// Rewrites bytes fields written as arrays of char codes (tfjs-converter 0.x) to base64.
void rewrite_legacy_bytes(nlohmann::ordered_json& value);

// Converts a decoded weight to the dtype its Const node declares (tfjs stores int64 as int32,
// float16/float64 as float32, spec §2.3); same dtype returns the tensor unchanged.
Expected<ir::Tensor> cast_weight(const ir::Tensor& tensor, ir::DType to, const std::string& item);

}  // namespace tfjs
}  // namespace wb::formats
