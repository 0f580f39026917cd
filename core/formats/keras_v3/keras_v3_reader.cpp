// SPDX-License-Identifier: Apache-2.0
#include "formats/keras_v3/keras_v3_reader.h"

#include <zip.h>

#include <fstream>

#include "formats/keras_h5/keras_h5_reader.h"

namespace wb::formats::keras_v3 {
namespace {

using json = nlohmann::json;

constexpr zip_uint64_t kMaxMember = zip_uint64_t(4) << 30;  // refuse zip bombs

struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};

Expected<std::vector<std::byte>> member(zip_t* z, const char* name, const std::string& file, bool required) {
    zip_int64_t idx = zip_name_locate(z, name, 0);
    if (idx < 0) {
        if (!required) return std::vector<std::byte>{};
        return Error{file, std::string("zip member '") + name + "'", "missing from the .keras archive"};
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, zip_uint64_t(idx), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > kMaxMember)
        return Error{file, std::string("zip member '") + name + "'", "unreadable or too large"};
    zip_file_t* f = zip_fopen_index(z, zip_uint64_t(idx), 0);
    if (!f) return Error{file, std::string("zip member '") + name + "'", "cannot be opened (encrypted or damaged?)"};
    std::vector<std::byte> data(st.size);
    zip_int64_t got = data.empty() ? 0 : zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    if (got < 0 || zip_uint64_t(got) != st.size)
        return Error{file, std::string("zip member '") + name + "'", "truncated or damaged (CRC/size mismatch)"};
    return data;
}

void strip_keras3_keys(json& j) {
    if (j.is_object()) {
        for (const char* k : {"module", "registered_name", "date_saved"}) j.erase(k);
        for (auto& [k, v] : j.items()) strip_keras3_keys(v);
    } else if (j.is_array()) {
        for (auto& v : j) strip_keras3_keys(v);
    }
}

// Depth-first: the first group holding datasets yields all of them, named by full path.
Status walk(const h5::Group& g, const std::string& prefix, std::vector<keras::KerasWeight>& out) {
    auto children = g.children();
    if (!children) return children.error();
    bool has_data = false;
    for (const auto& c : *children) has_data = has_data || g.is_dataset(c);
    if (has_data) {
        for (const auto& c : *children) {
            if (!g.is_dataset(c)) continue;
            auto t = g.read_float_dataset(c);
            if (!t) return t.error();
            out.push_back({prefix + c, std::move(*t)});
        }
        return Ok{};
    }
    for (const auto& c : *children) {
        if (!g.is_group(c)) continue;
        auto sub = g.group(c);
        if (!sub) return sub.error();
        if (auto st = walk(*sub, prefix + c + "/", out); !st) return st;
    }
    return Ok{};
}

}  // namespace

Expected<keras::KerasArchive> read_keras_v3_archive(const std::filesystem::path& path, bool skip_weights) {
    const std::string file = path.string();
    int err = 0;
    std::unique_ptr<zip_t, ZipCloser> z(zip_open(file.c_str(), ZIP_RDONLY, &err));
    if (!z) return Error{file, "", "not a readable zip archive (libzip error " + std::to_string(err) + ")"};
    keras::KerasArchive a;
    auto cfg = member(z.get(), "config.json", file, true);
    if (!cfg) return cfg.error();
    auto cj = keras::parse_json_attr(std::string(reinterpret_cast<const char*>(cfg->data()), cfg->size()), file, "config.json");
    if (!cj) return cj.error();
    a.model_config = std::move(*cj);
    a.model_config_text.assign(reinterpret_cast<const char*>(cfg->data()), cfg->size());
    strip_keras3_keys(a.model_config);
    keras::apply_class_renames(a.model_config);
    auto meta = member(z.get(), "metadata.json", file, false);
    if (!meta) return meta.error();
    if (!meta->empty()) {
        auto mj = keras::parse_json_attr(std::string(reinterpret_cast<const char*>(meta->data()), meta->size()), file, "metadata.json");
        if (!mj) return mj.error();
        a.keras_version = mj->value("keras_version", std::string());
    }
    if (skip_weights) return a;
    auto weights = member(z.get(), "model.weights.h5", file, true);
    if (!weights) return weights.error();
    auto h = h5::File::open_image(std::move(*weights), file + "!model.weights.h5");
    if (!h) return h.error();
    h5::Group root = h->root();
    if (root.has_attr("training_config")) {
        auto t = root.attr_string("training_config");
        if (t) {
            auto tj = keras::parse_json_attr(*t, file, "training_config");
            if (tj) {
                a.training_config = *tj;
                a.training_config_text = *t;
            }
        }
    }
    std::vector<keras::KerasWeight> all;
    if (auto st = walk(root, "", all); !st) return st.error();
    // Group by top-level layer ("layers/<name>/...") for lowering; order stays the walk order.
    for (auto& w : all) {
        std::string layer = w.name;
        if (layer.rfind("layers/", 0) == 0) layer = layer.substr(7);
        layer = layer.substr(0, layer.find('/'));
        if (a.layers.empty() || a.layers.back().layer != layer) a.layers.push_back({layer, {}});
        a.layers.back().weights.push_back(std::move(w));
    }
    return a;
}

}  // namespace wb::formats::keras_v3

namespace wb::formats {
namespace {

class KerasV3Reader : public Reader {
public:
    std::string_view name() const override { return "keras_keras"; }
    std::string_view description() const override { return "Keras 3 model (.keras zip)"; }
    std::vector<std::string> patterns() const override { return {"*.keras"}; }
    double probe(const std::filesystem::path& path) const override {
        std::ifstream in(path, std::ios::binary);
        char sig[4] = {};
        if (!in.read(sig, 4) || sig[0] != 'P' || sig[1] != 'K' || sig[2] != 3 || sig[3] != 4) return 0.0;
        return path.extension() == ".keras" ? 0.95 : 0.0;
    }
    Expected<ir::Model> read(const std::filesystem::path& path, const ReadOptions& options,
                             const Progress& progress) const override {
        progress.report(0.0, "reading .keras archive");
        auto a = keras_v3::read_keras_v3_archive(path, options.topology_only);
        if (!a) return a.error();
        return keras_model_from_archive(*a, path.string(), "keras_keras", options.topology_only);
    }
};

}  // namespace

std::unique_ptr<Reader> make_keras_v3_reader() { return std::make_unique<KerasV3Reader>(); }

}  // namespace wb::formats
