// SPDX-License-Identifier: Apache-2.0
// TensorFlowOpLayer (tf.keras wraps raw TensorFlow ops called on Keras tensors): the stored
// NodeDef is re-emitted as is for a short list of ops whose output shape we can track; the
// layer's inputs fill the NodeDef inputs in order, except those given in `constants`.
#include <set>

#include "formats/keras_h5/layers/layer_context.h"

namespace wb::formats::keras {
namespace {

using json = nlohmann::json;

const std::set<std::string>& elementwise_ops() {
    static const std::set<std::string> ops{"AddV2", "Add", "Sub", "Mul", "RealDiv", "Maximum", "Minimum", "Relu", "Relu6",
                                           "Sigmoid", "Tanh", "Exp", "Log", "Sqrt", "Rsqrt", "Square", "Neg", "Abs", "Identity"};
    return ops;
}

// A `constants` entry: nested JSON numbers → int32 (all integers) or float32 tensor.
Expected<ir::Tensor> constant_tensor(LayerContext& ctx, const json& v) {
    std::vector<int64_t> dims;
    const json* level = &v;
    while (level->is_array()) {
        dims.push_back(int64_t(level->size()));
        if (level->empty()) break;
        level = &(*level)[0];
    }
    std::vector<double> flat;
    bool ints = true;
    std::function<bool(const json&)> walk = [&](const json& j) {
        if (j.is_array()) {
            for (const auto& e : j)
                if (!walk(e)) return false;
            return true;
        }
        if (!j.is_number()) return false;
        ints &= j.is_number_integer();
        flat.push_back(j.get<double>());
        return true;
    };
    if (!walk(v)) return ctx.fail("TensorFlowOpLayer constant is not numeric");
    ir::Tensor t(ints ? ir::DType::Int32 : ir::DType::Float32, ir::Shape(dims));
    if (t.num_elements() != int64_t(flat.size())) return ctx.fail("TensorFlowOpLayer constant is ragged");
    for (size_t i = 0; i < flat.size(); ++i) {
        if (ints) t.data<int32_t>()[i] = int32_t(flat[i]);
        else t.data<float>()[i] = float(flat[i]);
    }
    return t;
}

Expected<ir::AttrValue> attr_value(LayerContext& ctx, const std::string& key, const json& v) {
    if (v.contains("type") && v["type"].is_string()) {
        auto t = ir::dtype_from_tf_name(v["type"].get<std::string>());
        if (t) return ir::AttrValue(*t);
    } else if (v.contains("b") && v["b"].is_boolean()) {
        return ir::AttrValue(v["b"].get<bool>());
    } else if (v.contains("i")) {  // int64 as a JSON string in NodeDef JSON
        const json& i = v["i"];
        if (i.is_number_integer()) return ir::AttrValue(i.get<int64_t>());
        if (i.is_string()) return ir::AttrValue(int64_t(std::stoll(i.get<std::string>())));
    } else if (v.contains("f") && v["f"].is_number()) {
        return ir::AttrValue(v["f"].get<float>());
    }
    return ctx.fail("TensorFlowOpLayer attr '" + key + "' has a form we do not read");
}

Expected<std::vector<KTensor>> tf_op_layer(LayerContext& ctx, const std::vector<KTensor>& in) {
    const json def = ctx.cfg.value("node_def", json::object());
    const std::string op = def.value("op", std::string("?"));
    if (op != "Transpose" && !elementwise_ops().count(op))
        return ctx.fail("TensorFlowOpLayer op '" + op + "' is not supported");
    const json inputs = def.value("input", json::array());
    const json constants = ctx.cfg.value("constants", json::object());
    std::vector<std::string> refs;
    std::vector<ir::Tensor> const_values(inputs.size());
    size_t next = 0;
    for (size_t i = 0; i < inputs.size(); ++i) {
        const std::string key = std::to_string(i);
        if (constants.is_object() && constants.contains(key)) {
            auto t = constant_tensor(ctx, constants[key]);
            if (!t) return t.error();
            const_values[i] = *t;
            refs.push_back(ctx.b.constant(ctx.node("constant_" + key), *t));
        } else {
            if (next >= in.size()) return ctx.fail("TensorFlowOpLayer needs more inputs than the layer receives");
            refs.push_back(in[next++].ref);
        }
    }
    if (refs.empty() || next == 0) return ctx.fail("TensorFlowOpLayer without a tensor input");
    ir::AttrMap attrs;
    if (def.contains("attr") && def["attr"].is_object())
        for (const auto& [k, v] : def["attr"].items()) {
            auto a = attr_value(ctx, k, v);
            if (!a) return a.error();
            attrs[k] = *a;
        }
    ir::Shape shape = in[0].shape;
    if (op == "Transpose") {
        if (refs.size() != 2 || !const_values[1].valid()) return ctx.fail("Transpose needs a constant perm");
        ir::Shape permuted;
        for (int64_t i = 0; i < const_values[1].num_elements(); ++i) {
            const int64_t p = int64_t(const_values[1].value_as_double(i));
            if (p < 0 || p >= shape.rank()) return ctx.fail("Transpose perm out of range");
            permuted.dims.push_back(shape.dims[size_t(p)]);
        }
        shape = permuted;
    }
    return std::vector<KTensor>{{ctx.b.add(ctx.node(def.value("name", std::string("op"))), op, refs, std::move(attrs), false), shape}};
}

}  // namespace

void register_tf_op_layers(LayerTable& t) { t.emplace_back("TensorFlowOpLayer", tf_op_layer); }

}  // namespace wb::formats::keras
