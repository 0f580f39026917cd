// SPDX-License-Identifier: Apache-2.0
#include "export/quantize.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace wb::exporter {
namespace {

Error weight_error(const std::string& name, std::string message) {
    return Error{{}, name.empty() ? std::string{} : "weight '" + name + "'", std::move(message)};
}

// NumPy's float32 → float16 (npy_floatbits_to_halfbits): round to nearest even like
// ir::float_to_half, but a NaN keeps the top bits of its payload (and stays a NaN).
uint16_t numpy_float_to_half(float f) {
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    if ((bits & 0x7f800000u) == 0x7f800000u && (bits & 0x007fffffu) != 0) {
        auto ret = static_cast<uint16_t>(0x7c00u + ((bits & 0x007fffffu) >> 13));
        if (ret == 0x7c00u) ++ret;
        return static_cast<uint16_t>(((bits >> 16) & 0x8000u) + ret);
    }
    return ir::float_to_half(f);
}

// QZ:_get_affine_quantization_range: scale over the full code range; when 0 is inside
// [mn, mx] the minimum is nudged so that 0.0 maps exactly onto an integer code (TF-Lite's
// NudgeQuantizationRange, without nudging when 0 is outside the range).
struct AffineRange {
    double scale, min, max;
};

AffineRange affine_range(double mn, double mx, double qmax) {
    double scale = (mx - mn) / qmax;
    if (mn <= 0.0 && 0.0 <= mx) {
        double zero_point = std::nearbyint((0.0 - mn) / scale);  // np.round: half to even
        double nudged_min = -zero_point * scale;
        return {scale, nudged_min, qmax * scale + nudged_min};
    }
    return {scale, mn, mx};
}

// np.round((data.clip(lo, hi) - lo) / scale) in the element type T (float: NumPy 1.x legacy
// promotion casts the float64 scalars to float32; double: NEP 50 keeps float64).
template <class T, class Code>
void affine_codes(const float* x, int64_t n, const AffineRange& r, double qmax, Code* out) {
    const T lo = static_cast<T>(r.min), hi = static_cast<T>(r.max), scale = static_cast<T>(r.scale);
    for (int64_t i = 0; i < n; ++i) {
        T v = static_cast<T>(x[i]);
        T clipped = std::min(std::max(v, lo), hi);  // NumPy's clip = minimum(maximum(x, lo), hi)
        T q = std::nearbyint((clipped - lo) / scale);  // default FE_TONEAREST: half to even
        out[i] = static_cast<Code>(std::clamp<double>(q, 0.0, qmax));
    }
}

template <class Code>
void affine_quantize(const ir::Tensor& data, const AffineRange& r, double qmax, NumpyArithmetic mode,
                     ir::Tensor& codes) {
    if (mode == NumpyArithmetic::Float32Legacy)
        affine_codes<float>(data.data<float>(), data.num_elements(), r, qmax, codes.data<Code>());
    else
        affine_codes<double>(data.data<float>(), data.num_elements(), r, qmax, codes.data<Code>());
}

// JavaScript's Math.round (ties toward +infinity) followed by Int32Array's ToInt32 wrap.
int32_t js_round_to_int32(double x) {
    if (!std::isfinite(x)) return 0;
    double r = std::floor(x);
    if (x - r >= 0.5) r += 1.0;
    double wrapped = std::fmod(r, 4294967296.0);
    if (wrapped < 0) wrapped += 4294967296.0;
    return static_cast<int32_t>(static_cast<uint32_t>(wrapped));
}

}  // namespace

Expected<QuantizedTensor> quantize(const ir::Tensor& data, QuantDType dtype, const std::string& name,
                                   NumpyArithmetic mode) {
    if (data.dtype() != ir::DType::Float32)
        return weight_error(name, "only float32 weights can be quantized, this one is " +
                                      std::string(ir::dtype_name(data.dtype())));
    QuantizedTensor q;
    q.dtype = dtype;
    const float* x = data.data<float>();
    const int64_t n = data.num_elements();
    if (dtype == QuantDType::Float16) {
        q.codes = ir::Tensor(ir::DType::Float16, data.shape());
        auto* out = q.codes.data<uint16_t>();
        for (int64_t i = 0; i < n; ++i) out[i] = numpy_float_to_half(x[i]);
        return q;
    }
    const bool u8 = dtype == QuantDType::UInt8;
    if (n == 0)
        return weight_error(name, std::string("cannot quantize an empty tensor to ") + (u8 ? "uint8" : "uint16") +
                                      " (the TensorFlow.js converter fails on it too); exclude it from the patterns");
    float fmin = x[0], fmax = x[0];
    for (int64_t i = 0; i < n; ++i) {
        if (!std::isfinite(x[i]))
            return weight_error(name, "cannot quantize a weight holding NaN or infinity to " +
                                          std::string(u8 ? "uint8" : "uint16") + " (element " + std::to_string(i) + ")");
        fmin = std::min(fmin, x[i]);
        fmax = std::max(fmax, x[i]);
    }
    q.codes = ir::Tensor(u8 ? ir::DType::UInt8 : ir::DType::UInt16, data.shape());  // zero-filled
    const double mn = fmin, mx = fmax;
    if (mn == mx) {  // constant tensor: every code 0, un-nudged min, scale 1
        q.min = mn;
        q.scale = 1.0;
        return q;
    }
    const double qmax = u8 ? 255.0 : 65535.0;
    AffineRange r = affine_range(mn, mx, qmax);
    q.min = r.min;
    q.scale = r.scale;
    if (u8) affine_quantize<uint8_t>(data, r, qmax, mode, q.codes);
    else affine_quantize<uint16_t>(data, r, qmax, mode, q.codes);
    return q;
}

