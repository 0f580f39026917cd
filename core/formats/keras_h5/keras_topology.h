// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "util/error.h"

namespace wb::formats::keras {

// One tensor reference of a functional config: output `tensor_index` of call `node_index` of `layer`.
struct InboundRef {
    std::string layer;
    int node_index = 0;
    int tensor_index = 0;
};

struct ModelSpec;

// One layer of a model config, normalised across Keras 1, 2 and 3 spellings.
struct LayerSpec {
    std::string class_name;
    std::string name;
    nlohmann::json config;
    std::vector<std::vector<InboundRef>> calls;  // inbound nodes: one entry per call of the layer
    std::vector<nlohmann::json> call_kwargs;     // per call: its keyword arguments (null when none)
    std::shared_ptr<ModelSpec> nested;          // set for Sequential/Model/Functional layers
    int position = 0;                           // index in the model's layer list
};

// A model as a functional graph (Sequential configs are turned into one).
struct ModelSpec {
    std::string class_name;  // "Sequential", "Model", "Functional"
    std::string name;
    std::vector<LayerSpec> layers;
    std::vector<InboundRef> inputs;
    std::vector<InboundRef> outputs;
};

bool is_model_class(const std::string& class_name);
// Parses {"class_name": ..., "config": ...}; errors name the file and the layer.
Expected<std::shared_ptr<ModelSpec>> parse_model(const nlohmann::json& model_config, const std::string& file);

}  // namespace wb::formats::keras
