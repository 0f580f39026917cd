// SPDX-License-Identifier: Apache-2.0
// model.json of a graph model (spec §2): keys in the converter's insertion order, topology via
// protobuf's own JSON mapping, Const values moved to the weight shards.
#include "export/tfjs_graph_model.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <google/protobuf/util/json_util.h>

#include "core/proto/graph.pb.h"
#include "export/wrap_const_outputs.h"
#include "formats/graphdef/graphdef_proto.h"

namespace wb::exporter {
namespace {

// TFSM:63-66: the TensorProto value fields removed from Const nodes once their value is a weight.
void clear_tensor_values(tensorflow::TensorProto* t) {
    t->clear_tensor_content();
    t->clear_half_val();
    t->clear_float_val();
    t->clear_double_val();
    t->clear_int_val();
    t->clear_string_val();
    t->clear_scomplex_val();
    t->clear_int64_val();
    t->clear_bool_val();
    t->clear_resource_handle_val();
    t->clear_variant_val();
    t->clear_uint32_val();
    t->clear_uint64_val();
}

nlohmann::ordered_json shape_json(const ir::Shape& shape) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    if (shape.unknown_rank) {
        j["unknownRank"] = true;
        return j;
    }
    if (shape.dims.empty()) return j;
    j["dim"] = nlohmann::ordered_json::array();
    for (auto d : shape.dims) j["dim"].push_back({{"size", std::to_string(d)}});  // int64 → string
    return j;
}

nlohmann::ordered_json signature_json(const ir::Model& model) {
    nlohmann::ordered_json sig = nlohmann::ordered_json::object();
    const bool frozen = model.format == "tf_frozen_model";
    auto entries = [&](const std::vector<ir::TensorInfo>& list) {
        nlohmann::ordered_json m = nlohmann::ordered_json::object();
        for (const auto& t : list) {
            nlohmann::ordered_json e;
            if (frozen) {  // TFSM:515-522: keyed by the raw --output_node_names string, name only
                e["name"] = t.key;
                m[t.key] = e;
                continue;
            }
            e["name"] = t.name;
            if (t.dtype != ir::DType::Invalid) e["dtype"] = std::string(ir::dtype_tf_name(t.dtype));
            e["tensorShape"] = shape_json(t.shape);
            m[t.key] = e;
        }
        return m;
    };
    if (!frozen && !model.inputs.empty()) sig["inputs"] = entries(model.inputs);
    if (!model.outputs.empty()) sig["outputs"] = entries(model.outputs);
    return sig;
}

Status collect_weights(const ir::Model& model, tensorflow::GraphDef& gd, WeightGroup& weights) {
    for (int i = 0; i < gd.node_size(); ++i) {
        auto* n = gd.mutable_node(i);
        if (n->op() != "Const") continue;
        const ir::Node* node = model.graph.find(n->name());
        const ir::Tensor* value = node ? ir::attr_tensor(node->attrs, "value") : nullptr;
        if (!value) return Error{{}, "node '" + n->name() + "'", "Const node without a typed value"};
        weights.entries.push_back({n->name(), *value, std::nullopt, {}});
        clear_tensor_values((*n->mutable_attr())["value"].mutable_tensor());
    }
    // Function-body Consts are weights too, renamed "<function>/<const>" (rename_constants).
    for (int f = 0; f < gd.library().function_size(); ++f) {
        auto* fn = gd.mutable_library()->mutable_function(f);
        auto fit = std::find_if(model.graph.functions.begin(), model.graph.functions.end(),
                                [&](const ir::Function& x) { return x.name == fn->signature().name(); });
        if (fit == model.graph.functions.end()) return Error{{}, "function '" + fn->signature().name() + "'", "not in the IR"};
        const auto& ir_fn = *fit;
        std::unordered_map<std::string, const ir::Node*> by_name;
        for (const auto& x : ir_fn.nodes) by_name[x.name] = &x;
        const std::string prefix = fn->signature().name() + "/";
        std::unordered_set<std::string> consts;
        for (int i = 0; i < fn->node_def_size(); ++i) {
            auto* n = fn->mutable_node_def(i);
            if (n->op() != "Const") continue;
            auto bit = by_name.find(n->name());
            const ir::Tensor* value = bit == by_name.end() ? nullptr : ir::attr_tensor(bit->second->attrs, "value");
            if (!value) return Error{{}, "function '" + ir_fn.name + "' node '" + n->name() + "'", "Const node without a typed value"};
            consts.insert(n->name());
            weights.entries.push_back({prefix + n->name(), *value, std::nullopt, {}});
            clear_tensor_values((*n->mutable_attr())["value"].mutable_tensor());
            n->set_name(prefix + n->name());
        }
        auto rename = [&](std::string& input) {
            auto ref = ir::parse_input(input);
            if (consts.count(ref.node)) input.insert(ref.control ? 1 : 0, prefix);
        };
        for (auto& n : *fn->mutable_node_def())
            for (auto& in : *n.mutable_input()) rename(in);
        for (auto& [_, ret] : *fn->mutable_ret()) rename(ret);
    }
    return Ok{};
}

void dump_into(const nlohmann::ordered_json& j, std::string& out) {
    if (j.is_object()) {
        out += '{';
        bool first = true;
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (!first) out += ", ";
            first = false;
            out += nlohmann::ordered_json(it.key()).dump(-1, ' ', true);
            out += ": ";
            dump_into(it.value(), out);
        }
        out += '}';
    } else if (j.is_array()) {
        out += '[';
        for (std::size_t i = 0; i < j.size(); ++i) {
            if (i) out += ", ";
            dump_into(j[i], out);
        }
        out += ']';
    } else {
        out += j.dump(-1, ' ', true);
    }
}

}  // namespace

