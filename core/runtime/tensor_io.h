// SPDX-License-Identifier: Apache-2.0
// Tensors on disk in the layout of ../shared/tools/tfjs-reference: a manifest
// {"<name>": {"shape": [...], "dtype": "float32", "file": "<f>.bin"}} (or inline "data": [...])
// beside one raw little-endian .bin per tensor; bool is one byte per element.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ir/model.h"
#include "runtime/session.h"
#include "util/error.h"

namespace wb::runtime {

Expected<std::vector<NamedTensor>> read_tensor_set(const std::filesystem::path& manifest);
// Writes DIR/<manifest_name> and one .bin per tensor (name sanitised as the reference does).
Status write_tensor_set(const std::filesystem::path& dir, const std::string& manifest_name,
                        const std::vector<NamedTensor>& tensors);
std::string sanitize_tensor_name(const std::string& name);

// How to make inputs when none are given in a file: the reference runner's fill rules
// (mulberry32 seeded PRNG, uniform in [lo, hi) for floats, floor of it for integers).
struct InputSpec {
    std::filesystem::path input_json;                     // wins when set
    std::string fill = "random";                          // zero | ones | random
    uint32_t seed = 42;
    double lo = 0.0, hi = 1.0;
    std::map<std::string, std::vector<int64_t>> shapes;   // --shape overrides
};

// One tensor per model input (signature, or Placeholder nodes when the model declares none).
// Unknown dims: batch 1; others need a --shape override.
Expected<std::vector<NamedTensor>> make_inputs(const ir::Model& model, const InputSpec& spec);

}  // namespace wb::runtime
