// SPDX-License-Identifier: Apache-2.0
// Normalises the model_config variants: Sequential as a bare list (Keras 1 / 2.0–2.1) or as
// {"name", "layers"} (Keras 2.2+); Functional inbound nodes as [name, node, tensor] (Keras 1),
// [name, node, tensor, kwargs] (Keras 2) or {"args": [keras tensors]} (Keras 3).
#include "formats/keras_h5/keras_topology.h"

namespace wb::formats::keras {
namespace {

using json = nlohmann::json;

Error err(const std::string& file, const std::string& item, const std::string& msg) { return Error{file, item, msg}; }

std::string str_or(const json& j, const char* key, const std::string& fallback = {}) {
    auto it = j.find(key);
    return (it != j.end() && it->is_string()) ? it->get<std::string>() : fallback;
}

// [name, node, tensor, ...] or {"config": {"keras_history": [...]}} → InboundRef.
bool parse_ref(const json& j, InboundRef& ref) {
    if (j.is_object()) {
        auto cfg = j.find("config");
        if (cfg == j.end() || !cfg->is_object()) return false;
        auto hist = cfg->find("keras_history");
        return hist != cfg->end() && parse_ref(*hist, ref);
    }
    if (!j.is_array() || j.size() < 3 || !j[0].is_string() || !j[1].is_number_integer() ||
        !j[2].is_number_integer())
        return false;
    ref.layer = j[0].get<std::string>();
    ref.node_index = j[1].get<int>();
    ref.tensor_index = j[2].get<int>();
    return true;
}

// Keras 3 call args may nest tensors in lists: collect every keras tensor in order.
void collect_keras3_args(const json& j, std::vector<InboundRef>& out, bool& ok) {
    if (j.is_object() && str_or(j, "class_name") == "__keras_tensor__") {
        InboundRef r;
        if (parse_ref(j, r)) out.push_back(r);
        else ok = false;
    } else if (j.is_array()) {
        for (const auto& e : j) collect_keras3_args(e, out, ok);
    }
}

Expected<std::vector<InboundRef>> parse_call(const json& node, const std::string& file, const std::string& item) {
    std::vector<InboundRef> refs;
    bool ok = true;
    if (node.is_object()) {
        collect_keras3_args(node.value("args", json::array()), refs, ok);
    } else if (node.is_array()) {
        for (const auto& e : node) {
            InboundRef r;
            if (!parse_ref(e, r)) { ok = false; break; }
            refs.push_back(r);
        }
    } else {
        ok = false;
    }
    if (!ok) return err(file, item, "inbound_nodes entry has an unknown form");
    return refs;
}

// Keras 2 attaches the call's kwargs to each inbound entry ([name, node, tensor, kwargs]);
// Keras 3 keeps them beside "args". Layers whose call arguments change the result
// (Attention's use_causal_mask, mask) read them.
json call_kwargs(const json& node) {
    if (node.is_object()) return node.value("kwargs", json());
    if (node.is_array() && !node.empty() && node[0].is_array() && node[0].size() > 3 && node[0][3].is_object()) return node[0][3];
    return json();
}

Expected<std::vector<InboundRef>> parse_io_list(const json& j, const std::string& file, const std::string& item) {
    std::vector<InboundRef> out;
    InboundRef single;
    if (parse_ref(j, single)) return std::vector<InboundRef>{single};  // Keras 3 single input
    if (!j.is_array()) return err(file, item, "expected a list of [layer, node, tensor]");
    for (const auto& e : j) {
        InboundRef r;
        if (!parse_ref(e, r)) return err(file, item, "expected [layer, node, tensor]");
        out.push_back(r);
    }
    return out;
}

Expected<LayerSpec> parse_layer(const json& lj, int position, const std::string& file) {
    LayerSpec l;
    l.position = position;
    if (!lj.is_object() || !lj.contains("class_name") || !lj["class_name"].is_string())
        return err(file, "layer #" + std::to_string(position), "layer entry has no class_name");
    l.class_name = lj["class_name"].get<std::string>();
    l.config = lj.value("config", json::object());
    if (!l.config.is_object() && !l.config.is_array())
        return err(file, "layer #" + std::to_string(position), "layer config is not an object");
    l.name = str_or(lj, "name", l.config.is_object() ? str_or(l.config, "name") : std::string{});
    if (l.name.empty()) return err(file, "layer #" + std::to_string(position), "layer has no name");
    if (is_model_class(l.class_name)) {
        auto nested = parse_model(lj, file);
        if (!nested) return nested.error();
        l.nested = *nested;
        if (l.nested->name.empty()) l.nested->name = l.name;
    }
    return l;
}

Expected<std::shared_ptr<ModelSpec>> parse_sequential(const json& cfg, std::shared_ptr<ModelSpec> m,
                                                      const std::string& file) {
    const json* layers = &cfg;
    json empty = json::array();
    if (cfg.is_object()) {
        m->name = str_or(cfg, "name", "sequential");
        auto it = cfg.find("layers");
        layers = it != cfg.end() ? &*it : &empty;
    } else {
        m->name = "sequential";
    }
    if (!layers->is_array()) return err(file, "model_config", "Sequential layers is not a list");
    InboundRef prev;
    bool have_prev = false;
    int pos = 0;
    for (const auto& lj : *layers) {
        auto l = parse_layer(lj, pos++, file);
        if (!l) return l.error();
        if (!have_prev && l->class_name != "InputLayer") {
            // Keras names the implicit input "<first layer>_input" and takes its batch_input_shape.
            LayerSpec in;
            in.class_name = "InputLayer";
            in.name = l->name + "_input";
            json shape = l->config.is_object() ? l->config.value("batch_input_shape", json()) : json();
            if (shape.is_null() && l->nested && !l->nested->layers.empty())
                shape = l->nested->layers.front().config.value("batch_input_shape", json());
            if (shape.is_null() && l->config.is_object() && l->config.contains("input_dim")) {
                shape = json::array({nullptr, l->config["input_dim"]});
                if (l->config.contains("input_length")) shape = json::array({nullptr, l->config["input_length"], l->config["input_dim"]});
            }
            if (shape.is_null())
                return err(file, "layer '" + l->name + "'", "Sequential model without an input shape");
            in.config = {{"name", in.name}, {"batch_input_shape", shape},
                         {"dtype", l->config.is_object() ? l->config.value("dtype", json("float32")) : json("float32")}};
            in.position = -1;
            m->layers.push_back(in);
            prev = {in.name, 0, 0};
            have_prev = true;
            m->inputs.push_back(prev);
        } else if (!have_prev) {
            prev = {l->name, 0, 0};
            have_prev = true;
            m->inputs.push_back(prev);
            m->layers.push_back(std::move(*l));
            continue;
        }
        l->calls.push_back({prev});
        prev = {l->name, 0, 0};
        m->layers.push_back(std::move(*l));
    }
    if (!have_prev) return err(file, "model_config", "Sequential model has no layers");
    m->outputs.push_back(prev);
    return m;
}

}  // namespace

bool is_model_class(const std::string& c) { return c == "Sequential" || c == "Model" || c == "Functional"; }

Expected<std::shared_ptr<ModelSpec>> parse_model(const json& mc, const std::string& file) {
    if (!mc.is_object() || !mc.contains("class_name") || !mc["class_name"].is_string())
        return err(file, "model_config", "no class_name at the top of the model config");
    auto m = std::make_shared<ModelSpec>();
    m->class_name = mc["class_name"].get<std::string>();
    const json cfg = mc.value("config", json::object());
    if (m->class_name == "Sequential") return parse_sequential(cfg, m, file);
    if (m->class_name != "Model" && m->class_name != "Functional")
        return err(file, "model_config", "top-level class '" + m->class_name + "' is not a Keras model");
    if (!cfg.is_object() || !cfg.contains("layers") || !cfg["layers"].is_array())
        return err(file, "model_config", "functional config has no layer list");
    m->name = str_or(cfg, "name", "model");
    int pos = 0;
    for (const auto& lj : cfg["layers"]) {
        auto l = parse_layer(lj, pos++, file);
        if (!l) return l.error();
        const json nodes = lj.value("inbound_nodes", json::array());
        for (const auto& node : nodes) {
            auto call = parse_call(node, file, "layer '" + l->name + "'");
            if (!call) return call.error();
            l->calls.push_back(std::move(*call));
            l->call_kwargs.push_back(call_kwargs(node));
        }
        m->layers.push_back(std::move(*l));
    }
    auto ins = parse_io_list(cfg.value("input_layers", json::array()), file, "input_layers");
    if (!ins) return ins.error();
    auto outs = parse_io_list(cfg.value("output_layers", json::array()), file, "output_layers");
    if (!outs) return outs.error();
    m->inputs = *ins;
    m->outputs = *outs;
    if (m->inputs.empty() || m->outputs.empty())
        return err(file, "model_config", "functional model without inputs or outputs");
    return m;
}

}  // namespace wb::formats::keras
