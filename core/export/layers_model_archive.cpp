// SPDX-License-Identifier: Apache-2.0
#include "export/layers_model_archive.h"

#include <map>

#include "formats/tfjs/manifest.h"
#include "formats/tfjs/tfjs_readers.h"
#include "formats/tfjs/weights_loader.h"

namespace wb::exporter {

namespace fk = formats::keras;
namespace ft = formats::tfjs;

namespace {

std::string text_of(const nlohmann::ordered_json& topology, const char* key) {
    return topology.contains(key) && !topology[key].is_null() ? topology[key].dump() : std::string();
}

std::string string_of(const nlohmann::ordered_json& topology, const char* key) {
    return topology.contains(key) && topology[key].is_string() ? topology[key].get<std::string>() : std::string();
}

}  // namespace

Expected<fk::KerasArchive> archive_from_layers_model(const std::filesystem::path& model_json, const Progress& progress) {
    const std::string file = model_json.string();
    auto json = ft::parse_model_json(model_json);
    if (!json) return json.error();
    if (json->kind != ft::ModelKind::Layers) return Error{file, "format", "is a graph model, not a layers model"};
    const auto& doc = json->doc;
    std::vector<ft::WeightGroup> groups;
    if (doc.contains("weightsManifest") && !doc["weightsManifest"].is_null()) {
        auto parsed = ft::parse_manifest(doc["weightsManifest"], model_json);
        if (!parsed) return parsed.error();
        groups = std::move(*parsed);
    }
    auto weights = ft::load_weights(groups, model_json, false, progress);
    if (!weights) return weights.error();
    // Re-sharding a model whose weights are absent would write zeros as if they were real.
    if (weights->topology_only) return Error{file, "weightsManifest", "the weight files are missing"};

    fk::KerasArchive archive;
    const auto topology = doc.contains("modelTopology") ? doc["modelTopology"] : nlohmann::ordered_json();
    if (topology.is_object() && topology.contains("model_config")) {
        archive.keras_version = string_of(topology, "keras_version");
        archive.backend = string_of(topology, "backend");
        archive.model_config_text = text_of(topology, "model_config");
        archive.training_config_text = text_of(topology, "training_config");
        archive.model_config = nlohmann::json::parse(archive.model_config_text);
        if (!archive.training_config_text.empty())
            archive.training_config = nlohmann::json::parse(archive.training_config_text);
    } else if (topology.is_object() && topology.contains("class_name")) {
        // An older model.json stores the model config itself as the topology.
        archive.model_config_text = topology.dump();
        archive.model_config = nlohmann::json::parse(archive.model_config_text);
    } else {
        archive.weights_only = true;
    }

    // h5 groups iterate in alphanumeric order; a weights-only file keeps its layer_names order.
    std::map<std::string, std::size_t> slot;
    std::vector<fk::KerasLayerWeights> layers;
    for (auto& [name, value] : weights->tensors) {
        const std::string layer = name.substr(0, name.find('/'));
        auto [it, fresh] = slot.emplace(layer, layers.size());
        if (fresh) {
            layers.push_back({layer, {}});
            archive.layer_names.push_back(layer);
        }
        layers[it->second].weights.push_back({name, std::move(value)});
    }
    if (!archive.weights_only)
        for (const auto& [layer, index] : slot) archive.layers.push_back(std::move(layers[index]));
    else
        archive.layers = std::move(layers);
    return archive;
}

}  // namespace wb::exporter
