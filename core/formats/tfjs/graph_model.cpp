// SPDX-License-Identifier: Apache-2.0
// TensorFlow.js graph model: modelTopology is a GraphDef in protobuf's JSON mapping (spec §2.2);
// every Const takes its value from the weight of the same name (spec §2.3, §8.2).
#include <google/protobuf/util/json_util.h>

#include <unordered_map>

#include "formats/graphdef/graphdef_proto.h"
#include "formats/tfjs/signature.h"
#include "formats/tfjs/tfjs_readers.h"

namespace wb::formats::tfjs {

namespace {

using WeightMap = std::unordered_map<std::string, const ir::Tensor*>;

// Puts weights into Const nodes. A Const without a weight keeps the (zero) tensor its
// topology declares; tfjs would fail on it at run time, so it is reported as a warning.
Status fill_consts(std::vector<ir::Node>& nodes, const WeightMap& weights, const std::string& file,
                   std::vector<std::string>& missing) {
    for (auto& node : nodes) {
        if (!node.is_const()) continue;
        auto it = weights.find(node.name);
        if (it == weights.end()) {
            missing.push_back(node.name);
            continue;
        }
        const std::string item = "node '" + node.name + "'";
        const ir::Tensor* declared = ir::attr_tensor(node.attrs, "value");
        ir::DType to = declared ? declared->dtype() : ir::attr_type(node.attrs, "dtype", it->second->dtype());
        if (declared && declared->shape() != it->second->shape())
            return Error{file, item, "the weight has shape " + it->second->shape().to_string() +
                                         " but the Const declares " + declared->shape().to_string()};
        auto value = cast_weight(*it->second, to, item);
        if (!value) {
            Error e = value.error();
            e.file = file;
            return e;
        }
        node.attrs["value"] = std::move(*value);
    }
    return Ok{};
}

}  // namespace

Expected<ir::Model> build_graph_model(const std::filesystem::path& path, const ModelJson& json, LoadedWeights weights) {
    const std::string file = path.string();
    const auto& doc = json.doc;
    tensorflow::GraphDef proto;
    if (doc.contains("modelTopology") && doc["modelTopology"].is_object()) {
        google::protobuf::util::JsonParseOptions options;
        options.ignore_unknown_fields = true;  // newer converters may add fields we do not model
        nlohmann::ordered_json topology = doc["modelTopology"];
        rewrite_legacy_bytes(topology);
        auto status = google::protobuf::util::JsonStringToMessage(topology.dump(), &proto, options);
        if (!status.ok())
            return Error{file, "modelTopology", "not a GraphDef in protobuf JSON form: " + std::string(status.message())};
    }
    auto graph = graph_from_proto(proto);
    if (!graph) {
        Error e = graph.error();
        e.file = file;
        return e;
    }
    ir::Model model;
    model.format = "tfjs_graph_model";
    model.source_path = file;
    model.graph = std::move(*graph);
    WeightMap map;
    for (const auto& [name, tensor] : weights.tensors) map.emplace(name, &tensor);
    std::vector<std::string> missing;
    if (auto st = fill_consts(model.graph.nodes(), map, file, missing); !st) return st.error();
    for (auto& fn : model.graph.functions)
        if (auto st = fill_consts(fn.nodes, map, file, missing); !st) return st.error();
    if (!missing.empty())
        model.warnings.push_back(std::to_string(missing.size()) + " Const node(s) have no weight in the manifest, first '" +
                                 missing.front() + "': they hold zeros");
    if (doc.contains("modelInitializer") && doc["modelInitializer"].is_object())
        model.warnings.push_back("modelInitializer graph (hash-table initialisation) is not loaded");
    model.weights = std::move(weights.infos);
    model.topology_only = weights.topology_only;
    for (auto& w : weights.warnings) model.warnings.push_back(std::move(w));

    nlohmann::ordered_json signature = doc.contains("signature") ? doc["signature"] : nlohmann::ordered_json();
    if (doc.contains("userDefinedMetadata") && doc["userDefinedMetadata"].is_object()) {
        for (const auto& [key, value] : doc["userDefinedMetadata"].items()) model.user_metadata_json[key] = value.dump();
        if (doc["userDefinedMetadata"].contains("signature")) signature = doc["userDefinedMetadata"]["signature"];
    }
    apply_signature(model, signature);
    return model;
}

}  // namespace wb::formats::tfjs
