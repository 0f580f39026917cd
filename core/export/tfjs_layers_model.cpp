// SPDX-License-Identifier: Apache-2.0
// Keras → TensorFlow.js layers model (KH5:373-428 in the spec's terms): model.json with
// format/generatedBy/convertedBy/[userDefinedMetadata]/modelTopology/weightsManifest.
#include "export/tfjs_layers_model.h"

#include <fstream>
#include <set>

namespace wb::exporter {

using ojson = nlohmann::ordered_json;
namespace fk = formats::keras;

namespace {

void rename_classes(ojson& j) {
    if (j.is_object()) {
        auto it = j.find("class_name");
        if (it != j.end() && it->is_string()) {
            const std::string c = *it;
            if (c == "BatchNormalizationV1") *it = "BatchNormalization";
            else if (c == "UnifiedGRU") *it = "GRU";
            else if (c == "UnifiedLSTM") *it = "LSTM";
        }
        for (auto& [k, v] : j.items()) rename_classes(v);
    } else if (j.is_array()) {
        for (auto& v : j) rename_classes(v);
    }
}

void strip_keras3_keys(ojson& j) {
    if (j.is_object()) {
        for (const char* k : {"module", "registered_name", "date_saved"}) j.erase(k);
        for (auto& [k, v] : j.items()) strip_keras3_keys(v);
    } else if (j.is_array()) {
        for (auto& v : j) strip_keras3_keys(v);
    }
}

}  // namespace

ojson layers_model_topology(const fk::KerasArchive& a, bool keras_v3) {
    if (a.model_config.is_null()) return ojson();
    ojson t = ojson::object();
    t["keras_version"] = a.keras_version;
    if (!keras_v3) t["backend"] = a.backend;
    ojson mc = ojson::parse(a.model_config_text, nullptr, false);
    if (mc.is_discarded()) mc = ojson::parse(a.model_config.dump());
    if (keras_v3) strip_keras3_keys(mc);
    rename_classes(mc);
    t["model_config"] = std::move(mc);
    if (!a.training_config_text.empty()) {
        ojson tc = ojson::parse(a.training_config_text, nullptr, false);
        if (!tc.is_discarded()) t["training_config"] = std::move(tc);
    }
    return t;
}

Expected<ojson> write_tfjs_layers_model(const fk::KerasArchive& a, const std::filesystem::path& dir,
                                        const LayersModelOptions& options) {
    std::vector<WeightGroup> groups;
    std::set<std::string> names;
    for (const auto& layer : a.layers) {
        if (layer.weights.empty()) continue;
        if (groups.empty() || options.split_weights_by_layer) groups.emplace_back();
        for (const auto& w : layer.weights) {
            if (!names.insert(w.name).second)
                return Error{{}, "weight '" + w.name + "'", "Error dumping weights, duplicate weight name " + w.name};
            auto v = auto_convert_weight(w.name, w.value);
            if (!v) return v.error();
            groups.back().entries.push_back({w.name, std::move(*v), std::nullopt, {}});
        }
    }
    auto manifest = write_weights(groups, dir, options.weights);
    if (!manifest) return manifest.error();
    ojson model = ojson::object();
    model["format"] = "layers-model";
    const bool has_topology = !a.model_config.is_null();
    model["generatedBy"] = has_topology ? ojson("keras v" + a.keras_version) : ojson();
    model["convertedBy"] = options.converted_by.empty() ? ojson() : ojson(options.converted_by);
    if (!options.metadata.empty()) {
        ojson md = ojson::object();
        for (const auto& [k, v] : options.metadata) md[k] = v;
        model["userDefinedMetadata"] = std::move(md);
    }
    model["modelTopology"] = layers_model_topology(a, options.keras_v3);
    model["weightsManifest"] = std::move(*manifest);
    std::ofstream out(dir / "model.json", std::ios::binary);
    out << model.dump();
    if (!out) return Error{(dir / "model.json").string(), "", "cannot write model.json"};
    return model;
}

}  // namespace wb::exporter
