// SPDX-License-Identifier: Apache-2.0
#include "mutations.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace wb::test {

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

namespace {

fs::path target(const fs::path& root, const fs::path& relative) {
    return relative.empty() ? root : root / relative;
}

// Applies `edit` to model.json's parsed JSON and writes it back.
Mutation json_edit(std::string name, fs::path rel, std::function<void(json&, const fs::path& dir)> edit) {
    return {std::move(name), [rel, edit](const fs::path& root) {
                fs::path file = target(root, rel);
                json j = json::parse(read_file(file), nullptr, false);
                if (j.is_discarded()) return;
                edit(j, file.parent_path());
                write_file(file, j.dump());
            }};
}

json* first_weight(json& j) {
    if (!j.contains("weightsManifest") || j["weightsManifest"].empty()) return nullptr;
    auto& g = j["weightsManifest"][0];
    if (!g.contains("weights") || g["weights"].empty()) return nullptr;
    return &g["weights"][0];
}

json* first_path(json& j) {
    if (!j.contains("weightsManifest") || j["weightsManifest"].empty()) return nullptr;
    auto& g = j["weightsManifest"][0];
    if (!g.contains("paths") || g["paths"].empty()) return nullptr;
    return &g["paths"][0];
}

json* nodes(json& j) {
    if (!j.contains("modelTopology") || !j["modelTopology"].is_object()) return nullptr;
    auto& t = j["modelTopology"];
    return t.contains("node") && t["node"].is_array() && !t["node"].empty() ? &t["node"] : nullptr;
}

}  // namespace

std::vector<Mutation> byte_mutations(const fs::path& rel, std::uintmax_t size, int cuts, int flips,
                                     std::uint32_t seed) {
    std::vector<Mutation> out;
    for (int k = 0; k < cuts; ++k) {
        std::uintmax_t at = size * static_cast<std::uintmax_t>(k) / static_cast<std::uintmax_t>(cuts);
        out.push_back({"truncated at byte " + std::to_string(at), [rel, at](const fs::path& root) {
                           fs::resize_file(target(root, rel), at);
                       }});
    }
    std::mt19937 rng(seed);
    for (int k = 0; k < flips && size > 0; ++k) {
        std::uintmax_t at = std::uniform_int_distribution<std::uintmax_t>(0, size - 1)(rng);
        int mask = 1 + static_cast<int>(rng() % 255);
        out.push_back({"byte " + std::to_string(at) + " flipped", [rel, at, mask](const fs::path& root) {
                           std::string b = read_file(target(root, rel));
                           if (at < b.size()) b[at] = static_cast<char>(b[at] ^ mask);
                           write_file(target(root, rel), b);
                       }});
    }
    out.push_back({"wrong magic", [rel](const fs::path& root) {
                       std::string b = read_file(target(root, rel));
                       for (std::size_t i = 0; i < std::min<std::size_t>(8, b.size()); ++i) b[i] = '\xee';
                       write_file(target(root, rel), b);
                   }});
    out.push_back({"zeroed middle block", [rel](const fs::path& root) {
                       std::string b = read_file(target(root, rel));
                       std::size_t from = b.size() / 3, to = std::min(b.size(), from + 64);
                       std::fill(b.begin() + static_cast<long>(from), b.begin() + static_cast<long>(to), '\0');
                       write_file(target(root, rel), b);
                   }});
    out.push_back({"random bytes", [rel, seed](const fs::path& root) {
                       std::mt19937 r(seed ^ 0x9e3779b9u);
                       std::string b(4096, '\0');
                       for (auto& c : b) c = static_cast<char>(r());
                       write_file(target(root, rel), b);
                   }});
    out.push_back({"empty file", [rel](const fs::path& root) { write_file(target(root, rel), ""); }});
    return out;
}

