// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ir/tensor.h"
#include "util/error.h"
#include "util/progress.h"

namespace wb::exporter {

// The manifest's optional `quantization` object (spec §5): dtype "uint8" | "uint16" | "float16";
// min/scale only for the affine dtypes; original_dtype is what the entry decodes back to.
struct WeightQuantization {
    std::string dtype;
    std::optional<double> min;
    std::optional<double> scale;
    std::string original_dtype = "float32";
};

// One weight on its way to the shards. `value` is already auto-converted (spec §2.3: float64 and
// float16 → float32, int64 → int32, complex128 → complex64). A quantizer that sets `quantization`
// must also fill `quantized_bytes` with the codes; the writer then stores those bytes instead of
// `value`, and the manifest keeps `dtype` = dtype of `value`.
struct WeightEntry {
    std::string name;
    ir::Tensor value;
    std::optional<WeightQuantization> quantization;
    std::vector<std::byte> quantized_bytes;
};

// One manifest group: its entries are concatenated in order into group<g>-shard<k>of<n>.bin.
struct WeightGroup {
    std::vector<WeightEntry> entries;
};

// Called once per group after auto-conversion and before serialization (spec §4 step 2);
// core/export/quantize.h provides one built from the --quantize_* flags.
using Quantizer = std::function<Status(WeightGroup& group)>;

struct WeightsWriteOptions {
    int64_t shard_size_bytes = 4194304;  // --weight_shard_size_bytes default (1024*1024*4)
    Quantizer quantize;                  // empty = no quantization
    const Progress* progress = nullptr;  // polled for cancellation between weights
};

// Applies the converter's dtype auto-conversion; errors for dtypes tfjs cannot store
// (int8, int16, uint32, ...: "Error dumping weight <name>, dtype <dt> not supported.").
Expected<ir::Tensor> auto_convert_weight(const std::string& name, const ir::Tensor& value);

// The bytes one entry contributes to the shard stream (strings: uint32 LE length + bytes each).
std::vector<std::byte> serialize_weight(const WeightEntry& entry);

// Writes every group's shards into `dir` and returns the `weightsManifest` array, keys in the
// converter's order (paths, weights[name, shape, dtype, quantization]). Names must be unique.
Expected<nlohmann::ordered_json> write_weights(std::vector<WeightGroup>& groups,
                                               const std::filesystem::path& dir,
                                               const WeightsWriteOptions& options = {});

}  // namespace wb::exporter
