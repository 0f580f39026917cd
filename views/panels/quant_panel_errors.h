// SPDX-License-Identifier: Apache-2.0
// What the quantization panel computes beside wb::analysis::quant_report: element-wise output
// errors for the histograms, and the weights a node reads for "keep in float32" (what if).
#pragma once
#include <string>
#include <vector>

#include "analysis/quant_report.h"

namespace wb::views {

// |quantized − float32| of every element of every floating output, per configuration, on the
// report's first random sample (same seed, so the same inputs the report used). At most
// `max_values` per configuration, taken evenly.
Expected<std::vector<std::vector<double>>> output_abs_errors(const ir::Model& model,
                                                             const analysis::QuantReportOptions& options,
                                                             const analysis::QuantReport& report, const Progress& progress,
                                                             std::size_t max_values = 200000);

// Per-weight quantization error of one configuration: RMSE / scale for affine dtypes (≈ 0.29
// when the range is used well), RMSE / max|w| for float16. Unquantized weights are left out.
std::vector<double> weight_errors(const analysis::ConfigReport& config);

// The Const weights `node` reads, directly or through Identity/Cast/ReadVariableOp, as manifest
// names (fnmatch-escaped), for the report's exclude list.
std::vector<std::string> node_weights(const ir::Model& model, const std::string& node);

}  // namespace wb::views
