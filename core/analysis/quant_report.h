// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/quant_report_inputs.h"
#include "analysis/quant_report_metrics.h"
#include "analysis/quant_report_weights.h"
#include "export/quantize.h"
#include "ir/model.h"
#include "util/error.h"
#include "util/progress.h"

namespace wb::analysis {

// One quantization setting to compare against float32.
struct QuantConfig {
    std::string name;  // "float16", "uint8", "uint16", or "custom" for --quantize_* flags
    exporter::QuantizationSpec spec;
};

struct NamedMetrics {
    std::string name;  // output key / node name
    std::string op;    // node op (empty for outputs)
    ErrorMetrics metrics;
};

struct ConfigReport {
    std::string name;
    std::vector<NamedMetrics> outputs;  // per model output
    std::vector<NamedMetrics> nodes;    // per intermediate activation, graph order
    std::vector<WeightStats> weights;
    std::size_t model_bytes = 0;        // bytes of all shards with this quantization
    int quantized_weights = 0;
};

struct QuantReport {
    std::string model;
    int samples = 0;
    std::string inputs;              // where the samples came from
    std::size_t float32_bytes = 0;   // bytes of all shards without quantization
    std::vector<ConfigReport> configs;
    std::vector<std::string> warnings;
};

struct QuantReportOptions {
    std::vector<QuantConfig> configs;   // empty = float16, uint8 and uint16, each on all weights
    std::vector<std::string> exclude;   // fnmatch patterns of weights kept in float32 ("what if")
    std::vector<Sample> samples;        // user inputs; empty = `random_count` random samples
    int random_count = 8;
    RandomInputOptions random;
    bool per_node = true;               // fetch and compare every intermediate activation
    int threads = 0;                    // Session threads, 0 = all cores
    exporter::NumpyArithmetic arithmetic = exporter::NumpyArithmetic::Float32Legacy;
};

// Runs the model in float32 and with each configuration's dequantized weights on the same
// samples and measures the difference at every output and activation.
Expected<QuantReport> quant_report(const ir::Model& model, const QuantReportOptions& options,
                                   const Progress& progress = {});

// The report as JSON (ordered keys; +inf SNR written as the string "inf").
nlohmann::ordered_json quant_report_json(const QuantReport& report);

}  // namespace wb::analysis