std::string dump_python_json(const nlohmann::ordered_json& j) {
    std::string out;
    dump_into(j, out);
    return out;
}

Expected<nlohmann::ordered_json> graph_model_json(const ir::Model& source, const GraphModelOptions& options,
                                                   WeightGroup& weights) {
    // A copy shares the tensor buffers; only graphs with a Const output pay for it.
    std::optional<ir::Model> wrapped;
    for (const auto& o : source.outputs)
        if (const ir::Node* n = source.graph.find(ir::parse_input(o.name).node); n && n->is_const() && !wrapped) {
            wrapped = source;
            wrap_const_outputs(*wrapped);
        }
    const ir::Model& model = wrapped ? *wrapped : source;
    tensorflow::GraphDef gd;
    formats::graph_to_proto(model.graph, &gd);
    gd.mutable_versions();  // tfjs dereferences modelTopology.versions unconditionally (spec §8.1)
    if (auto st = collect_weights(model, gd, weights); !st) return st.error();

    std::string topology;
    google::protobuf::util::JsonPrintOptions print;  // MessageToDict defaults: lowerCamelCase, no defaults
    if (auto st = google::protobuf::util::MessageToJsonString(gd, &topology, print); !st.ok())
        return Error{model.source_path, "modelTopology", "protobuf JSON encoding failed: " + st.ToString()};

    nlohmann::ordered_json j;
    j["format"] = "graph-model";
    j["generatedBy"] = model.generated_by.empty() ? options.converted_by : model.generated_by;
    j["convertedBy"] = options.converted_by;
    j["signature"] = signature_json(model);
    j["modelTopology"] = nlohmann::ordered_json::parse(topology);
    nlohmann::ordered_json meta = nlohmann::ordered_json::object();
    for (const auto& [key, value] : options.metadata) meta[key] = value;
    if (options.use_structured_outputs_names) {
        std::vector<std::string> keys;
        for (const auto& o : model.outputs) keys.push_back(o.key);
        std::sort(keys.begin(), keys.end());
        meta["structuredOutputKeys"] = keys;
    }
    if (!meta.empty()) j["userDefinedMetadata"] = meta;
    j["weightsManifest"] = nlohmann::ordered_json::array();
    return j;
}

Status write_graph_model(const ir::Model& model, const std::filesystem::path& dir, const GraphModelOptions& options,
                         const Progress& progress) {
    progress.report(0.0, "Building model.json");
    std::vector<WeightGroup> groups(1);
    auto j = graph_model_json(model, options, groups[0]);
    if (!j) return j.error();
    if (progress.cancelled()) return Error{dir.string(), {}, "cancelled"};
    progress.report(0.2, "Writing weight shards");
    auto manifest = write_weights(groups, dir, options.weights);
    if (!manifest) return Error{manifest.error().file.empty() ? dir.string() : manifest.error().file,
                                manifest.error().item, manifest.error().message};
    if (progress.cancelled()) return Error{dir.string(), {}, "cancelled"};
    (*j)["weightsManifest"] = std::move(*manifest);
    const auto path = dir / "model.json";
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    const std::string text = dump_python_json(*j);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) return Error{path.string(), {}, "write failed"};
    progress.report(1.0, "Export written");
    return Ok{};
}

}  // namespace wb::exporter
