// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cmath>
#include <cstdint>
#include <span>
#include <string>

#include "formats/tfjs/manifest.h"
#include "ir/tensor.h"

namespace wb::formats::tfjs {

// tfjs io_utils decodeWeight's affine dequantization: q*scale+min in double, then stored as
// float32 (dtype float32) or Math.round into int32 (dtype int32).
inline float dequantize_float(uint32_t q, double scale, double min) {
    return static_cast<float>(q * scale + min);
}
inline int32_t dequantize_int(uint32_t q, double scale, double min) {
    return static_cast<int32_t>(std::floor(q * scale + min + 0.5));  // JS Math.round
}

// Decodes the weight starting at data[offset] and advances offset past its stored bytes.
// Fails (naming `file` and the weight) when the data ends early or a string is malformed.
Expected<ir::Tensor> decode_weight(const WeightSpec& spec, std::span<const std::byte> data, std::size_t& offset,
                                   const std::string& file);

// A zero-filled tensor of the weight's decoded dtype and shape (topology-only loads).
ir::Tensor zero_weight(const WeightSpec& spec);

}  // namespace wb::formats::tfjs
