// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ir/model.h"

namespace wb::analysis {

struct WeightTally {
    int64_t count = 0;
    int64_t bytes = 0;  // bytes as stored in the source (decoded size when the source has no other)
};

// What `tfjs-wb inspect` and the GUI summary show about a loaded model.
struct ModelSummary {
    std::string format;
    std::string source_path;
    std::string generated_by;
    std::string converted_by;
    bool has_versions = false;
    int producer = 0;
    int min_consumer = 0;
    std::vector<ir::TensorInfo> inputs;
    std::vector<ir::TensorInfo> outputs;
    int64_t node_count = 0;           // main graph
    int64_t function_count = 0;
    int64_t function_node_count = 0;  // nodes inside library functions
    std::map<std::string, int64_t> op_histogram;  // main graph + function bodies
    int64_t weight_count = 0;
    int64_t weight_bytes = 0;
    std::map<std::string, WeightTally> weights_by_dtype;         // "float32" ...
    std::map<std::string, WeightTally> weights_by_quantization;  // "none", "uint8", "uint16", "float16"
    std::map<std::string, std::vector<std::string>> unsupported_ops;  // op -> node names
    std::vector<std::string> warnings;
    bool topology_only = false;

    nlohmann::ordered_json to_json() const;
};

// Weights come from Model::weights when the reader filled it (tfjs), else from Const nodes.
ModelSummary summarize(const ir::Model& model, bool strip_debug_ops = true);

}  // namespace wb::analysis