std::vector<Mutation> tfjs_mutations(const fs::path& rel) {
    std::vector<Mutation> out;
    auto dim_edit = [](long long value) {
        return [value](json& j, const fs::path&) {
            if (json* w = first_weight(j); w && (*w)["shape"].is_array()) {
                if ((*w)["shape"].empty()) (*w)["shape"].push_back(value);
                else (*w)["shape"][0] = value;
            }
        };
    };
    out.push_back(json_edit("negative weight dimension", rel, dim_edit(-7)));
    out.push_back(json_edit("enormous weight dimension", rel, dim_edit(1LL << 40)));
    out.push_back(json_edit("dimension product overflows int64", rel, [](json& j, const fs::path&) {
        if (json* w = first_weight(j)) (*w)["shape"] = json::array({1LL << 40, 1LL << 40, 1LL << 40});
    }));
    out.push_back(json_edit("unknown weight dtype", rel, [](json& j, const fs::path&) {
        if (json* w = first_weight(j)) (*w)["dtype"] = "float128";
    }));
    out.push_back(json_edit("unknown quantization dtype", rel, [](json& j, const fs::path&) {
        if (json* w = first_weight(j)) (*w)["quantization"] = {{"dtype", "int3"}, {"min", 0}, {"scale", 1}};
    }));
    out.push_back(json_edit("uint8 quantization without min and scale", rel, [](json& j, const fs::path&) {
        if (json* w = first_weight(j)) (*w)["quantization"] = {{"dtype", "uint8"}};
    }));
    out.push_back(json_edit("weight path with ..", rel, [](json& j, const fs::path&) {
        if (json* p = first_path(j)) *p = "../../../../etc/passwd";
    }));
    out.push_back(json_edit("absolute weight path", rel, [](json& j, const fs::path&) {
        if (json* p = first_path(j)) *p = "/etc/passwd";
    }));
    out.push_back(json_edit("weight path is a symlink leaving the folder", rel, [](json& j, const fs::path& dir) {
        if (json* p = first_path(j)) {
            std::error_code ec;
            fs::create_symlink("/etc/passwd", dir / "escape.bin", ec);
            *p = "escape.bin";
        }
    }));
    out.push_back(json_edit("missing shard", rel, [](json& j, const fs::path&) {
        if (json* p = first_path(j)) *p = "group9-shard1of1.bin";
    }));
    out.push_back(json_edit("weights entry not an object", rel, [](json& j, const fs::path&) {
        if (json* w = first_weight(j)) *w = 42;
    }));
    out.push_back(json_edit("manifest not a list", rel, [](json& j, const fs::path&) { j["weightsManifest"] = "x"; }));
    out.push_back(json_edit("neither topology nor weights", rel, [](json& j, const fs::path&) {
        j.erase("modelTopology");
        j.erase("weightsManifest");
    }));
    out.push_back(json_edit("node input names no node", rel, [](json& j, const fs::path&) {
        if (json* n = nodes(j)) (*n)[n->size() - 1]["input"] = json::array({"no_such_node_anywhere"});
    }));
    out.push_back(json_edit("duplicate node names", rel, [](json& j, const fs::path&) {
        if (json* n = nodes(j); n && n->size() >= 2) (*n)[1]["name"] = (*n)[0]["name"];
    }));
    out.push_back(json_edit("node feeds itself", rel, [](json& j, const fs::path&) {
        if (json* n = nodes(j)) (*n)[n->size() - 1]["input"] = json::array({(*n)[n->size() - 1]["name"]});
    }));
    out.push_back(json_edit("attr of the wrong JSON type", rel, [](json& j, const fs::path&) {
        if (json* n = nodes(j)) (*n)[0]["attr"] = json::array({1, 2, 3});
    }));
    out.push_back({"shards shorter than the manifest", [rel](const fs::path& root) {
                       fs::path dir = target(root, rel).parent_path();
                       for (const auto& e : fs::directory_iterator(dir))
                           if (e.path().extension() == ".bin") fs::resize_file(e.path(), e.file_size() / 2);
                   }});
    out.push_back({"shards longer than the manifest", [rel](const fs::path& root) {
                       fs::path dir = target(root, rel).parent_path();
                       for (const auto& e : fs::directory_iterator(dir))
                           if (e.path().extension() == ".bin") fs::resize_file(e.path(), e.file_size() + 13);
                   }});
    return out;
}

std::vector<std::pair<std::string, std::uintmax_t>> snapshot(const fs::path& dir) {
    std::vector<std::pair<std::string, std::uintmax_t>> out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        std::uintmax_t size = it->is_regular_file(ec) ? it->file_size(ec) : 0;
        out.emplace_back(fs::relative(it->path(), dir).string(), size);
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace wb::test
