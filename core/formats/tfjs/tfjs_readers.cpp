// SPDX-License-Identifier: Apache-2.0
#include "formats/tfjs/tfjs_readers.h"

#include "formats/file_util.h"

namespace wb::formats {

namespace {

// A tfjs model is a folder as much as a file: `tfjs-wb run web_model/` means web_model/model.json,
// as TensorFlow.js's own tools write it. A folder that is also a SavedModel stays a SavedModel.
std::filesystem::path model_json_of(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) return path;
    if (std::filesystem::exists(path / "saved_model.pb", ec) || std::filesystem::exists(path / "saved_model.pbtxt", ec))
        return path;
    return path / "model.json";
}

// Cheap look at the first KiBs of a model.json: which kind it declares or its topology shows.
// Returns {graph score, layers score}.
std::pair<double, double> probe_kinds(const std::filesystem::path& given) {
    const std::filesystem::path path = model_json_of(given);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec) || lower_extension(path) != ".json") return {0, 0};
    const std::string head = read_head(path, 4096);
    auto pos = head.find_first_not_of(" \t\r\n");
    if (pos == std::string::npos || head[pos] != '{') return {0, 0};
    if (head.find("\"graph-model\"") != std::string::npos) return {0.95, 0};
    if (head.find("\"layers-model\"") != std::string::npos) return {0, 0.95};
    const bool tfjs = head.find("\"modelTopology\"") != std::string::npos ||
                      head.find("\"weightsManifest\"") != std::string::npos;
    if (!tfjs) return {0, 0};
    if (head.find("\"node\"") != std::string::npos) return {0.8, 0.1};
    if (head.find("\"class_name\"") != std::string::npos || head.find("\"keras_version\"") != std::string::npos ||
        head.find("\"model_config\"") != std::string::npos)
        return {0.1, 0.8};
    return {0.5, 0.45};  // both readers handle both kinds; read() decides from the whole file
}

// Both readers share this: the kind is decided from the whole file, not from which reader won.
Expected<ir::Model> read_tfjs(const std::filesystem::path& given, const ReadOptions& options, const Progress& progress) {
    const std::filesystem::path path = model_json_of(given);
    progress.report(0.0, "reading " + path.filename().string());
    auto json = tfjs::parse_model_json(path);
    if (!json) return json.error();
    const auto& doc = json->doc;
    std::vector<tfjs::WeightGroup> groups;
    if (doc.contains("weightsManifest") && !doc["weightsManifest"].is_null()) {
        auto parsed = tfjs::parse_manifest(doc["weightsManifest"], path);
        if (!parsed) return parsed.error();
        groups = std::move(*parsed);
    }
    progress.report(0.2, "reading weights");
    auto weights = tfjs::load_weights(groups, path, options.topology_only, progress);
    if (!weights) return weights.error();
    auto model = json->kind == tfjs::ModelKind::Graph ? tfjs::build_graph_model(path, *json, std::move(*weights))
                                                      : tfjs::build_layers_model(path, *json, std::move(*weights));
    if (!model) return model;
    if (doc.contains("generatedBy") && doc["generatedBy"].is_string()) model->generated_by = doc["generatedBy"].get<std::string>();
    if (doc.contains("convertedBy") && doc["convertedBy"].is_string()) model->converted_by = doc["convertedBy"].get<std::string>();
    progress.report(1.0, "done");
    return model;
}

class TfjsGraphModelReader : public Reader {
public:
    std::string_view name() const override { return "tfjs_graph_model"; }
    std::string_view description() const override { return "TensorFlow.js graph model (model.json + shards)"; }
    std::vector<std::string> patterns() const override { return {"*.json"}; }
    double probe(const std::filesystem::path& path) const override { return probe_kinds(path).first; }
    Expected<ir::Model> read(const std::filesystem::path& path, const ReadOptions& options,
                             const Progress& progress) const override {
        return read_tfjs(path, options, progress);
    }
};

class TfjsLayersModelReader : public Reader {
public:
    std::string_view name() const override { return "tfjs_layers_model"; }
    std::string_view description() const override { return "TensorFlow.js layers model (Keras model.json + shards)"; }
    std::vector<std::string> patterns() const override { return {"*.json"}; }
    double probe(const std::filesystem::path& path) const override { return probe_kinds(path).second; }
    Expected<ir::Model> read(const std::filesystem::path& path, const ReadOptions& options,
                             const Progress& progress) const override {
        return read_tfjs(path, options, progress);
    }
};

}  // namespace

std::unique_ptr<Reader> make_tfjs_graph_model_reader() { return std::make_unique<TfjsGraphModelReader>(); }
std::unique_ptr<Reader> make_tfjs_layers_model_reader() { return std::make_unique<TfjsLayersModelReader>(); }

}  // namespace wb::formats
