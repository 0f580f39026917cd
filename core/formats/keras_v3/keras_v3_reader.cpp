// SPDX-License-Identifier: Apache-2.0
#include "formats/keras_v3/keras_v3_reader.h"

#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <fstream>
#include <set>

#include "formats/keras_h5/isolated_read.h"
#include "formats/keras_h5/keras_h5_reader.h"

namespace wb::formats::keras_v3 {
namespace {

using json = nlohmann::json;

// Deflate expands at most 1032:1; a member declaring more is lying (a zip bomb) and is refused
// before anything is allocated, as is one declaring more than the archive or the machine holds.
constexpr zip_uint64_t kMaxDeflateRatio = 1032;

struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};

std::string entry_item(const std::string& name) { return "zip entry '" + name + "'"; }

bool leaves_archive(const std::string& name) {
    const bool drive = name.size() >= 2 && name[1] == ':';  // "C:/x"
    if (name.empty() || name[0] == '/' || name.find('\\') != std::string::npos || drive) return true;
    for (std::size_t start = 0; start <= name.size();) {
        std::size_t end = std::min(name.find('/', start), name.size());
        if (name.compare(start, end - start, "..") == 0) return true;
        start = end + 1;
    }
    return false;
}

// Every entry, not only the three we read: an archive holding '..', absolute or symlink entries
// or one name twice (readers disagree on which copy counts) is refused as a whole.
Status check_entries(zip_t* z, const std::string& file) {
    const zip_int64_t n = zip_get_num_entries(z, 0);
    std::set<std::string> seen;
    for (zip_int64_t i = 0; i < n; ++i) {
        const char* raw = zip_get_name(z, zip_uint64_t(i), ZIP_FL_ENC_RAW);
        if (!raw) return Error{file, "zip entry #" + std::to_string(i), "has no readable name"};
        const std::string name(raw);
        if (leaves_archive(name))
            return Error{file, entry_item(name), "path is absolute or climbs out with '..'; refusing the archive"};
        if (!seen.insert(name).second)
            return Error{file, entry_item(name), "appears more than once in the archive"};
        zip_uint8_t opsys = 0;
        zip_uint32_t attributes = 0;
        if (zip_file_get_external_attributes(z, zip_uint64_t(i), 0, &opsys, &attributes) == 0 &&
            opsys == ZIP_OPSYS_UNIX && S_ISLNK(attributes >> 16))
            return Error{file, entry_item(name), "is a symbolic link; a .keras archive holds plain files only"};
    }
    return Ok{};
}

Status check_sizes(const zip_stat_t& st, const std::string& file, const std::string& item) {
    const zip_uint64_t need = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD;
    if ((st.valid & need) != need) return Error{file, item, "sizes unreadable"};
    std::error_code ec;
    const auto archive_size = std::filesystem::file_size(file, ec);
    const auto memory = zip_uint64_t(sysconf(_SC_PHYS_PAGES)) * zip_uint64_t(sysconf(_SC_PAGE_SIZE));
    const std::string declares = "declares " + std::to_string(st.size) + " bytes from " +
                                 std::to_string(st.comp_size) + " compressed bytes";
    if (!ec && st.comp_size > archive_size)
        return Error{file, item, declares + ", more than the archive holds (" + std::to_string(archive_size) + " bytes)"};
    if (st.comp_method == ZIP_CM_STORE && st.size != st.comp_size)
        return Error{file, item, declares + " but is stored uncompressed"};
    if (st.comp_method == ZIP_CM_DEFLATE && st.size / kMaxDeflateRatio > st.comp_size)
        return Error{file, item, declares + ", more than deflate can expand (zip bomb?)"};
    if (memory > 0 && st.size > memory / 2)
        return Error{file, item, declares + ", more than half of this machine's memory"};
    return Ok{};
}

Expected<std::vector<std::byte>> member(zip_t* z, const char* name, const std::string& file, bool required) {
    zip_int64_t idx = zip_name_locate(z, name, 0);
    if (idx < 0) {
        if (!required) return std::vector<std::byte>{};
        return Error{file, entry_item(name), "missing from the .keras archive"};
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, zip_uint64_t(idx), 0, &st) != 0) return Error{file, entry_item(name), "unreadable"};
    if (auto sizes = check_sizes(st, file, entry_item(name)); !sizes) return sizes.error();
    zip_file_t* f = zip_fopen_index(z, zip_uint64_t(idx), 0);
    if (!f) return Error{file, entry_item(name), "cannot be opened (encrypted or damaged?)"};
    std::vector<std::byte> data(st.size);
    zip_int64_t got = data.empty() ? 0 : zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    if (got < 0 || zip_uint64_t(got) != st.size)
        return Error{file, entry_item(name), "truncated or damaged (CRC/size mismatch)"};
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
    if (auto entries = check_entries(z.get(), file); !entries) return entries.error();
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
    // libhdf5 reads the in-memory image in a sandboxed child (keras_h5/isolated_read.h): the
    // child sees the unzipped bytes through fork's copy of our memory.
    const std::string label = file + "!model.weights.h5";
    auto raw = keras::read_isolated(label, keras::isolation_limits(weights->size()), [&]() -> Expected<keras::RawArchive> {
        auto h = h5::File::open_image(std::move(*weights), label);
        if (!h) return h.error();
        h5::Group root = h->root();
        keras::RawArchive r;
        if (root.has_attr("training_config"))
            if (auto t = root.attr_string("training_config")) r.training_config = std::move(*t);
        std::vector<keras::KerasWeight> all;
        if (auto st = walk(root, "", all); !st) return st.error();
        r.layers.push_back({"", std::move(all)});
        return r;
    });
    if (!raw) return raw.error();
    if (auto names = keras::check_names_utf8(*raw, label); !names) return names.error();
    if (raw->training_config) {
        auto tj = keras::parse_json_attr(*raw->training_config, file, "training_config");
        if (tj) {
            a.training_config = *tj;
            a.training_config_text = *raw->training_config;
        }
    }
    std::vector<keras::KerasWeight> all;
    if (!raw->layers.empty()) all = std::move(raw->layers.front().weights);
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
