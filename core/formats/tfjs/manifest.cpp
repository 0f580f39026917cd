// SPDX-License-Identifier: Apache-2.0
#include "formats/tfjs/manifest.h"

namespace wb::formats::tfjs {

namespace {

// tfjs DTYPE_VALUE_SIZE_MAP (spec §2.4) plus uint8/uint16 for the quantized storage types.
std::size_t dtype_bytes(const std::string& dtype) {
    if (dtype == "float32" || dtype == "int32") return 4;
    if (dtype == "float16" || dtype == "uint16") return 2;
    if (dtype == "uint8" || dtype == "bool") return 1;
    if (dtype == "complex64") return 8;
    return 0;
}

bool known_dtype(const std::string& d) { return d == "string" || dtype_bytes(d) > 0; }

}  // namespace

std::size_t stored_element_size(const WeightSpec& spec) {
    if (!spec.quant_dtype.empty()) return dtype_bytes(spec.quant_dtype);
    return dtype_bytes(spec.dtype);
}

ir::DType decoded_dtype(const WeightSpec& spec) {
    if (spec.dtype == "string") return ir::DType::String;
    return ir::dtype_from_name(spec.dtype).value_or(ir::DType::Invalid);
}

Expected<std::vector<WeightGroup>> parse_manifest(const nlohmann::ordered_json& manifest,
                                                  const std::filesystem::path& model_json) {
    const std::string file = model_json.string();
    if (!manifest.is_array()) return Error{file, "weightsManifest", "must be a list of weight groups"};
    std::vector<WeightGroup> groups;
    for (std::size_t g = 0; g < manifest.size(); ++g) {
        const auto& jg = manifest[g];
        const std::string gitem = "weightsManifest[" + std::to_string(g) + "]";
        if (!jg.is_object() || !jg.contains("paths") || !jg["paths"].is_array() ||
            !jg.contains("weights") || !jg["weights"].is_array())
            return Error{file, gitem, "a weight group needs a 'paths' list and a 'weights' list"};
        WeightGroup group;
        for (const auto& p : jg["paths"]) {
            if (!p.is_string()) return Error{file, gitem + ".paths", "every shard path must be a string"};
            group.paths.push_back(p.get<std::string>());
        }
        for (std::size_t w = 0; w < jg["weights"].size(); ++w) {
            const auto& jw = jg["weights"][w];
            std::string witem = gitem + ".weights[" + std::to_string(w) + "]";
            if (!jw.is_object() || !jw.contains("name") || !jw["name"].is_string())
                return Error{file, witem, "weight entry has no 'name'"};
            WeightSpec spec;
            spec.name = jw["name"].get<std::string>();
            witem = "weight '" + spec.name + "'";
            if (!jw.contains("dtype") || !jw["dtype"].is_string())
                return Error{file, witem, "weight entry has no 'dtype'"};
            spec.dtype = jw["dtype"].get<std::string>();
            if (!known_dtype(spec.dtype))
                return Error{file, witem, "unknown dtype '" + spec.dtype +
                                              "' (tfjs knows float32, int32, bool, string, complex64, "
                                              "float16, uint8, uint16)"};
            if (!jw.contains("shape") || !jw["shape"].is_array())
                return Error{file, witem, "weight entry has no 'shape' list"};
            spec.elements = 1;
            for (const auto& d : jw["shape"]) {
                if (!d.is_number_integer() || d.get<int64_t>() < 0)
                    return Error{file, witem, "shape " + jw["shape"].dump() + " has a dimension that is not a non-negative integer"};
                int64_t dim = d.get<int64_t>();
                if (dim > 0 && spec.elements > (int64_t{1} << 31) / dim)
                    return Error{file, witem, "shape " + jw["shape"].dump() + " declares more than 2 GiB of data"};
                spec.elements *= dim;
                spec.shape.push_back(dim);
            }
            if (jw.contains("quantization") && !jw["quantization"].is_null()) {
                const auto& q = jw["quantization"];
                if (!q.is_object() || !q.contains("dtype") || !q["dtype"].is_string())
                    return Error{file, witem, "quantization has no 'dtype'"};
                spec.quant_dtype = q["dtype"].get<std::string>();
                if (spec.quant_dtype != "uint8" && spec.quant_dtype != "uint16" && spec.quant_dtype != "float16")
                    return Error{file, witem, "unknown quantization dtype '" + spec.quant_dtype +
                                                  "' (expected 'uint8', 'uint16' or 'float16')"};
                if (q.contains("min") && q["min"].is_number()) spec.quant_min = q["min"].get<double>();
                if (q.contains("scale") && q["scale"].is_number()) spec.quant_scale = q["scale"].get<double>();
                // Same checks and wording as tfjs io_utils decodeWeight.
                if (spec.quant_dtype != "float16" && (!spec.quant_min || !spec.quant_scale))
                    return Error{file, witem, "quantization " + spec.quant_dtype +
                                                  " doesn't have corresponding metadata min and scale"};
                if (spec.quant_dtype == "float16" && spec.dtype != "float32")
                    return Error{file, witem, "float16 quantization is only supported for float32 weights, not " + spec.dtype};
                if (spec.dtype != "float32" && spec.dtype != "int32")
                    return Error{file, witem, "quantized weights must be float32 or int32, not " + spec.dtype};
            }
            spec.group = jw.contains("group") && jw["group"].is_string() ? jw["group"].get<std::string>()
                                                                          : "group" + std::to_string(g + 1);
            group.weights.push_back(std::move(spec));
        }
        groups.push_back(std::move(group));
    }
    return groups;
}

}  // namespace wb::formats::tfjs
