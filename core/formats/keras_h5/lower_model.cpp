// SPDX-License-Identifier: Apache-2.0
#include "formats/keras_h5/lower_model.h"

#include <map>
#include <set>
#include <sstream>

#include "formats/keras_h5/layers/layer_context.h"

namespace wb::formats::keras {
namespace {

using json = nlohmann::json;
using Key = std::tuple<std::string, int, int>;

struct Lowerer {
    Builder& b;
    const std::string& file;
    int keras_major;

    // Splits a nested model's weights over its layers: a weight belongs to the first name part
    // that is one of the nested layers ("dense_1/kernel", "model/dense_1/kernel").
    std::map<std::string, std::vector<KerasWeight>> distribute(const std::vector<KerasWeight>& all,
                                                               const ModelSpec& spec) {
        std::set<std::string> names;
        for (const auto& l : spec.layers) names.insert(l.name);
        std::map<std::string, std::vector<KerasWeight>> out;
        for (const auto& w : all) {
            std::stringstream ss(w.name);
            std::string part;
            while (std::getline(ss, part, '/')) {
                if (names.count(part)) {
                    out[part].push_back(w);
                    break;
                }
            }
        }
        return out;
    }

    Expected<std::vector<KTensor>> lower_call(const LayerSpec& layer, const std::string& scope,
                                              const std::vector<KerasWeight>& weights,
                                              const std::vector<KTensor>& inputs, size_t call) {
        if (layer.nested) {
            auto parts = distribute(weights, *layer.nested);
            return lower_graph(*layer.nested, scope, parts, &inputs);
        }
        const LowerFn* fn = find_lowering(layer.class_name);
        if (!fn) {
            std::string why = layer.class_name == "Lambda"
                                  ? "Lambda layers hold Python code, which is never executed"
                              : layer.class_name == "TensorFlowOpLayer"
                                  ? "TensorFlowOpLayer op '" +
                                        layer.config.value("node_def", json::object()).value("op", std::string("?")) +
                                        "' is not supported"
                                  : "unsupported Keras layer class (custom or not yet lowered)";
            return Error{file, "layer '" + layer.name + "' (" + layer.class_name + ", position " +
                                   std::to_string(layer.position) + ")", why};
        }
        LayerContext ctx{b, layer.class_name, layer.name, layer.position, layer.config, scope, weights, file,
                         keras_major, call < layer.call_kwargs.size() ? &layer.call_kwargs[call] : nullptr};
        auto outs = (*fn)(ctx, inputs);
        if (!outs) return outs;
        if (auto st = propagate_masks(ctx, inputs, *outs); !st) return st.error();
        return outs;
    }

    static ir::Shape shape_from(const json& j) {
        ir::Shape s;
        if (!j.is_array()) return ir::Shape::unknown();
        for (const auto& d : j) s.dims.push_back(d.is_number_integer() ? d.get<int64_t>() : -1);
        return s;
    }

    Expected<KTensor> placeholder(const LayerSpec& layer) {
        json shape = layer.config.value("batch_input_shape", json());
        if (shape.is_null()) shape = layer.config.value("batch_shape", json());  // Keras 3
        ir::Shape s = shape_from(shape);
        if (s.unknown_rank)
            return Error{file, "layer '" + layer.name + "' (InputLayer)", "input layer without batch_input_shape"};
        std::string dt = layer.config.value("dtype", json("float32")).is_string()
                             ? layer.config.value("dtype", std::string("float32")) : std::string("float32");
        ir::DType dtype = ir::dtype_from_name(dt).value_or(ir::DType::Float32);
        ir::AttrMap a;
        a["dtype"] = dtype;
        a["shape"] = s;
        std::string n = b.add(layer.name, "Placeholder", {}, std::move(a), false);
        ir::TensorInfo ti{layer.name, ir::tensor_name(n, 0), dtype, s};
        b.model().inputs.push_back(ti);
        return KTensor{n, s};
    }

