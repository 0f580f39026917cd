// SPDX-License-Identifier: Apache-2.0
#include "formats/keras_h5/keras_h5_reader.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "formats/keras_h5/isolated_read.h"
#include "formats/keras_h5/keras_topology.h"
#include "formats/keras_h5/lower_model.h"
#include "formats/keras_v3/keras_v3_reader.h"

namespace wb::formats {

using json = nlohmann::json;

Expected<keras::KerasArchive> read_keras_archive(const std::filesystem::path& path,
                                                 const std::filesystem::path& topology_json, bool skip_weights) {
    const std::string file = path.string();
    if (path.extension() == ".keras") return keras_v3::read_keras_v3_archive(path, skip_weights);
    // libhdf5 runs in a sandboxed child (isolated_read.h); JSON and lowering stay here.
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    auto raw = keras::read_isolated(file, keras::isolation_limits(ec ? 0 : size), [&]() -> Expected<keras::RawArchive> {
        auto f = h5::File::open(file);
        if (!f) return f.error();
        return keras::read_raw_archive(*f, file, skip_weights);
    });
    if (!raw) return raw.error();
    auto a = keras::finish_archive(std::move(*raw), file);
    if (!a) return a.error();
    if (!topology_json.empty()) {
        std::ifstream in(topology_json, std::ios::binary);
        if (!in) return Error{topology_json.string(), "", "cannot open the topology JSON"};
        std::stringstream ss;
        ss << in.rdbuf();
        auto j = keras::parse_json_attr(ss.str(), topology_json.string(), "topology");
        if (!j) return j.error();
        if (j->is_object() && j->contains("model_config")) {  // a tfjs-style topology wrapper
            if (j->contains("keras_version") && (*j)["keras_version"].is_string())
                a->keras_version = (*j)["keras_version"].get<std::string>();
            *j = (*j)["model_config"];
        }
        if (j->is_object() && a->keras_version.empty() && j->contains("keras_version") && (*j)["keras_version"].is_string())
            a->keras_version = (*j)["keras_version"].get<std::string>();
        if (j->is_object() && a->backend.empty() && j->contains("backend") && (*j)["backend"].is_string())
            a->backend = (*j)["backend"].get<std::string>();
        keras::apply_class_renames(*j);
        a->model_config = std::move(*j);
        // Keep the file's key order for the layers-model export.
        auto ordered = nlohmann::ordered_json::parse(ss.str(), nullptr, false);
        if (ordered.is_object() && ordered.contains("model_config")) ordered = ordered["model_config"];
        a->model_config_text = ordered.is_discarded() ? a->model_config.dump() : ordered.dump();
    }
    return a;
}

json keras_topology(const keras::KerasArchive& a) {
    if (a.model_config.is_null()) return json();
    json t = json::object();
    t["keras_version"] = a.keras_version;
    t["backend"] = a.backend;
    t["model_config"] = a.model_config;
    if (!a.training_config.is_null()) t["training_config"] = a.training_config;
    return t;
}

Expected<ir::Model> keras_model_from_archive(const keras::KerasArchive& a, const std::string& file,
                                             const std::string& format, bool topology_only) {
    ir::Model m;
    m.format = format;
    m.source_path = file;
    m.generated_by = a.keras_version.empty() ? std::string() : "keras v" + a.keras_version;
    m.topology_only = topology_only;
    if (a.model_config.is_null()) {
        m.warnings.push_back("weights-only Keras file without a topology: weights are shown as constants");
        keras::weights_as_constants(a, m);
        return m;
    }
    m.keras_topology_json = keras_topology(a).dump();
    auto spec = keras::parse_model(a.model_config, file);
    if (!spec) return spec.error();
    if (auto st = keras::lower_model(**spec, a, file, m); !st) return st.error();
    if (topology_only) m.warnings.push_back("weights absent: topology only");
    return m;
}

Expected<ir::Model> read_keras_h5(const std::filesystem::path& path, const std::filesystem::path& topology_json,
                                  const ReadOptions& options) {
    auto a = read_keras_archive(path, topology_json, options.topology_only);
    if (!a) return a.error();
    return keras_model_from_archive(*a, path.string(), "keras", options.topology_only);
}

Expected<ir::Model> lower_keras_topology(const ir::Model& source) {
    if (source.keras_topology_json.empty())
        return Error{source.source_path, "modelTopology", "no Keras topology to lower (weights only)"};
    auto topo = keras::parse_json_attr(source.keras_topology_json, source.source_path, "modelTopology");
    if (!topo) return topo.error();
    keras::KerasArchive a;
    json& t = *topo;
    if (t.is_object() && t.contains("model_config")) {
        if (t.contains("keras_version") && t["keras_version"].is_string()) a.keras_version = t["keras_version"].get<std::string>();
        if (t.contains("backend") && t["backend"].is_string()) a.backend = t["backend"].get<std::string>();
        a.model_config = t["model_config"];
    } else {
        a.model_config = t;
    }
    keras::apply_class_renames(a.model_config);
    a.model_config_text = a.model_config.dump();
    // A tfjs-layers keras_version ("tfjs-layers 4.x") is not a Keras major version.
    if (!a.keras_version.empty() && !std::isdigit(static_cast<unsigned char>(a.keras_version[0]))) a.keras_version = "2";
    for (const auto& n : source.graph.nodes()) {
        if (!n.is_const()) continue;
        const ir::Tensor* v = ir::attr_tensor(n.attrs, "value");
        if (!v) continue;
        ir::Tensor value = *v;
        if (value.dtype() != ir::DType::Float32) {
            ir::Tensor f(ir::DType::Float32, value.shape());
            for (int64_t i = 0; i < value.num_elements(); ++i) f.data<float>()[i] = float(value.value_as_double(i));
            value = f;
        }
        std::string layer = n.name.substr(0, n.name.find('/'));
        auto it = std::find_if(a.layers.begin(), a.layers.end(), [&](const auto& l) { return l.layer == layer; });
        if (it == a.layers.end()) it = a.layers.insert(a.layers.end(), {layer, {}});
        it->weights.push_back({n.name, value});
    }
    auto m = keras_model_from_archive(a, source.source_path, source.format, false);
    if (!m) return m.error();
    m->generated_by = source.generated_by;
    m->converted_by = source.converted_by;
    m->keras_topology_json = source.keras_topology_json;
    m->user_metadata_json = source.user_metadata_json;
    return m;
}

namespace {

class KerasH5Reader : public Reader {
public:
    std::string_view name() const override { return "keras"; }
    std::string_view description() const override { return "Keras HDF5 model or weights (.h5)"; }
    std::vector<std::string> patterns() const override { return {"*.h5", "*.hdf5", "*.keras.h5"}; }
    double probe(const std::filesystem::path& path) const override {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) return 0.0;
        if (!h5::has_hdf5_signature(path.string())) return 0.0;
        auto ext = path.extension().string();
        return (ext == ".h5" || ext == ".hdf5") ? 0.9 : 0.6;
    }
    Expected<ir::Model> read(const std::filesystem::path& path, const ReadOptions& options,
                             const Progress& progress) const override {
        progress.report(0.0, "reading Keras HDF5");
        auto m = read_keras_h5(path, {}, options);
        progress.report(1.0, "done");
        return m;
    }
};

}  // namespace

std::unique_ptr<Reader> make_keras_h5_reader() { return std::make_unique<KerasH5Reader>(); }

}  // namespace wb::formats
