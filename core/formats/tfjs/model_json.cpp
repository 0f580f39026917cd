// SPDX-License-Identifier: Apache-2.0
#include "formats/file_util.h"
#include "formats/tfjs/tfjs_readers.h"

namespace wb::formats::tfjs {

Expected<ModelJson> parse_model_json(const std::filesystem::path& path) {
    const std::string file = path.string();
    auto text = read_file(path, std::size_t{1} << 30);
    if (!text) return text.error();
    ModelJson out;
    try {
        out.doc = nlohmann::ordered_json::parse(*text);
    } catch (const nlohmann::json::parse_error& e) {
        return Error{file, "byte " + std::to_string(e.byte), std::string("not valid JSON: ") + e.what()};
    }
    const auto& doc = out.doc;
    if (!doc.is_object()) return Error{file, "", "model.json must be a JSON object"};
    const bool has_topology = doc.contains("modelTopology") && !doc["modelTopology"].is_null();
    const bool has_manifest = doc.contains("weightsManifest") && !doc["weightsManifest"].is_null();
    // Same condition and wording as tfjs http.ts loadModelJSON.
    if (!has_topology && !has_manifest)
        return Error{file, "", "model.json contains neither model topology or manifest for weights"};
    const std::string format = doc.contains("format") && doc["format"].is_string() ? doc["format"].get<std::string>() : "";
    if (format == "graph-model") {
        out.kind = ModelKind::Graph;
    } else if (format == "layers-model") {
        out.kind = ModelKind::Layers;
    } else if (!format.empty()) {
        return Error{file, "format", "unknown model format '" + format + "' (expected graph-model or layers-model)"};
    } else {
        // Files from old converters carry no "format": a GraphDef has "node", Keras has configs.
        const auto& topo = has_topology ? doc["modelTopology"] : nlohmann::ordered_json();
        out.kind = topo.is_object() && (topo.contains("node") || topo.contains("library")) ? ModelKind::Graph
                                                                                          : ModelKind::Layers;
    }
    if (has_topology && !doc["modelTopology"].is_object())
        return Error{file, "modelTopology", "must be a JSON object"};
    return out;
}

}  // namespace wb::formats::tfjs
