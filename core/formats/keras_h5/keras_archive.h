// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "formats/keras_h5/hdf5_file.h"
#include "ir/tensor.h"
#include "util/error.h"

namespace wb::formats::keras {

struct KerasWeight {
    std::string name;  // as stored, with a trailing ":0" removed (spec §3.3): "dense/kernel"
    ir::Tensor value;
};

struct KerasLayerWeights {
    std::string layer;  // the HDF5 group name = Keras layer name
    std::vector<KerasWeight> weights;
};

// What an .h5 file (or a .keras member) holds, before any lowering.
struct KerasArchive {
    std::string keras_version;
    std::string backend;
    nlohmann::json model_config;     // null for weights-only files
    nlohmann::json training_config;  // null when absent
    std::string model_config_text;     // the attribute / config.json as stored (key order kept)
    std::string training_config_text;
    bool weights_only = false;
    // Export order: keys of `model_weights` (alphanumeric) for full models, `layer_names`
    // attribute order for weights-only files (spec §3.3).
    std::vector<KerasLayerWeights> layers;
    std::vector<std::string> layer_names;  // the layer_names attribute, in its own order
};

// Reading an .h5 into an archive: raw_archive.h (libhdf5, in a sandboxed child) + finish_archive.
// Reads the weights of one layer group: `weight_names` order, else sub-groups recursively.
Status read_layer_weights(const h5::Group& group, std::vector<KerasWeight>& out);
// Parses JSON text from the file, rejecting non-UTF-8 bytes with an error naming `item`.
Expected<nlohmann::json> parse_json_attr(const std::string& text, const std::string& file, const std::string& item);
// Renames applied by the converter to every class_name (spec §3.2), recursively, in place.
void apply_class_renames(nlohmann::json& config);
// Finds a layer's weights by name; nullptr when the layer has none.
const KerasLayerWeights* find_layer(const KerasArchive& archive, const std::string& layer);

}  // namespace wb::formats::keras
