// SPDX-License-Identifier: Apache-2.0
#include "formats/keras_h5/keras_archive.h"

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

Status read_layer_weights(const h5::Group& group, std::vector<KerasWeight>& out) {
    if (group.has_attr("weight_names")) {
        auto names = group.attr_strings("weight_names");
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

Expected<KerasArchive> read_archive(const h5::File& file, const std::string& file_name, bool skip_weights) {
    KerasArchive a;
    h5::Group root = file.root();
    if (root.has_attr("keras_version")) {
        auto v = root.attr_string("keras_version");
        if (!v) return v.error();
        a.keras_version = *v;
    }
    if (root.has_attr("backend")) {
        auto v = root.attr_string("backend");
        if (!v) return v.error();
        a.backend = *v;
    }
    if (root.has_attr("model_config")) {
        auto text = root.attr_string("model_config");
        if (!text) return text.error();
        auto j = parse_json_attr(*text, file_name, "attribute 'model_config'");
        if (!j) return j.error();
        a.model_config = std::move(*j);
        a.model_config_text = *text;
        apply_class_renames(a.model_config);
    }
    if (root.has_attr("training_config")) {
        auto text = root.attr_string("training_config");
        if (!text) return text.error();
        auto j = parse_json_attr(*text, file_name, "attribute 'training_config'");
        if (!j) return j.error();
        a.training_config = std::move(*j);
        a.training_config_text = *text;
    }
    // Weights-only files (Model.save_weights) carry layer_names on the root (spec §3.3).
    h5::Group weights_root = root;
    if (root.has_attr("layer_names")) {
        a.weights_only = a.model_config.is_null();
    } else if (root.is_group("model_weights")) {
        auto g = root.group("model_weights");
        if (!g) return g.error();
        weights_root = *g;
    } else if (a.model_config.is_null()) {
        return Error{file_name, "", "not a Keras file: no 'model_config' attribute, no 'model_weights' "
                                    "group and no 'layer_names' attribute"};
    } else {
        return a;  // topology only (saved with include_optimizer and no weights is impossible; be lenient)
    }
    if (weights_root.has_attr("layer_names")) {
        auto names = weights_root.attr_strings("layer_names");
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

const KerasLayerWeights* find_layer(const KerasArchive& archive, const std::string& layer) {
    for (const auto& l : archive.layers)
        if (l.layer == layer) return &l;
    return nullptr;
}

}  // namespace wb::formats::keras
