// SPDX-License-Identifier: Apache-2.0
// TensorFlow.js layers model: the Keras topology is kept as JSON for the Keras lowering and for
// lossless export; each weight becomes a Const node named by its manifest name (spec §3).
// Inputs and outputs stay empty here: they are Keras layers, which exist as nodes only once
// the Keras lowering has turned the topology into ops.
#include "formats/tfjs/tfjs_readers.h"

namespace wb::formats::tfjs {

namespace {

using json = nlohmann::ordered_json;

}  // namespace

Expected<ir::Model> build_layers_model(const std::filesystem::path& path, const ModelJson& json_file, LoadedWeights weights) {
    const auto& doc = json_file.doc;
    ir::Model model;
    model.format = "tfjs_layers_model";
    model.source_path = path.string();
    if (doc.contains("modelTopology") && doc["modelTopology"].is_object()) {
        const json& topology = doc["modelTopology"];
        model.keras_topology_json = topology.dump();
        if (topology.contains("keras_version") && topology["keras_version"].is_string())
            model.generated_by = "keras " + topology["keras_version"].get<std::string>();
    } else {
        model.warnings.push_back("no modelTopology: weights only");
    }
    for (auto& [name, tensor] : weights.tensors) {
        ir::Node node;
        node.name = name;
        node.op = "Const";
        node.attrs["dtype"] = tensor.dtype();
        node.attrs["value"] = std::move(tensor);
        model.graph.add(std::move(node));
    }
    model.weights = std::move(weights.infos);
    model.topology_only = weights.topology_only;
    for (auto& w : weights.warnings) model.warnings.push_back(std::move(w));
    if (doc.contains("userDefinedMetadata") && doc["userDefinedMetadata"].is_object())
        for (const auto& [key, value] : doc["userDefinedMetadata"].items()) model.user_metadata_json[key] = value.dump();
    return model;
}

}  // namespace wb::formats::tfjs
