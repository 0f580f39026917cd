// SPDX-License-Identifier: Apache-2.0
// Keras 1 model → Keras 2 form, for the tfjs layers-model export (tfjs-layers only reads Keras 2
// configs and weight names). The lowering to TensorFlow ops reads Keras 1 directly; this is only
// for writing. Classes are upgraded one by one; an unknown one stops the upgrade.
#include "formats/keras_h5/keras1_upgrade.h"

#include <map>

#include "formats/keras_h5/layers/recurrent.h"

namespace wb::formats::keras {
namespace {

using json = nlohmann::json;

bool is_rnn(const std::string& cls) { return cls == "SimpleRNN" || cls == "GRU" || cls == "LSTM"; }

bool is_conv_or_pool(const std::string& cls) {
    return cls == "Convolution1D" || cls == "Convolution2D" || cls == "MaxPooling1D" || cls == "MaxPooling2D" ||
           cls == "AveragePooling1D" || cls == "AveragePooling2D";
}

// Keras 2 class of a Keras 1 one (Keras 2's legacy aliases).
std::string keras2_class(const std::string& cls) {
    if (cls == "Convolution1D") return "Conv1D";
    if (cls == "Convolution2D") return "Conv2D";
    if (cls == "TimeDistributedDense") return "TimeDistributed";
    return cls;
}

// Convolution1D/2D and pooling (dim_ordering "tf" only: a "th" kernel would need Theano's
// flip and transposition, not done here).
Status upgrade_spatial(const std::string& cls, const json& c, json& out, const std::string& file) {
    const bool one_d = cls.back() == 'D' && cls[cls.size() - 2] == '1';
    auto fail = [&](const std::string& why) {
        return Error{file, "layer '" + c.value("name", std::string("?")) + "' (" + cls + ")", why};
    };
    if (c.value("dim_ordering", std::string("tf")) != "tf") return fail("Keras 1 dim_ordering 'th' has no upgrade here");
    if (!one_d) out["data_format"] = "channels_last";
    out["padding"] = c.value("border_mode", std::string("valid"));
    auto it = [&](const char* k) { return c.contains(k) && !c[k].is_null() ? c[k] : json(); };
    if (cls.rfind("Convolution", 0) == 0) {
        out["filters"] = it("nb_filter");
        out["kernel_size"] = one_d ? json::array({it("filter_length")}) : json::array({it("nb_row"), it("nb_col")});
        json sub = one_d ? json::array({c.value("subsample_length", 1)}) : it("subsample");
        out["strides"] = sub.is_null() ? json::array({1, 1}) : sub;
        out["dilation_rate"] = one_d ? json::array({1}) : json::array({1, 1});
        if (c.contains("activation")) out["activation"] = c["activation"];
        out["use_bias"] = c.value("bias", true);
        return Ok{};
    }
    json pool = one_d ? json::array({it("pool_length")}) : it("pool_size");
    json stride = one_d ? (it("stride").is_null() ? pool : json::array({it("stride")})) : it("strides");
    out["pool_size"] = pool;
    out["strides"] = stride.is_null() ? pool : stride;
    return Ok{};
}

Expected<json> upgrade_config(const std::string& cls, const json& c, const std::string& file) {
    json out = json::object();
    auto copy = [&](const char* from, const char* to) {
        auto it = c.find(from);
        if (it != c.end() && !it->is_null()) out[to] = *it;
    };
    copy("name", "name");
    copy("trainable", "trainable");
    copy("batch_input_shape", "batch_input_shape");
    // Keras 1 put the input's dtype on the first layer; on a Keras 2 layer `dtype` is the
    // weights' dtype, so an integer one (Embedding ids) is left out (float32 input, as tfjs feeds).
    if (c.value("input_dtype", std::string()).rfind("float", 0) == 0) copy("input_dtype", "dtype");
    if (cls == "Dense") {
        copy("output_dim", "units");
        copy("activation", "activation");
        copy("bias", "use_bias");
    } else if (cls == "TimeDistributedDense") {
        // Keras 2 spells it TimeDistributed(Dense); the weights stay the wrapper's.
        auto inner = upgrade_config("Dense", c, file);
        if (!inner) return inner.error();
        inner->erase("batch_input_shape");
        inner->erase("dtype");
        (*inner)["name"] = c.value("name", std::string("time_distributed")) + "_dense";
        out["layer"] = json{{"class_name", "Dense"}, {"config", *inner}};
    } else if (cls == "Activation") {
        copy("activation", "activation");
    } else if (cls == "Dropout") {
        copy("p", "rate");
    } else if (cls == "Flatten" || cls == "InputLayer") {
        copy("sparse", "sparse");
    } else if (is_conv_or_pool(cls)) {
        if (auto st = upgrade_spatial(cls, c, out, file); !st) return st.error();
    } else if (cls == "BatchNormalization") {
        // Keras 1 mode 0 is Keras 2's BatchNormalization; modes 1 and 2 normalized per sample.
        if (c.value("mode", 0) != 0)
            return Error{file, "layer '" + c.value("name", std::string("?")) + "' (BatchNormalization)",
                         "Keras 1 mode " + std::to_string(c.value("mode", 0)) + " has no Keras 2 equivalent"};
        for (const char* k : {"axis", "epsilon", "momentum"}) copy(k, k);
        out["center"] = true;
        out["scale"] = true;
    } else if (cls == "Reshape") {
        copy("target_shape", "target_shape");
    } else if (cls == "Bidirectional") {
        const json inner = c.value("layer", json());
        const std::string inner_cls = inner.is_object() ? inner.value("class_name", std::string()) : std::string();
        if (!is_rnn(inner_cls)) return Error{file, "layer '" + c.value("name", std::string("?")) + "' (Bidirectional)",
                                             "wraps '" + inner_cls + "', not a Keras 1 recurrent layer"};
        auto up = upgrade_config(inner_cls, inner.value("config", json::object()), file);
        if (!up) return up.error();
        out["layer"] = json{{"class_name", inner_cls}, {"config", *up}};
        copy("merge_mode", "merge_mode");
    } else if (cls == "Embedding") {
        for (const char* k : {"input_dim", "output_dim", "mask_zero", "input_length"}) copy(k, k);
    } else if (is_rnn(cls)) {
        copy("output_dim", "units");
        copy("activation", "activation");
        copy("inner_activation", "recurrent_activation");
        for (const char* k : {"return_sequences", "go_backwards", "stateful", "unroll"}) copy(k, k);
        copy("dropout_W", "dropout");
        copy("dropout_U", "recurrent_dropout");
        out["use_bias"] = true;
        if (cls == "LSTM") out["unit_forget_bias"] = c.value("forget_bias_init", std::string()) == "one";
        if (cls == "GRU") out["reset_after"] = false;
    } else {
        return Error{file, "layer '" + c.value("name", std::string("?")) + "' (" + cls + ")",
                     "a Keras 1 class this tfjs-wb cannot upgrade to Keras 2 for the layers-model export"};
    }
    return out;
}

// Upgrades every layer entry of a Sequential list or a functional `layers` array in place;
// records each layer's class by name.
Status upgrade_layers(json& layers, std::map<std::string, std::pair<std::string, json>>& classes, const std::string& file) {
    for (auto& l : layers) {
        if (!l.is_object() || !l.contains("class_name") || !l["class_name"].is_string())
            return Error{file, "model_config", "layer entry without class_name"};
        const std::string cls = l["class_name"];
        const json cfg = l.value("config", json::object());
        auto up = upgrade_config(cls, cfg, file);
        if (!up) return up.error();
        l["config"] = *up;
        l["class_name"] = keras2_class(cls);
        classes[up->value("name", l.value("name", std::string()))] = {cls, *up};
        // Keras 1 inbound entries are [layer, node, tensor]; Keras 2 adds call kwargs.
        if (auto in = l.find("inbound_nodes"); in != l.end() && in->is_array())
            for (auto& node : *in)
                for (auto& ref : node)
                    if (ref.is_array() && ref.size() == 3) ref.push_back(json::object());
    }
    return Ok{};
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Per-gate Keras 1 RNN weights fused into <prefix>/kernel, /recurrent_kernel, /bias.
Status fuse_rnn(const std::string& prefix, const std::string& layer, const std::string& cls, const json& cfg,
                const std::vector<KerasWeight>& ws, const std::string& file, std::vector<KerasWeight>& out) {
    ir::Model scratch;
    Builder b(scratch);
    LayerContext ctx{b, cls, layer, 0, cfg, layer, ws, file, 2};
    auto spec = rnn_spec(ctx, cls, cfg);
    if (!spec) return spec.error();
    auto w = fuse_rnn_weights(ctx, *spec, ws);
    if (!w) return w.error();
    out.push_back({prefix + "/kernel", w->W});
    out.push_back({prefix + "/recurrent_kernel", w->U});
    out.push_back({prefix + "/bias", w->b.valid() ? w->b : ir::Tensor(ir::DType::Float32, ir::Shape{spec->gates() * spec->units})});
    return Ok{};
}

Status upgrade_weights(KerasLayerWeights& lw, const std::string& cls, const json& cfg, const std::string& file) {
    std::vector<KerasWeight> out;
    auto named = [&](const std::string& leaf, const ir::Tensor& t) { out.push_back({lw.layer + "/" + leaf, t}); };
    if (is_rnn(cls)) {
        if (auto st = fuse_rnn(lw.layer, lw.layer, cls, cfg, lw.weights, file, out); !st) return st;
    } else if (cls == "Bidirectional") {
        // Keras 1 names them forward_<inner>_W_i ...; Keras 2 and tfjs <layer>/forward_<inner>/kernel.
        const json& inner = cfg["layer"];
        const std::string inner_cls = inner["class_name"], inner_name = inner["config"].value("name", std::string("rnn"));
        for (const std::string side : {"forward_", "backward_"}) {
            std::vector<KerasWeight> part;
            for (const auto& w : lw.weights)
                if (w.name.rfind(side, 0) == 0) part.push_back(w);
            if (auto st = fuse_rnn(lw.layer + "/" + side + inner_name, lw.layer, inner_cls, inner["config"], part, file, out); !st)
                return st;
        }
    } else {
        for (const auto& w : lw.weights) {
            ir::Tensor v = w.value;
            // Keras 1 Convolution1D kept a 2D kernel (length, 1, in, out); Keras 2 has (length, in, out).
            if (cls == "Convolution1D" && v.shape().rank() == 4 && v.shape().dims[1] == 1)
                v = v.reshaped(ir::Shape{v.shape().dims[0], v.shape().dims[2], v.shape().dims[3]});
            if (ends_with(w.name, "_W")) named(cls == "Embedding" ? "embeddings" : "kernel", v);
            else if (ends_with(w.name, "_b")) named("bias", v);
            else if (cls == "BatchNormalization" && ends_with(w.name, "_gamma")) named("gamma", v);
            else if (cls == "BatchNormalization" && ends_with(w.name, "_beta")) named("beta", v);
            else if (cls == "BatchNormalization" && ends_with(w.name, "_running_mean")) named("moving_mean", v);
            // Keras 1.2 kept the moving variance under the name running_std.
            else if (cls == "BatchNormalization" && ends_with(w.name, "_running_std")) named("moving_variance", v);
            else return Error{file, "weight '" + w.name + "'", "not a Keras 1 " + cls + " weight"};
        }
    }
    lw.weights = std::move(out);
    return Ok{};
}

}  // namespace

bool is_keras1_model(const KerasArchive& a) {
    return !a.model_config.is_null() && a.keras_version.rfind("1.", 0) == 0;
}

namespace {

Expected<KerasArchive> upgrade(const KerasArchive& a, const std::string& file) {
    KerasArchive up = a;
    json& mc = up.model_config;
    json* layers = nullptr;
    if (mc.value("class_name", std::string()) == "Sequential" && mc["config"].is_array()) {
        json list = mc["config"];
        mc["config"] = json{{"name", "sequential_1"}, {"layers", std::move(list)}};
    }
    if (mc.contains("config") && mc["config"].is_object() && mc["config"].contains("layers")) layers = &mc["config"]["layers"];
    if (!layers || !layers->is_array()) return Error{file, "model_config", "no layer list to upgrade"};
    std::map<std::string, std::pair<std::string, json>> classes;
    if (auto st = upgrade_layers(*layers, classes, file); !st) return st.error();
    for (auto& lw : up.layers) {
        auto it = classes.find(lw.layer);
        if (it == classes.end() || lw.weights.empty()) continue;
        if (auto st = upgrade_weights(lw, it->second.first, it->second.second, file); !st) return st.error();
    }
    up.model_config_text = mc.dump();
    // The upgraded classes do not depend on the image dim ordering a Keras 1 backend implied.
    if (up.backend.empty()) up.backend = "tensorflow";
    return up;
}

}  // namespace

Expected<KerasArchive> upgrade_keras1(const KerasArchive& a, const std::string& file) {
    if (!a.model_config.is_object()) return Error{file, "model_config", "not a JSON object"};
    try {
        return upgrade(a, file);
    } catch (const nlohmann::json::exception& e) {  // a config value of an unexpected JSON type
        return Error{file, "model_config", std::string("unexpected Keras 1 config: ") + e.what()};
    }
}

}  // namespace wb::formats::keras
