// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "export/quantize.h"
#include "ir/model.h"
#include "util/error.h"

namespace wb::analysis {

// One weight as the export would store it, with what quantization did to it.
struct WeightStats {
    std::string name;        // manifest name: Const node name, "<function>/<const>" in bodies
    std::string dtype;       // dtype of the Const as read
    ir::Shape shape;
    std::optional<exporter::QuantDType> quantization;  // nullopt: stored unquantized
    bool excluded = false;   // matched --exclude: kept float32 on purpose
    double min = 0.0, max = 0.0;                       // range of the float values
    std::optional<double> scale, zero_point;           // affine dtypes
    double rmse = 0.0;                                 // √mean((dequantized − original)²)
    std::optional<double> rmse_over_scale;             // ≈ 1/√12 ≈ 0.289 for a well-spread tensor
    std::size_t bytes = 0;                             // bytes in the shards
    std::size_t float_bytes = 0;                       // bytes without quantization
};

// A copy of a model whose selected weights hold their dequantized values (what TensorFlow.js
// computes with after decodeWeight), plus per-weight statistics and the shard size.
struct QuantizedModel {
    std::shared_ptr<const ir::Model> model;
    std::vector<WeightStats> weights;  // every floating weight, in manifest order
    std::size_t bytes = 0;             // total bytes of all weight shards
    int quantized = 0;                 // how many weights were quantized
};

// Applies `spec` (fnmatch selection, spec §5) to every Const of the main graph and of the
// function bodies, keeping weights that match any `exclude` pattern in float32. Eligible:
// float32 after the converter's auto-conversion (float16 and float64 Consts count; the
// replacement is cast back to the Const's dtype). Errors as the converter's selection.
Expected<QuantizedModel> quantize_model(const ir::Model& model, const exporter::QuantizationSpec& spec,
                                        const std::vector<std::string>& exclude,
                                        exporter::NumpyArithmetic arithmetic = exporter::NumpyArithmetic::Float32Legacy);

// Total shard bytes of the model exported without quantization (after auto-conversion).
std::size_t unquantized_bytes(const ir::Model& model);

}  // namespace wb::analysis
