// SPDX-License-Identifier: Apache-2.0
// TensorFlow.js layers model: the Keras topology is kept as JSON for the Keras lowering and for
// lossless export; each weight becomes a Const node named by its manifest name (spec §3).
// When the topology lowers (lower_keras_topology), the model is returned runnable: Keras layers
// as TensorFlow ops, inputs and outputs named by the Keras input/output layers. Otherwise the
// weights alone are returned, with a warning saying why the topology did not lower.
#include "formats/keras_h5/keras_h5_reader.h"
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
    if (model.keras_topology_json.empty() || model.topology_only) return model;
    auto lowered = lower_keras_topology(model);
    if (!lowered) {
        model.warnings.push_back("Keras topology not lowered, not runnable: " + lowered.error().what());
        return model;
    }
    // Every manifest weight stays addressable by its manifest name and keeps its manifest
    // info (quantization, stored bytes); the few the lowering names otherwise (Bidirectional,
    // nested models) remain as unused Consts beside the lowered ones.
    for (auto& n : model.graph.nodes())
        if (!lowered->graph.find(n.name)) lowered->graph.add(std::move(n));
    lowered->weights = std::move(model.weights);
    lowered->warnings = std::move(model.warnings);
    lowered->format = model.format;
    return std::move(*lowered);
}

}  // namespace wb::formats::tfjs
