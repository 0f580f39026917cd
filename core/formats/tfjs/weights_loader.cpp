// SPDX-License-Identifier: Apache-2.0
#include "formats/tfjs/weights_loader.h"

#include <set>

#include "formats/file_util.h"
#include "formats/tfjs/weight_decoder.h"

namespace wb::formats::tfjs {

namespace fs = std::filesystem;

namespace {

bool has_dotdot(const std::string& path) {
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find_first_of("/\\", start);
        if (end == std::string::npos) end = path.size();
        if (path.compare(start, end - start, "..") == 0 && end - start == 2) return true;
        start = end + 1;
    }
    return false;
}

bool is_inside(const fs::path& dir, const fs::path& file) {
    auto d = dir.begin(), f = file.begin();
    for (; d != dir.end(); ++d, ++f)
        if (f == file.end() || *d != *f) return false;
    return true;
}

ir::WeightInfo info_of(const WeightSpec& spec, std::size_t stored) {
    ir::WeightInfo info;
    info.name = spec.name;
    info.dtype = decoded_dtype(spec);
    info.shape = ir::Shape(spec.shape);
    info.quantization = spec.quant_dtype;
    info.quant_min = spec.quant_min.value_or(0.0);
    info.quant_scale = spec.quant_scale.value_or(0.0);
    info.stored_bytes = stored;
    info.group = spec.group;
    return info;
}

// Which weight's bytes start inside shard `shard` of group g (sizes known up to the first string).
std::string weight_in_shard(const WeightGroup& group, const std::vector<std::uintmax_t>& sizes, std::size_t shard) {
    std::uintmax_t shard_start = 0;
    for (std::size_t k = 0; k < shard && k < sizes.size(); ++k) shard_start += sizes[k];
    std::uintmax_t offset = 0;
    for (const auto& w : group.weights) {
        if (w.dtype == "string" && w.quant_dtype.empty()) break;
        std::uintmax_t end = offset + static_cast<std::uintmax_t>(w.elements) * stored_element_size(w);
        if (end > shard_start) return w.name;
        offset = end;
    }
    return group.weights.empty() ? std::string() : group.weights.front().name;
}

}  // namespace

Expected<fs::path> resolve_shard(const fs::path& model_dir, const std::string& path, const std::string& model_json,
                                 const std::string& item) {
    const std::string what = "shard path '" + path + "' (" + item + ")";
    if (path.empty()) return Error{model_json, what, "empty shard path"};
    if (path[0] == '/' || path[0] == '\\' || fs::path(path).is_absolute() || (path.size() > 1 && path[1] == ':'))
        return Error{model_json, what, "absolute shard paths are refused: weights must sit beside model.json"};
    if (has_dotdot(path))
        return Error{model_json, what, "shard paths containing '..' are refused: they could read files outside the model folder"};
    fs::path full = model_dir / path;
    std::error_code ec;
    fs::path dir = fs::weakly_canonical(model_dir, ec);
    fs::path real = fs::weakly_canonical(full, ec);
    if (!ec && !is_inside(dir, real))
        return Error{model_json, what, "the shard resolves to '" + real.string() + "', outside the model folder (symlink)"};
    return full;
}

Expected<LoadedWeights> load_weights(const std::vector<WeightGroup>& groups, const fs::path& model_json,
                                     bool topology_only, const Progress& progress) {
    const std::string file = model_json.string();
    const fs::path dir = model_json.parent_path().empty() ? fs::path(".") : model_json.parent_path();
    LoadedWeights out;
    std::set<std::string> names;
    std::vector<std::vector<fs::path>> shard_files(groups.size());
    std::vector<std::string> missing;
    bool first_missing = false;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        for (const auto& w : groups[g].weights)
            if (!names.insert(w.name).second) return Error{file, "weight '" + w.name + "'", "duplicate weight name in weightsManifest"};
        for (std::size_t p = 0; p < groups[g].paths.size(); ++p) {
            auto item = "weightsManifest[" + std::to_string(g) + "].paths[" + std::to_string(p) + "]";
            auto shard = resolve_shard(dir, groups[g].paths[p], file, item);
            if (!shard) return shard.error();
            std::error_code ec;
            if (!fs::is_regular_file(*shard, ec)) {
                if (missing.empty() && shard_files[g].empty() && g == 0) first_missing = true;
                missing.push_back(groups[g].paths[p]);
            }
            shard_files[g].push_back(*shard);
        }
    }
    if (topology_only || first_missing) {
        std::string why = topology_only ? "weights not loaded (topology only requested)"
                                        : "weight shards absent (" + std::to_string(missing.size()) + " of the manifest's files missing, first '" + missing.front() + "')";
        out.warnings.push_back(why + ": topology only; every Const holds a zero-filled tensor of its manifest dtype and shape");
        out.topology_only = true;
        for (const auto& g : groups)
            for (const auto& w : g.weights) {
                out.tensors.emplace_back(w.name, zero_weight(w));
                out.infos.push_back(info_of(w, 0));
            }
        return out;
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
        std::string data;
        std::vector<std::uintmax_t> sizes;
        for (std::size_t p = 0; p < shard_files[g].size(); ++p) {
            std::error_code ec;
            if (!fs::is_regular_file(shard_files[g][p], ec))
                return Error{shard_files[g][p].string(), "weight '" + weight_in_shard(groups[g], sizes, p) + "'",
                             "weight shard '" + groups[g].paths[p] + "' named by " + model_json.filename().string() + " is missing"};
            auto bytes = read_file(shard_files[g][p]);
            if (!bytes) return bytes.error();
            sizes.push_back(bytes->size());
            data += *bytes;
        }
        const std::string last_shard = shard_files[g].empty() ? file : shard_files[g].back().string();
        std::span<const std::byte> span(reinterpret_cast<const std::byte*>(data.data()), data.size());
        std::size_t offset = 0;
        for (const auto& w : groups[g].weights) {
            std::size_t start = offset;
            auto tensor = decode_weight(w, span, offset, last_shard);
            if (!tensor) return tensor.error();
            out.tensors.emplace_back(w.name, std::move(*tensor));
            out.infos.push_back(info_of(w, offset - start));
            if (progress.cancelled()) return Error{file, "", "cancelled"};
        }
        if (offset != data.size())
            return Error{last_shard, "weightsManifest[" + std::to_string(g) + "]",
                         "shards hold " + std::to_string(data.size()) + " bytes but the manifest's weights need " +
                             std::to_string(offset) + " (shards longer than the manifest says)"};
        progress.report(0.5 + 0.5 * double(g + 1) / double(groups.size()), "decoding weights");
    }
    return out;
}

}  // namespace wb::formats::tfjs
