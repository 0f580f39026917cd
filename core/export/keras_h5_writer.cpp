// SPDX-License-Identifier: Apache-2.0
// The layout of tf_keras' save_model_to_hdf5 / save_weights_to_hdf5_group (legacy/hdf5_format.py),
// which is what tensorflowjs_converter's tfjs_layers_model → keras route runs after rebuilding the
// model. Attribute types follow h5py (see h5_write.h); checked against Keras files of the corpus.
#include "export/keras_h5_writer.h"

#include <unistd.h>

#include <atomic>
#include <map>
#include <set>

#include "export/h5_write.h"

namespace wb::exporter {
namespace {

namespace fk = formats::keras;

// h5py refuses attributes above the object-header limit; Keras splits long lists into
// name0, name1, ... (HDF5_OBJECT_HEADER_LIMIT in hdf5_format.py).
constexpr std::size_t kHeaderLimit = 64512;
// A model.json holding a bare model config has no keras_version / backend; Keras writes its own
// there, and any 2.x version makes Keras and our reader treat the file as Keras 2.
constexpr const char* kFallbackKerasVersion = "2.15.0";
constexpr const char* kFallbackBackend = "tensorflow";

std::string layer_name(const nlohmann::json& layer) {
    if (layer.contains("name") && layer["name"].is_string()) return layer["name"];
    if (layer.contains("config") && layer["config"].is_object() && layer["config"].contains("name") &&
        layer["config"]["name"].is_string())
        return layer["config"]["name"];
    return {};
}

// config.layers of a Functional/Sequential config, or the old Sequential form (config is a list).
const nlohmann::json* layers_of(const nlohmann::json& model) {
    if (!model.is_object() || !model.contains("config")) return nullptr;
    const auto& c = model["config"];
    if (c.is_array()) return &c;
    if (c.is_object() && c.contains("layers") && c["layers"].is_array()) return &c["layers"];
    return nullptr;
}

// Which top-level layer owns each weight: a layers model names weights by variable, whose first
// component is the layer, a sub-layer of a nested model, or the layer uniquified by TF ("dense_1"
// for layer "dense" when the model was built twice, as in Keras files of the corpus).
struct LayerPlan {
    std::vector<std::string> names;  // model.layers order (Sequential: without its InputLayer)
    std::map<std::string, std::vector<const fk::KerasWeight*>> weights;
};

void collect_nested(const nlohmann::json& model, const std::string& owner, std::map<std::string, std::string>& out) {
    if (const auto* layers = layers_of(model))
        for (const auto& l : *layers) {
            out.emplace(layer_name(l), owner);
            collect_nested(l, owner, out);
        }
}

Expected<LayerPlan> plan_layers(const fk::KerasArchive& archive, const std::string& file) {
    LayerPlan plan;
    const auto* layers = layers_of(archive.model_config);
    if (!layers) return Error{file, "modelTopology.model_config", "has no layer list"};
    const bool sequential = archive.model_config.value("class_name", std::string()) == "Sequential";
    std::set<std::string> top;
    std::map<std::string, std::string> nested;
    for (const auto& l : *layers) {
        const std::string name = layer_name(l);
        if (name.empty()) return Error{file, "modelTopology.model_config", "a layer has no name"};
        if (sequential && l.value("class_name", std::string()) == "InputLayer") continue;
        if (!top.insert(name).second) return Error{file, "layer '" + name + "'", "layer name used twice"};
        plan.names.push_back(name);
        collect_nested(l, name, nested);
    }
    auto owner_of = [&](const std::string& first) -> std::string {
        if (top.count(first)) return first;
        if (auto it = nested.find(first); it != nested.end()) return it->second;
        const auto cut = first.find_last_of('_');
        if (cut != std::string::npos && cut + 1 < first.size() &&
            first.find_first_not_of("0123456789", cut + 1) == std::string::npos && top.count(first.substr(0, cut)))
            return first.substr(0, cut);
        return {};
    };
    for (const auto& group : archive.layers)
        for (const auto& w : group.weights) {
            const std::string owner = owner_of(w.name.substr(0, w.name.find('/')));
            if (owner.empty()) return Error{file, "weight '" + w.name + "'", "belongs to no layer of the model topology"};
            plan.weights[owner].push_back(&w);
        }
    return plan;
}

// save_attributes_to_hdf5_group: one attribute, or numpy.array_split chunks name0.. when too long.
Status string_list_attr(h5w::Writer& w, const h5w::Object& on, const std::string& where, const std::string& name,
                        const std::vector<std::string>& values) {
    std::size_t width = 1;
    for (const auto& v : values) width = std::max(width, v.size());
    if (width > kHeaderLimit) return Error{{}, where, "attribute '" + name + "' holds a name longer than 64512 bytes"};
    std::size_t chunks = 1;
    while (chunks < values.size() && (values.size() + chunks - 1) / chunks * width > kHeaderLimit) ++chunks;
    if (chunks == 1) return w.attr_string_list(on, where, name, values);
    const std::size_t base = values.size() / chunks, extra = values.size() % chunks;
    std::size_t at = 0;
    for (std::size_t c = 0; c < chunks; ++c) {
        const std::size_t n = base + (c < extra ? 1 : 0);
        std::vector<std::string> part(values.begin() + long(at), values.begin() + long(at + n));
        if (auto st = w.attr_string_list(on, where, name + std::to_string(c), part, width); !st) return st;
        at += n;
    }
    return Ok{};
}

// tfjs-layers saves its topology as the bare model config with its own keras_version ("tfjs-layers
// x.y") and backend ("tensor_flow.js") beside class_name; Keras' model_config has neither (and the
// root attributes then get the fallback Keras 2 version).
std::string model_config_text(const fk::KerasArchive& archive) {
    if (archive.model_config_text.empty()) return archive.model_config.dump();
    if (!archive.model_config.is_object() ||
        (!archive.model_config.contains("keras_version") && !archive.model_config.contains("backend")))
        return archive.model_config_text;
    auto ordered = nlohmann::ordered_json::parse(archive.model_config_text);
    ordered.erase("keras_version");
    ordered.erase("backend");
    return ordered.dump();
}

Status write_file(const fk::KerasArchive& archive, const LayerPlan& plan, const std::string& path, const Progress& progress) {
    auto w = h5w::Writer::create(path);
    if (!w) return w.error();
    const h5w::Object& root = w->root();
    const std::string model_config = model_config_text(archive);
    const std::string version = archive.keras_version.empty() ? kFallbackKerasVersion : archive.keras_version;
    const std::string backend = archive.backend.empty() ? kFallbackBackend : archive.backend;
    for (const auto& [name, value] : {std::pair<const char*, std::string>{"keras_version", version}, {"backend", backend},
                                      {"model_config", model_config}})
        if (auto st = w->attr_string(root, "/", name, value); !st) return st;
    if (!archive.training_config_text.empty())
        if (auto st = w->attr_string(root, "/", "training_config", archive.training_config_text); !st) return st;

    auto weights_group = w->create_group(root, "/", "model_weights");
    if (!weights_group) return weights_group.error();
    const std::string where = "/model_weights";
    if (auto st = string_list_attr(*w, *weights_group, where, "layer_names", plan.names); !st) return st;
    if (auto st = w->attr_string(*weights_group, where, "backend", backend); !st) return st;
    if (auto st = w->attr_string(*weights_group, where, "keras_version", version); !st) return st;
    for (std::size_t l = 0; l < plan.names.size(); ++l) {
        const std::string& layer = plan.names[l];
        if (progress.cancelled()) return Error{path, "", "cancelled"};
        progress.report(double(l) / double(plan.names.size()), "writing layer " + layer);
        auto g = w->create_group(*weights_group, where, layer);
        if (!g) return g.error();
        std::vector<std::string> names;
        auto it = plan.weights.find(layer);
        if (it != plan.weights.end())
            for (const auto* weight : it->second) names.push_back(weight->name + ":0");
        if (auto st = string_list_attr(*w, *g, where + "/" + layer, "weight_names", names); !st) return st;
        for (std::size_t i = 0; i < names.size(); ++i)
            if (auto st = w->dataset(*g, where + "/" + layer, names[i], it->second[i]->value); !st) return st;
    }
    if (progress.cancelled()) return Error{path, "", "cancelled"};
    return w->close();
}

std::filesystem::path temp_sibling(const std::filesystem::path& output) {
    static std::atomic<int> counter{0};
    std::string name = output.filename().string();
    name.insert(name.begin(), '.');  // hidden; written as one expression GCC 12 warns falsely (-Wrestrict)
    name += ".tmp-" + std::to_string(getpid()) + "-" + std::to_string(counter++);
    return output.parent_path() / name;
}

}  // namespace

Status write_keras_h5(const fk::KerasArchive& archive, const std::filesystem::path& output,
                      const std::filesystem::path& source, const Progress& progress) {
    namespace fs = std::filesystem;
    const std::string file = source.empty() ? output.string() : source.string();
    if (archive.model_config.is_null() || archive.weights_only)
        return Error{file, "modelTopology", "a Keras .h5 needs the model topology; this model holds weights only"};
    std::error_code ec;
    if (fs::is_directory(output, ec)) return Error{output.string(), "", "the output of a Keras .h5 must be a file, not a folder"};
    if (!source.empty() && fs::exists(output, ec) && fs::equivalent(output, source, ec))
        return Error{output.string(), "", "the output would overwrite the input"};
    auto plan = plan_layers(archive, file);
    if (!plan) return plan.error();
    const fs::path absolute = fs::absolute(output, ec);
    if (!absolute.parent_path().empty()) fs::create_directories(absolute.parent_path(), ec);
    if (ec) return Error{output.string(), "", "cannot create the parent folder: " + ec.message()};
    const fs::path temp = temp_sibling(absolute);
    Status st = write_file(archive, *plan, temp.string(), progress);
    if (st) {
        fs::rename(temp, absolute, ec);
        if (ec) st = Error{output.string(), "", "cannot move the finished file into place: " + ec.message()};
    }
    if (!st) {
        fs::remove(temp, ec);
        Error e = st.error();
        if (e.file == temp.string()) e.file = output.string();  // name the file the user asked for
        return e;
    }
    return Ok{};
}

}  // namespace wb::exporter
