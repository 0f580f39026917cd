// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "formats/keras_h5/keras_archive.h"
#include "formats/keras_h5/layers/builder.h"
#include "util/error.h"

namespace wb::formats::keras {

// Everything one layer lowering sees: the builder, its config, its weights (in the file's
// weight_names order) and how to name nodes and errors.
struct LayerContext {
    Builder& b;
    std::string class_name;
    std::string layer_name;
    int position = 0;
    const nlohmann::json& cfg;
    std::string scope;  // node-name prefix, e.g. "dense_1" or "model_1/dense_1"
    std::vector<KerasWeight> weights;
    std::string file;
    int keras_major = 2;
    const nlohmann::json* call_kwargs = nullptr;  // this call's keyword arguments, or null

    // "layer 'x' (Class, position n)": every lowering error names all three.
    Error fail(const std::string& message) const;
    std::string node(const std::string& suffix) const { return scope + "/" + suffix; }
    // Weight i as a Const node (created once per layer even when the layer is shared).
    Expected<std::string> weight(size_t i, const std::string& suffix);
    // Weight i's tensor, after checking it exists and has `rank` dims (-1 = any).
    Expected<ir::Tensor> weight_tensor(size_t i, int rank = -1) const;
    // Index of the weight whose name ends with one of `leaves` ("gamma", "_W"...), or -1.
    int find_weight(std::initializer_list<const char*> leaves) const;

    // Typed config lookups with Keras 1 fallbacks.
    int64_t get_int(const char* key, int64_t fallback) const;
    double get_float(const char* key, double fallback) const;
    bool get_bool(const char* key, bool fallback) const;
    std::string get_string(const char* key, const std::string& fallback) const;
    // An int or a list of ints (kernel_size, strides...), expanded to `n` entries.
    Expected<std::vector<int64_t>> get_ints(const char* key, size_t n, int64_t fallback) const;
    bool channels_first() const;
};

using LowerFn = std::function<Expected<std::vector<KTensor>>(LayerContext&, const std::vector<KTensor>&)>;

// The lowering for a Keras class name, or nullptr (Lambda, custom classes).
const LowerFn* find_lowering(const std::string& class_name);
std::vector<std::string> supported_layer_classes();

// Applies a Keras activation by name ("relu", "hard_sigmoid"...) to x.
Expected<std::string> apply_activation(LayerContext& ctx, const std::string& x, const std::string& activation,
                                       const std::string& suffix = "activation");

// Registration, one function per layer-family file.
using LayerTable = std::vector<std::pair<std::string, LowerFn>>;
void register_core_layers(LayerTable& t);
void register_activation_layers(LayerTable& t);
void register_conv_layers(LayerTable& t);
void register_conv_transpose_layers(LayerTable& t);
void register_pooling_layers(LayerTable& t);
void register_reshaping_layers(LayerTable& t);
void register_merge_layers(LayerTable& t);
void register_normalization_layers(LayerTable& t);
void register_recurrent_layers(LayerTable& t);
void register_wrapper_layers(LayerTable& t);
void register_conv_lstm_layers(LayerTable& t);
void register_locally_connected_layers(LayerTable& t);
void register_tf_op_layers(LayerTable& t);
void register_preprocessing_layers(LayerTable& t);
void register_attention_layers(LayerTable& t);
void register_masking_layers(LayerTable& t);

// The Keras masks of one layer call's outputs, from its inputs' masks (masking.cpp): passed on,
// combined (merge layers), dropped (layers without mask support, as Keras 2.4+ drops them), or
// refused for layers whose result would depend on a mask we do not apply.
Status propagate_masks(LayerContext& ctx, const std::vector<KTensor>& in, std::vector<KTensor>& out);

}  // namespace wb::formats::keras
