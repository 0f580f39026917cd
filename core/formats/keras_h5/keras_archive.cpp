// SPDX-License-Identifier: Apache-2.0
#include "formats/keras_h5/keras_archive.h"

#include "formats/keras_h5/raw_archive.h"

namespace wb::formats::keras {
namespace {

std::string strip_colon_zero(std::string name) {
    if (name.size() > 2 && name.compare(name.size() - 2, 2, ":0") == 0) name.resize(name.size() - 2);
    return name;
}

bool valid_utf8(const std::string& s) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
        if (extra < 0 || i + static_cast<size_t>(extra) >= s.size()) return false;
        for (int k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
        i += static_cast<size_t>(extra) + 1;
    }
    return true;
}

}  // namespace

Expected<nlohmann::json> parse_json_attr(const std::string& text, const std::string& file, const std::string& item) {
    if (!valid_utf8(text)) return Error{file, item, "text is not valid UTF-8"};
    try {
        return nlohmann::json::parse(text);
    } catch (const std::exception& e) {
        return Error{file, item, std::string("invalid JSON: ") + e.what()};
    }
}

void apply_class_renames(nlohmann::json& config) {
    if (config.is_object()) {
        auto it = config.find("class_name");
        if (it != config.end() && it->is_string()) {
            const std::string c = *it;
            if (c == "BatchNormalizationV1") *it = "BatchNormalization";
            else if (c == "UnifiedGRU") *it = "GRU";
            else if (c == "UnifiedLSTM") *it = "LSTM";
        }
        for (auto& [k, v] : config.items()) apply_class_renames(v);
    } else if (config.is_array()) {
        for (auto& v : config) apply_class_renames(v);
    }
}

namespace {

// Keras' load_attributes_from_hdf5_group: `name`, or when Keras split a list longer than the
// 64 KB object-header limit, `name0`, `name1`, ... joined in order.
bool has_keras_attr(const h5::Group& group, const std::string& name) {
    return group.has_attr(name) || group.has_attr(name + "0");
}

Expected<std::vector<std::string>> keras_attr_strings(const h5::Group& group, const std::string& name) {
    if (group.has_attr(name)) return group.attr_strings(name);
    std::vector<std::string> all;
    for (int chunk = 0; group.has_attr(name + std::to_string(chunk)); ++chunk) {
        auto part = group.attr_strings(name + std::to_string(chunk));
        if (!part) return part.error();
        all.insert(all.end(), part->begin(), part->end());
    }
    return all;
}

}  // namespace

Status read_layer_weights(const h5::Group& group, std::vector<KerasWeight>& out) {
    if (has_keras_attr(group, "weight_names")) {
        auto names = keras_attr_strings(group, "weight_names");
        if (!names) return names.error();
        for (const auto& raw : *names) {
            auto t = group.read_float_dataset(raw);
            if (!t) return t.error();
            out.push_back({strip_colon_zero(raw), std::move(*t)});
        }
        return Ok{};
    }
    auto children = group.children();
    if (!children) return children.error();
    for (const auto& c : *children) {
        if (!group.is_group(c)) continue;
        auto sub = group.group(c);
        if (!sub) return sub.error();
        if (auto st = read_layer_weights(*sub, out); !st) return st;
    }
    return Ok{};
}

namespace {

// A string attribute of the root if present: nullopt when absent, an error when unreadable.
Status optional_attr(const h5::Group& root, const char* name, std::optional<std::string>& out) {
    if (!root.has_attr(name)) return Ok{};
    auto v = root.attr_string(name);
    if (!v) return v.error();
    out = std::move(*v);
    return Ok{};
}

Status parse_config(const std::optional<std::string>& text, const std::string& file_name, const char* attr,
                    nlohmann::json& json, std::string& json_text) {
    if (!text) return Ok{};
    auto j = parse_json_attr(*text, file_name, std::string("attribute '") + attr + "'");
    if (!j) return j.error();
    json = std::move(*j);
    json_text = *text;
    return Ok{};
}

}  // namespace

