// SPDX-License-Identifier: Apache-2.0
#include "formats/tfjs/weight_decoder.h"

#include <cstring>

namespace wb::formats::tfjs {

namespace {

ir::Shape shape_of(const WeightSpec& spec) { return ir::Shape(spec.shape); }

Error short_data(const WeightSpec& spec, const std::string& file, std::size_t offset, std::size_t need,
                 std::size_t have) {
    return Error{file, "weight '" + spec.name + "'",
                 "weight data ends early: the weight needs " + std::to_string(need) + " bytes at byte " +
                     std::to_string(offset) + " of its group but the shards hold only " + std::to_string(have) +
                     " bytes (shards shorter than the manifest says)"};
}

template <class Q>
ir::Tensor dequantize(const WeightSpec& spec, const std::byte* src) {
    const auto n = static_cast<std::size_t>(spec.elements);
    const double scale = *spec.quant_scale, min = *spec.quant_min;
    if (spec.dtype == "int32") {
        ir::Tensor t(ir::DType::Int32, shape_of(spec));
        auto* out = t.data<int32_t>();
        for (std::size_t i = 0; i < n; ++i) {
            Q q;
            std::memcpy(&q, src + i * sizeof(Q), sizeof(Q));
            out[i] = dequantize_int(q, scale, min);
        }
        return t;
    }
    ir::Tensor t(ir::DType::Float32, shape_of(spec));
    auto* out = t.data<float>();
    for (std::size_t i = 0; i < n; ++i) {
        Q q;
        std::memcpy(&q, src + i * sizeof(Q), sizeof(Q));
        out[i] = dequantize_float(q, scale, min);
    }
    return t;
}

ir::Tensor decode_half(const WeightSpec& spec, const std::byte* src) {
    ir::Tensor t(ir::DType::Float32, shape_of(spec));
    auto* out = t.data<float>();
    for (int64_t i = 0; i < spec.elements; ++i) {
        uint16_t h;
        std::memcpy(&h, src + i * 2, 2);
        out[i] = ir::half_to_float(h);
    }
    return t;
}

Expected<ir::Tensor> decode_strings(const WeightSpec& spec, std::span<const std::byte> data, std::size_t& offset,
                                    const std::string& file) {
    std::vector<std::string> values;
    values.reserve(static_cast<std::size_t>(spec.elements));
    for (int64_t i = 0; i < spec.elements; ++i) {
        if (data.size() - offset < 4) return short_data(spec, file, offset, 4, data.size() - offset);
        uint32_t len;
        std::memcpy(&len, data.data() + offset, 4);  // little-endian length prefix (spec §2.4)
        offset += 4;
        if (data.size() - offset < len) return short_data(spec, file, offset, len, data.size() - offset);
        values.emplace_back(reinterpret_cast<const char*>(data.data() + offset), len);
        offset += len;
    }
    return ir::Tensor::from_strings(shape_of(spec), std::move(values));
}

}  // namespace

Expected<ir::Tensor> decode_weight(const WeightSpec& spec, std::span<const std::byte> data, std::size_t& offset,
                                   const std::string& file) {
    if (spec.dtype == "string" && spec.quant_dtype.empty()) return decode_strings(spec, data, offset, file);
    const std::size_t bytes = static_cast<std::size_t>(spec.elements) * stored_element_size(spec);
    if (offset > data.size() || data.size() - offset < bytes)
        return short_data(spec, file, offset, bytes, data.size() - std::min(offset, data.size()));
    const std::byte* src = data.data() + offset;
    offset += bytes;
    if (spec.quant_dtype == "uint8") return dequantize<uint8_t>(spec, src);
    if (spec.quant_dtype == "uint16") return dequantize<uint16_t>(spec, src);
    if (spec.quant_dtype == "float16") return decode_half(spec, src);
    return ir::Tensor::from_bytes(decoded_dtype(spec), shape_of(spec), {src, bytes});
}

ir::Tensor zero_weight(const WeightSpec& spec) {
    return ir::Tensor(decoded_dtype(spec), shape_of(spec));
}

}  // namespace wb::formats::tfjs
