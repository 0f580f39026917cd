// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "export/quantize_select.h"
#include "export/weights_writer.h"
#include "ir/tensor.h"
#include "util/error.h"

namespace wb::exporter {

// Which NumPy promotion rules the affine math follows (spec §5.2 caveat). The converter mixes a
// float32 array with float64 scalars: NumPy 1.x (legacy value-based casting) clips, subtracts,
// divides and rounds in float32; NumPy ≥ 2 (NEP 50) does all of it in float64. The two disagree
// by one code on ~0.09% of elements. We pin NumPy 1.x by default: TensorFlow 2.13–2.17, which
// the tensorflowjs 4.x converter requires, ship with NumPy 1.x.
enum class NumpyArithmetic { Float32Legacy, Float64Nep50 };

// A quantized weight: codes (UInt8, UInt16 or Float16 tensor, the source's shape) plus the
// affine parameters. For affine dtypes `min` is the nudged minimum written to the manifest.
struct QuantizedTensor {
    QuantDType dtype = QuantDType::UInt8;
    ir::Tensor codes;
    double min = 0.0;
    double scale = 1.0;
};

// QZ:quantize_weights for one float32 tensor. uint8/uint16: per-tensor affine with zero-point
// nudging when min <= 0 <= max, round half to even, constant tensor → all-zero codes with
// scale 1 and min = the value. float16: IEEE round-to-nearest-even as NumPy's astype.
// Errors name the weight: non-float32 data, NaN/Inf or zero elements with an affine dtype
// (NumPy's min() of an empty array fails in the converter too).
Expected<QuantizedTensor> quantize(const ir::Tensor& data, QuantDType dtype, const std::string& name,
                                   NumpyArithmetic mode = NumpyArithmetic::Float32Legacy);

// tfjs IOU:decodeWeight: float32 = float32(double(q) * scale + min); int32 = Math.round of the
// same double (half toward +inf), wrapped as Int32Array does; float16 → float32 exactly.
// float16 codes with an int32 target are an error, as in tfjs.
Expected<ir::Tensor> dequantize(const QuantizedTensor& q, ir::DType target = ir::DType::Float32,
                                const std::string& name = {});

// Rebuilds a QuantizedTensor from a manifest entry and its bytes (tfjs loader side).
Expected<QuantizedTensor> quantized_from_manifest(const WeightQuantization& quantization,
                                                  const ir::Shape& shape, std::span<const std::byte> bytes,
                                                  const std::string& name);

// round((0 - min) / scale): the code that represents 0.0 (affine dtypes; 0 for float16).
double zero_point(const QuantizedTensor& q);

// The manifest `quantization` object in the anchor's key order: dtype, min, scale,
// original_dtype (float16: dtype, original_dtype).
WeightQuantization manifest_quantization(const QuantizedTensor& q);
nlohmann::ordered_json quantization_json(const QuantizedTensor& q);

// A weights_writer Quantizer: per group, selects names with `spec` and quantizes the entries
// whose value is float32 after auto-conversion; other dtypes pass through untouched.
Quantizer make_quantizer(QuantizationSpec spec, NumpyArithmetic mode = NumpyArithmetic::Float32Legacy);

}  // namespace wb::exporter
