// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace wb::exporter {

// The storage dtypes of tfjs weight quantization (spec §5).
enum class QuantDType { Float16, UInt8, UInt16 };

std::string_view quant_dtype_name(QuantDType t);  // "float16", "uint8", "uint16"
std::optional<QuantDType> quant_dtype_from_name(std::string_view name);
std::size_t quant_dtype_size(QuantDType t);  // bytes per element: 2, 1, 2

// One --quantize_* flag as argparse leaves it (nargs='?', const=True): absent, bare, or a value.
struct QuantizeFlag {
    bool given = false;
    std::optional<std::string> value;  // nullopt when given bare (= fallthrough)

    static QuantizeFlag bare() { return {true, std::nullopt}; }
    static QuantizeFlag patterns(std::string v) { return {true, std::move(v)}; }
};

struct QuantizationFlags {
    QuantizeFlag float16;
    QuantizeFlag uint8;
    QuantizeFlag uint16;
    int quantization_bytes = 0;  // deprecated --quantization_bytes: 0 = absent, 1 or 2
};

// One entry of the converter's quantization_dtype_map: a fallthrough (all weights not matched
// by another dtype's patterns) or a list of fnmatch patterns.
struct QuantizationRule {
    QuantDType dtype = QuantDType::UInt8;
    bool fallthrough = false;
    std::vector<std::string> patterns;
};

// The map in insertion order: --quantization_bytes first, then float16, uint8, uint16
// (CONV:_parse_quantization_dtype_map). Empty = no quantization.
struct QuantizationSpec {
    std::vector<QuantizationRule> rules;
    bool empty() const { return rules.empty(); }
};

// Flags → spec, as the converter: a value is split on ',' without trimming; --quantization_bytes
// with any --quantize_* is an error; two fallthroughs are an error. `warning` (optional)
// receives the deprecation notice for --quantization_bytes.
Expected<QuantizationSpec> parse_quantization_flags(const QuantizationFlags& flags,
                                                    std::string* warning = nullptr);

// Spec with one fallthrough dtype (the quant report's default configurations).
QuantizationSpec quantize_all(QuantDType dtype);

// QZ:map_layers_to_quantization_dtype over one group's names. Result is aligned with `names`;
// nullopt = not selected. Errors: a name matched by two different dtypes, two fallthroughs.
// Selection ignores dtypes: the caller quantizes only float32 entries (spec §5.1).
Expected<std::vector<std::optional<QuantDType>>> select_quantization(
    const std::vector<std::string>& names, const QuantizationSpec& spec);

}  // namespace wb::exporter
