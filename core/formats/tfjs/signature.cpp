// SPDX-License-Identifier: Apache-2.0
#include "formats/tfjs/signature.h"

#include "formats/graphdef/graph_io.h"

namespace wb::formats::tfjs {

namespace {

int64_t json_int(const nlohmann::ordered_json& v, int64_t fallback) {
    if (v.is_number_integer()) return v.get<int64_t>();
    if (v.is_string()) {
        try {
            return std::stoll(v.get<std::string>());
        } catch (...) {
        }
    }
    return fallback;
}

ir::TensorInfo entry_info(const ir::Graph& graph, const std::string& key, const nlohmann::ordered_json& entry) {
    std::string name = entry.is_object() && entry.contains("name") && entry["name"].is_string()
                           ? entry["name"].get<std::string>()
                           : key;
    ir::TensorInfo info = describe_tensor(graph, key, name);
    if (!entry.is_object()) return info;
    if (entry.contains("dtype") && entry["dtype"].is_string())
        if (auto t = ir::dtype_from_tf_name(entry["dtype"].get<std::string>())) info.dtype = *t;
    if (entry.contains("tensorShape") && entry["tensorShape"].is_object()) {
        const auto& s = entry["tensorShape"];
        if (s.value("unknownRank", false)) {
            info.shape = ir::Shape::unknown();
        } else {
            std::vector<int64_t> dims;
            if (s.contains("dim") && s["dim"].is_array())
                for (const auto& d : s["dim"]) dims.push_back(d.is_object() && d.contains("size") ? json_int(d["size"], -1) : 0);
            info.shape = ir::Shape(std::move(dims));
        }
    }
    return info;
}

std::vector<ir::TensorInfo> entries(const ir::Graph& graph, const nlohmann::ordered_json& map) {
    std::vector<ir::TensorInfo> out;
    if (!map.is_object()) return out;
    for (const auto& [key, entry] : map.items()) out.push_back(entry_info(graph, key, entry));
    return out;
}

}  // namespace

void apply_signature(ir::Model& model, const nlohmann::ordered_json& signature) {
    set_default_io(model);
    if (!signature.is_object()) return;
    if (signature.contains("inputs")) {
        auto in = entries(model.graph, signature["inputs"]);
        if (!in.empty()) model.inputs = std::move(in);
    }
    if (signature.contains("outputs")) {
        auto out = entries(model.graph, signature["outputs"]);
        if (!out.empty()) model.outputs = std::move(out);
    }
}

}  // namespace wb::formats::tfjs
