// SPDX-License-Identifier: Apache-2.0
#include "export/quantize_select.h"

#include <unordered_map>

#include "export/fnmatch.h"

namespace wb::exporter {

std::string_view quant_dtype_name(QuantDType t) {
    switch (t) {
    case QuantDType::Float16: return "float16";
    case QuantDType::UInt8: return "uint8";
    case QuantDType::UInt16: return "uint16";
    }
    return "?";
}

std::optional<QuantDType> quant_dtype_from_name(std::string_view name) {
    if (name == "float16") return QuantDType::Float16;
    if (name == "uint8") return QuantDType::UInt8;
    if (name == "uint16") return QuantDType::UInt16;
    return std::nullopt;
}

std::size_t quant_dtype_size(QuantDType t) { return t == QuantDType::UInt8 ? 1 : 2; }

namespace {

std::vector<std::string> split_commas(const std::string& value) {
    // Python's str.split(','): no trimming, empty fields kept ("a,,b" → a, "", b).
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        std::size_t comma = value.find(',', start);
        parts.push_back(value.substr(start, comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return parts;
}

Status check_one_fallthrough(const QuantizationSpec& spec) {
    int fallthroughs = 0;
    for (const auto& rule : spec.rules) fallthroughs += rule.fallthrough ? 1 : 0;
    if (fallthroughs > 1)
        return Error{{}, {}, "More than one quantization fallthrough provided, exactly one is supported"};
    return Ok{};
}

}  // namespace

Expected<QuantizationSpec> parse_quantization_flags(const QuantizationFlags& flags, std::string* warning) {
    QuantizationSpec spec;
    if (flags.quantization_bytes != 0) {
        if (warning)
            *warning = "Warning: --quantization_bytes will be deprecated in a future release\n"
                       "Please consider using --quantize_uint8, --quantize_uint16, --quantize_float16.";
        if (flags.float16.given || flags.uint8.given || flags.uint16.given)
            return Error{{}, {}, "--quantization_bytes cannot be used with the new quantization flags"};
        if (flags.quantization_bytes != 1 && flags.quantization_bytes != 2)
            return Error{{}, {}, "--quantization_bytes must be 1 or 2, got " +
                                     std::to_string(flags.quantization_bytes)};
        spec.rules.push_back({flags.quantization_bytes == 1 ? QuantDType::UInt8 : QuantDType::UInt16, true, {}});
    }
    auto add = [&spec](const QuantizeFlag& flag, QuantDType dtype) {
        if (!flag.given) return;
        if (flag.value) spec.rules.push_back({dtype, false, split_commas(*flag.value)});
        else spec.rules.push_back({dtype, true, {}});
    };
    add(flags.float16, QuantDType::Float16);
    add(flags.uint8, QuantDType::UInt8);
    add(flags.uint16, QuantDType::UInt16);
    if (auto st = check_one_fallthrough(spec); !st) return st.error();
    return spec;
}

QuantizationSpec quantize_all(QuantDType dtype) {
    QuantizationSpec spec;
    spec.rules.push_back({dtype, true, {}});
    return spec;
}

Expected<std::vector<std::optional<QuantDType>>> select_quantization(const std::vector<std::string>& names,
                                                                     const QuantizationSpec& spec) {
    std::vector<std::optional<QuantDType>> chosen(names.size());
    if (auto st = check_one_fallthrough(spec); !st) return st.error();
    // Python works on names as a set: duplicates share one decision.
    std::unordered_map<std::string, std::size_t> first_index;
    for (std::size_t i = 0; i < names.size(); ++i) first_index.emplace(names[i], i);

    std::optional<QuantDType> fallthrough;
    for (const auto& rule : spec.rules) {
        if (rule.fallthrough) {
            fallthrough = rule.dtype;
            continue;
        }
        for (const auto& pattern : rule.patterns) {
            FnMatchPattern matcher(pattern);
            for (std::size_t i = 0; i < names.size(); ++i) {
                if (first_index[names[i]] != i || !matcher.matches(names[i])) continue;
                if (chosen[i] && *chosen[i] != rule.dtype)
                    return Error{{}, "weight '" + names[i] + "'",
                                 "Two quantization values " + std::string(quant_dtype_name(rule.dtype)) + ", " +
                                     std::string(quant_dtype_name(*chosen[i])) + " match the same node " + names[i]};
                chosen[i] = rule.dtype;
            }
        }
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        std::size_t first = first_index[names[i]];
        if (first != i) chosen[i] = chosen[first];
        else if (!chosen[i] && fallthrough) chosen[i] = fallthrough;
    }
    return chosen;
}

}  // namespace wb::exporter