Expected<ir::Tensor> dequantize(const QuantizedTensor& q, ir::DType target, const std::string& name) {
    const int64_t n = q.codes.num_elements();
    if (q.dtype == QuantDType::Float16) {
        if (target != ir::DType::Float32)
            return weight_error(name, "is quantized with float16 which only supports weights of type float32 not " +
                                          std::string(ir::dtype_name(target)));
        ir::Tensor out(ir::DType::Float32, q.codes.shape());
        const auto* codes = q.codes.data<uint16_t>();
        float* y = out.data<float>();
        for (int64_t i = 0; i < n; ++i) y[i] = ir::half_to_float(codes[i]);
        return out;
    }
    if (target != ir::DType::Float32 && target != ir::DType::Int32)
        return weight_error(name, "Unsupported dtype in weight: " + std::string(ir::dtype_name(target)));
    ir::Tensor out(target, q.codes.shape());
    const bool u8 = q.dtype == QuantDType::UInt8;
    auto code = [&](int64_t i) -> double {
        return u8 ? q.codes.data<uint8_t>()[i] : q.codes.data<uint16_t>()[i];
    };
    for (int64_t i = 0; i < n; ++i) {
        // Two separately rounded double operations as in JavaScript; the volatile keeps a
        // compiler from fusing them into one FMA, which would round once and differ.
        volatile double product = code(i) * q.scale;
        double value = product + q.min;
        if (target == ir::DType::Float32) out.data<float>()[i] = static_cast<float>(value);
        else out.data<int32_t>()[i] = js_round_to_int32(value);
    }
    return out;
}

Expected<QuantizedTensor> quantized_from_manifest(const WeightQuantization& quantization, const ir::Shape& shape,
                                                  std::span<const std::byte> bytes, const std::string& name) {
    auto dtype = quant_dtype_from_name(quantization.dtype);
    if (!dtype)
        return weight_error(name, "has unknown quantization dtype " + quantization.dtype +
                                      ". Supported quantization dtypes are: 'uint8', 'uint16', and 'float16'.");
    if (*dtype != QuantDType::Float16 && (!quantization.min || !quantization.scale))
        return weight_error(name, "with quantization " + quantization.dtype +
                                      " doesn't have corresponding metadata min and scale.");
    auto count = shape.num_elements();
    if (!count) return weight_error(name, "shape " + shape.to_string() + " is not fully defined");
    const std::size_t need = static_cast<std::size_t>(*count) * quant_dtype_size(*dtype);
    if (bytes.size() != need)
        return weight_error(name, "expected " + std::to_string(need) + " bytes of " + quantization.dtype +
                                      " codes, got " + std::to_string(bytes.size()));
    QuantizedTensor q;
    q.dtype = *dtype;
    ir::DType code_type = *dtype == QuantDType::Float16 ? ir::DType::Float16
                          : *dtype == QuantDType::UInt8 ? ir::DType::UInt8
                                                        : ir::DType::UInt16;
    q.codes = ir::Tensor::from_bytes(code_type, shape, bytes);
    q.min = quantization.min.value_or(0.0);
    q.scale = quantization.scale.value_or(1.0);
    return q;
}

double zero_point(const QuantizedTensor& q) {
    if (q.dtype == QuantDType::Float16 || q.scale == 0.0) return 0.0;
    return std::nearbyint((0.0 - q.min) / q.scale);
}

WeightQuantization manifest_quantization(const QuantizedTensor& q) {
    WeightQuantization m;
    m.dtype = std::string(quant_dtype_name(q.dtype));
    if (q.dtype != QuantDType::Float16) {
        m.min = q.min;
        m.scale = q.scale;
    }
    m.original_dtype = "float32";
    return m;
}

nlohmann::ordered_json quantization_json(const QuantizedTensor& q) {
    // WW:_get_weights_manifest_for_group: {'dtype': ...} then update(min, scale, original_dtype).
    nlohmann::ordered_json j;
    j["dtype"] = quant_dtype_name(q.dtype);
    if (q.dtype != QuantDType::Float16) {
        j["min"] = q.min;
        j["scale"] = q.scale;
    }
    j["original_dtype"] = "float32";
    return j;
}

Quantizer make_quantizer(QuantizationSpec spec, NumpyArithmetic mode) {
    return [spec = std::move(spec), mode](WeightGroup& group) -> Status {
        std::vector<std::string> names;
        names.reserve(group.entries.size());
        for (const auto& e : group.entries) names.push_back(e.name);
        auto chosen = select_quantization(names, spec);
        if (!chosen) return chosen.error();
        for (std::size_t i = 0; i < group.entries.size(); ++i) {
            WeightEntry& entry = group.entries[i];
            // WW:_quantize_entry: only float32 data (after auto-conversion) is quantized.
            if (!(*chosen)[i] || entry.value.dtype() != ir::DType::Float32) continue;
            auto q = quantize(entry.value, *(*chosen)[i], entry.name, mode);
            if (!q) return q.error();
            entry.quantization = manifest_quantization(*q);
            auto bytes = q->codes.bytes();
            entry.quantized_bytes.assign(bytes.begin(), bytes.end());
        }
        return Ok{};
    };
}

}  // namespace wb::exporter
