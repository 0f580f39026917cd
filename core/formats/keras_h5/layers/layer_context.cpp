// SPDX-License-Identifier: Apache-2.0
#include "formats/keras_h5/layers/layer_context.h"

#include <map>

namespace wb::formats::keras {

using json = nlohmann::json;

Error LayerContext::fail(const std::string& message) const {
    return Error{file, "layer '" + layer_name + "' (" + class_name + ", position " + std::to_string(position) + ")",
                 message};
}

Expected<ir::Tensor> LayerContext::weight_tensor(size_t i, int rank) const {
    if (i >= weights.size())
        return fail("expected at least " + std::to_string(i + 1) + " weights, the file has " +
                    std::to_string(weights.size()));
    const ir::Tensor& t = weights[i].value;
    if (rank >= 0 && t.shape().rank() != rank)
        return fail("weight '" + weights[i].name + "' has shape " + t.shape().to_string() + ", expected rank " +
                    std::to_string(rank));
    return t;
}

Expected<std::string> LayerContext::weight(size_t i, const std::string& suffix) {
    auto t = weight_tensor(i);
    if (!t) return t.error();
    std::string name = scope + "/" + suffix;
    if (b.model().graph.find(name)) return name;  // shared layer: the Const already exists
    return b.weight(name, *t, layer_name);
}

int LayerContext::find_weight(std::initializer_list<const char*> leaves) const {
    for (size_t i = 0; i < weights.size(); ++i) {
        const std::string& n = weights[i].name;
        for (const char* leaf : leaves) {
            std::string l(leaf);
            if (n.size() >= l.size() && n.compare(n.size() - l.size(), l.size(), l) == 0) return int(i);
        }
    }
    return -1;
}

static const json* lookup(const json& cfg, const char* key) {
    if (!cfg.is_object()) return nullptr;
    auto it = cfg.find(key);
    return (it == cfg.end() || it->is_null()) ? nullptr : &*it;
}

int64_t LayerContext::get_int(const char* key, int64_t fallback) const {
    const json* j = lookup(cfg, key);
    return j && j->is_number() ? j->get<int64_t>() : fallback;
}

double LayerContext::get_float(const char* key, double fallback) const {
    const json* j = lookup(cfg, key);
    return j && j->is_number() ? j->get<double>() : fallback;
}

bool LayerContext::get_bool(const char* key, bool fallback) const {
    const json* j = lookup(cfg, key);
    return j && j->is_boolean() ? j->get<bool>() : fallback;
}

std::string LayerContext::get_string(const char* key, const std::string& fallback) const {
    const json* j = lookup(cfg, key);
    if (j && j->is_string()) return j->get<std::string>();
    // Keras 3 serialises activations as {"class_name": ..., "config": {"name": ...}} sometimes.
    if (j && j->is_object() && j->contains("config") && (*j)["config"].is_object() && (*j)["config"].contains("name"))
        return (*j)["config"]["name"].get<std::string>();
    return fallback;
}

Expected<std::vector<int64_t>> LayerContext::get_ints(const char* key, size_t n, int64_t fallback) const {
    const json* j = lookup(cfg, key);
    if (!j) return std::vector<int64_t>(n, fallback);
    if (j->is_number_integer()) return std::vector<int64_t>(n, j->get<int64_t>());
    if (!j->is_array() || j->size() != n) return fail(std::string("config '") + key + "' must have " + std::to_string(n) + " entries");
    std::vector<int64_t> out;
    for (const auto& e : *j) {
        if (!e.is_number_integer()) return fail(std::string("config '") + key + "' must hold integers");
        out.push_back(e.get<int64_t>());
    }
    return out;
}

bool LayerContext::channels_first() const {
    std::string f = get_string("data_format", "");
    if (f.empty()) f = get_string("dim_ordering", "tf") == "th" ? "channels_first" : "channels_last";
    return f == "channels_first";
}

// Every layer family, in one list (STYLE: registered in one place).
static LayerTable all_layers() {
    LayerTable t;
    register_core_layers(t);
    register_activation_layers(t);
    register_conv_layers(t);
    register_conv_transpose_layers(t);
    register_pooling_layers(t);
    register_reshaping_layers(t);
    register_merge_layers(t);
    register_normalization_layers(t);
    register_recurrent_layers(t);
    register_wrapper_layers(t);
    register_conv_lstm_layers(t);
    register_locally_connected_layers(t);
    register_tf_op_layers(t);
    register_preprocessing_layers(t);
    register_attention_layers(t);
    register_masking_layers(t);
    return t;
}

const LowerFn* find_lowering(const std::string& class_name) {
    static const std::map<std::string, LowerFn> table = [] {
        LayerTable t = all_layers();
        return std::map<std::string, LowerFn>(t.begin(), t.end());
    }();
    auto it = table.find(class_name);
    return it == table.end() ? nullptr : &it->second;
}

std::vector<std::string> supported_layer_classes() {
    std::vector<std::string> names;
    for (auto& [n, f] : all_layers()) names.push_back(n);
    return names;
}

}  // namespace wb::formats::keras
