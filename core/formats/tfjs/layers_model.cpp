// SPDX-License-Identifier: Apache-2.0
// TensorFlow.js layers model: the Keras topology is kept as JSON for the Keras lowering and for
// lossless export; each weight becomes a Const node named by its manifest name (spec §3).
#include "formats/tfjs/tfjs_readers.h"

namespace wb::formats::tfjs {

namespace {

using json = nlohmann::ordered_json;

// The Keras model config, whether the topology wraps it in model_config or not (spec §3.2).
const json* model_config(const json& topology) {
    if (topology.contains("model_config") && topology["model_config"].is_object()) return &topology["model_config"];
    if (topology.contains("class_name")) return &topology;
    return nullptr;
}

ir::TensorInfo layer_input(const json& layer_config, const std::string& name) {
    ir::TensorInfo info;
    info.key = name;
    info.name = name;
    if (layer_config.contains("batch_input_shape") && layer_config["batch_input_shape"].is_array()) {
        std::vector<int64_t> dims;
        for (const auto& d : layer_config["batch_input_shape"]) dims.push_back(d.is_number_integer() ? d.get<int64_t>() : -1);
        info.shape = ir::Shape(std::move(dims));
    }
    if (layer_config.contains("dtype") && layer_config["dtype"].is_string())
        info.dtype = ir::dtype_from_name(layer_config["dtype"].get<std::string>()).value_or(ir::DType::Float32);
    return info;
}

// Inputs and outputs as the Keras config names them (Sequential: first and last layer).
void keras_io(ir::Model& model, const json& config) {
    if (!config.contains("config")) return;
    const json& cfg = config["config"];
    const json* layers = cfg.is_array() ? &cfg : (cfg.contains("layers") ? &cfg["layers"] : nullptr);
    if (!layers || !layers->is_array() || layers->empty()) return;
    auto layer_name = [](const json& l) {
        return l.contains("config") && l["config"].contains("name") ? l["config"]["name"].get<std::string>()
                                                                     : std::string();
    };
    if (cfg.is_object() && cfg.contains("input_layers")) {
        for (const auto& ref : cfg["input_layers"])
            for (const auto& l : *layers)
                if (ref.is_array() && !ref.empty() && layer_name(l) == ref[0].get<std::string>())
                    model.inputs.push_back(layer_input(l["config"], layer_name(l)));
        for (const auto& ref : cfg.value("output_layers", json::array()))
            if (ref.is_array() && !ref.empty()) model.outputs.push_back({ref[0].get<std::string>(), ref[0].get<std::string>()});
        return;
    }
    const json& first = layers->front();
    if (first.contains("config")) model.inputs.push_back(layer_input(first["config"], layer_name(first)));
    std::string last = layer_name(layers->back());
    model.outputs.push_back({last, last});
}

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
        try {
            if (const json* config = model_config(topology)) keras_io(model, *config);
        } catch (const json::exception& e) {
            model.warnings.push_back(std::string("Keras inputs/outputs not read: ") + e.what());
        }
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
