// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ir/dtype.h"
#include "ir/shape.h"
#include "util/error.h"

namespace wb::formats::tfjs {

// One weightsManifest entry (spec §4.5, §5.2): dtype is what the weight becomes after
// loading; quantization describes how it is stored.
struct WeightSpec {
    std::string name;
    std::vector<int64_t> shape;
    std::string dtype;               // manifest dtype as written ("float32", "int32", "string"...)
    std::string quant_dtype;         // "" or "uint8" / "uint16" / "float16"
    std::optional<double> quant_min;
    std::optional<double> quant_scale;
    std::string group;               // entry "group" field, else "group<k>" (1-based)
    int64_t elements = 0;            // product of shape
};

struct WeightGroup {
    std::vector<std::string> paths;  // shard files relative to model.json, in order
    std::vector<WeightSpec> weights;
};

// Parses and checks `weightsManifest`: names, shapes (non-negative, < 2 GiB of data), dtypes
// and quantization keys. Errors name model.json and the entry ("weight 'conv/kernel'").
Expected<std::vector<WeightGroup>> parse_manifest(const nlohmann::ordered_json& manifest,
                                                  const std::filesystem::path& model_json);

// Bytes per element as stored: quantized size if quantized, else the dtype size; 0 for strings.
std::size_t stored_element_size(const WeightSpec& spec);
// The IR dtype the weight decodes to (manifest dtype; float16 stays Float16 when unquantized).
ir::DType decoded_dtype(const WeightSpec& spec);

}  // namespace wb::formats::tfjs