    // Lowers a functional graph. `outer` is null at top level (inputs become Placeholders) or
    // holds the tensors a nested model is called with.
    Expected<std::vector<KTensor>> lower_graph(const ModelSpec& spec, const std::string& prefix,
                                               const std::map<std::string, std::vector<KerasWeight>>& weights,
                                               const std::vector<KTensor>* outer) {
        std::map<Key, KTensor> tensors;
        std::map<std::string, const LayerSpec*> by_name;
        for (const auto& l : spec.layers) by_name[l.name] = &l;
        for (size_t i = 0; i < spec.inputs.size(); ++i) {
            const auto& ref = spec.inputs[i];
            auto it = by_name.find(ref.layer);
            if (it == by_name.end())
                return Error{file, "input '" + ref.layer + "'", "input layer is not in the layer list"};
            if (outer) {
                if (i >= outer->size())
                    return Error{file, "model '" + spec.name + "'", "nested model called with too few inputs"};
                tensors[{ref.layer, 0, 0}] = (*outer)[i];
            } else {
                auto t = placeholder(*it->second);
                if (!t) return t.error();
                tensors[{ref.layer, 0, 0}] = *t;
            }
        }
        // Keras lists layers in creation order; shared layers may be called later, so sweep
        // until every call is lowered or nothing moves (a cycle or a dangling reference).
        std::set<std::pair<std::string, size_t>> done;
        size_t total = 0;
        for (const auto& l : spec.layers) total += l.calls.size();
        bool progress = true;
        while (done.size() < total && progress) {
            progress = false;
            for (const auto& l : spec.layers) {
                for (size_t c = 0; c < l.calls.size(); ++c) {
                    if (done.count({l.name, c})) continue;
                    std::vector<KTensor> ins;
                    bool ready = true;
                    for (const auto& r : l.calls[c]) {
                        auto it = tensors.find({r.layer, r.node_index, r.tensor_index});
                        if (it == tensors.end()) { ready = false; break; }
                        ins.push_back(it->second);
                    }
                    if (!ready) continue;
                    std::string scope = prefix.empty() ? l.name : prefix + "/" + l.name;
                    auto w = weights.find(l.name);
                    static const std::vector<KerasWeight> none;
                    auto outs = lower_call(l, scope, w == weights.end() ? none : w->second, ins, c);
                    if (!outs) return outs.error();
                    for (size_t k = 0; k < outs->size(); ++k) {
                        // One Identity per layer output, named like the layer, so fetches and
                        // signatures use Keras names.
                        std::string n = b.add(k == 0 ? scope : scope + "/output_" + std::to_string(k), "Identity",
                                              {(*outs)[k].ref});
                        tensors[{l.name, int(c), int(k)}] = KTensor{n, (*outs)[k].shape, (*outs)[k].mask};
                    }
                    done.insert({l.name, c});
                    progress = true;
                }
            }
        }
        std::vector<KTensor> result;
        for (const auto& ref : spec.outputs) {
            auto it = tensors.find({ref.layer, ref.node_index, ref.tensor_index});
            if (it == tensors.end())
                return Error{file, "output '" + ref.layer + "'",
                             "model output cannot be computed (a layer's inputs are missing or form a cycle)"};
            result.push_back(it->second);
        }
        return result;
    }
};

}  // namespace

Status lower_model(const ModelSpec& spec, const KerasArchive& archive, const std::string& file, ir::Model& out) {
    Builder b(out);
    int major = archive.keras_version.empty() ? 2 : archive.keras_version[0] - '0';
    Lowerer lw{b, file, major};
    std::map<std::string, std::vector<KerasWeight>> weights;
    for (const auto& l : archive.layers) weights[l.layer] = l.weights;
    auto outs = lw.lower_graph(spec, "", weights, nullptr);
    if (!outs) return outs.error();
    std::map<std::string, int> seen;
    for (size_t i = 0; i < outs->size(); ++i) {
        const auto& ref = spec.outputs[i];
        std::string key = ref.layer;
        if (seen[key]++) key += ":" + std::to_string(ref.tensor_index);
        out.outputs.push_back({key, ir::tensor_name((*outs)[i].ref, 0), ir::DType::Float32, (*outs)[i].shape});
    }
    return Ok{};
}

void weights_as_constants(const KerasArchive& archive, ir::Model& out) {
    Builder b(out);
    for (const auto& l : archive.layers)
        for (const auto& w : l.weights) b.weight(l.layer + "/" + w.name, w.value, l.layer);
}

}  // namespace wb::formats::keras