// Items are named by position, as the bytes themselves cannot be shown.
Status check_names_utf8(const RawArchive& raw, const std::string& file_name) {
    const auto bad = [&](const std::string& item) { return Error{file_name, item, "text is not valid UTF-8"}; };
    for (auto [name, value] : {std::pair{"keras_version", &raw.keras_version}, {"backend", &raw.backend}})
        if (*value && !valid_utf8(**value)) return bad(std::string("attribute '") + name + "'");
    for (std::size_t i = 0; i < raw.layer_names.size(); ++i)
        if (!valid_utf8(raw.layer_names[i])) return bad("attribute 'layer_names' entry #" + std::to_string(i));
    for (std::size_t l = 0; l < raw.layers.size(); ++l) {
        if (!valid_utf8(raw.layers[l].layer)) return bad("layer #" + std::to_string(l) + " name");
        for (std::size_t w = 0; w < raw.layers[l].weights.size(); ++w)
            if (!valid_utf8(raw.layers[l].weights[w].name))
                return bad("layer #" + std::to_string(l) + " weight #" + std::to_string(w) + " name");
    }
    return Ok{};
}

Expected<RawArchive> read_raw_archive(const h5::File& file, const std::string& file_name, bool skip_weights) {
    RawArchive a;
    h5::Group root = file.root();
    for (auto [name, field] : {std::pair{"keras_version", &a.keras_version}, {"backend", &a.backend},
                               {"model_config", &a.model_config}, {"training_config", &a.training_config}})
        if (auto st = optional_attr(root, name, *field); !st) return st.error();
    // Weights-only files (Model.save_weights) carry layer_names on the root (spec §3.3).
    h5::Group weights_root = root;
    if (has_keras_attr(root, "layer_names")) {
        a.weights_only = !a.model_config;
    } else if (root.is_group("model_weights")) {
        auto g = root.group("model_weights");
        if (!g) return g.error();
        weights_root = *g;
    } else if (!a.model_config) {
        return Error{file_name, "", "not a Keras file: no 'model_config' attribute, no 'model_weights' "
                                    "group and no 'layer_names' attribute"};
    } else {
        return a;  // topology only (saved with include_optimizer and no weights is impossible; be lenient)
    }
    if (has_keras_attr(weights_root, "layer_names")) {
        auto names = keras_attr_strings(weights_root, "layer_names");
        if (!names) return names.error();
        a.layer_names = *names;
    }
    if (skip_weights) return a;
    std::vector<std::string> order;
    if (a.weights_only) {
        order = a.layer_names;
    } else {
        auto children = weights_root.children();
        if (!children) return children.error();
        for (const auto& c : *children)
            if (weights_root.is_group(c)) order.push_back(c);
    }
    for (const auto& name : order) {
        auto g = weights_root.group(name);
        if (!g) return Error{file_name, "layer '" + name + "'", "weights group listed in layer_names is missing"};
        KerasLayerWeights lw{name, {}};
        if (auto st = read_layer_weights(*g, lw.weights); !st) {
            Error e = st.error();
            e.item = "layer '" + name + "': " + e.item;
            return e;
        }
        a.layers.push_back(std::move(lw));
    }
    return a;
}

Expected<KerasArchive> finish_archive(RawArchive raw, const std::string& file_name) {
    if (auto st = check_names_utf8(raw, file_name); !st) return st.error();
    KerasArchive a;
    a.keras_version = raw.keras_version.value_or("");
    a.backend = raw.backend.value_or("");
    if (auto st = parse_config(raw.model_config, file_name, "model_config", a.model_config, a.model_config_text); !st)
        return st.error();
    apply_class_renames(a.model_config);
    if (auto st = parse_config(raw.training_config, file_name, "training_config", a.training_config,
                               a.training_config_text);
        !st)
        return st.error();
    a.weights_only = raw.weights_only;
    a.layer_names = std::move(raw.layer_names);
    a.layers = std::move(raw.layers);
    return a;
}

const KerasLayerWeights* find_layer(const KerasArchive& archive, const std::string& layer) {
    for (const auto& l : archive.layers)
        if (l.layer == layer) return &l;
    return nullptr;
}

}  // namespace wb::formats::keras
