// SPDX-License-Identifier: Apache-2.0
#include "h5_mutations.h"

#include <cstdint>

namespace fs = std::filesystem;

namespace wb::test {
namespace {

// Overwrites `count` bytes at `at` with the little-endian `value` (repeated for wider fields).
Mutation poke(std::string name, std::size_t at, std::size_t count, uint64_t value) {
    return {std::move(name), [at, count, value](const fs::path& file) {
                std::string b = read_file(file);
                for (std::size_t i = 0; i < count && at + i < b.size(); ++i)
                    b[at + i] = static_cast<char>(value >> (8 * (i % 8)));
                write_file(file, b);
            }};
}

Mutation insert(std::string name, std::size_t at, std::size_t count, char value) {
    return {std::move(name), [at, count, value](const fs::path& file) {
                std::string b = read_file(file);
                if (at <= b.size()) b.insert(at, count, value);
                write_file(file, b);
            }};
}

constexpr uint64_t kHuge = ~uint64_t(0);

}  // namespace

std::vector<Mutation> h5_mutations(const std::string& bytes) {
    std::vector<Mutation> out;
    auto first = [&](const char* sig) { return bytes.find(sig); };
    // Superblock v0: end-of-file address at 40, root group object header address at 64.
    if (bytes.size() > 72) {
        out.push_back(poke("h5 end-of-file address shorter than the file", 40, 8, 256));
        out.push_back(poke("h5 root object header beyond the end", 64, 8, uint64_t(1) << 40));
        out.push_back(poke("h5 root object header at address 0", 64, 8, 0));
    }
    // Global heap collection: "GCOL", version, 3 reserved, collection size (8); then objects:
    // index (2), reference count (2), reserved (4), size (8), data.
    if (auto g = first("GCOL"); g != std::string::npos) {
        out.push_back(insert("h5 global heap object size garbled by an insertion (fuzzer crash 2ca52162)", g + 25, 59,
                             '\xce'));
        out.push_back(poke("h5 global heap object size enormous", g + 24, 8, kHuge));
        out.push_back(poke("h5 global heap object size past its collection", g + 24, 8, 1 << 20));
        out.push_back(poke("h5 global heap collection size enormous", g + 8, 8, kHuge));
        out.push_back(poke("h5 global heap collection size zero", g + 8, 8, 0));
        out.push_back(poke("h5 global heap object index zero", g + 16, 2, 0));
    }
    // Local heap: "HEAP", version, 3 reserved, data size (8), free list offset (8), data address (8).
    if (auto h = first("HEAP"); h != std::string::npos) {
        out.push_back(poke("h5 local heap data size enormous", h + 8, 8, kHuge));
        out.push_back(poke("h5 local heap data beyond the end", h + 24, 8, uint64_t(1) << 40));
    }
    // v1 B-tree: "TREE", type, level, entries used (2), left and right siblings (8 each), then
    // key (8) / child address (8) pairs for group nodes.
    if (auto t = first("TREE"); t != std::string::npos) {
        out.push_back(poke("h5 B-tree with 65535 entries", t + 6, 2, 0xFFFF));
        out.push_back(poke("h5 B-tree child pointing past the end", t + 32, 8, uint64_t(1) << 40));
        out.push_back({"h5 B-tree node whose child is itself (a cycle)", [t](const fs::path& file) {
                           std::string b = read_file(file);
                           if (t + 40 > b.size()) return;
                           b[t + 5] = 1;  // an inner node...
                           for (int i = 0; i < 8; ++i) b[t + 32 + i] = static_cast<char>(uint64_t(t) >> (8 * i));
                           write_file(file, b);  // ...whose first child is the node itself
                       }});
    }
    // Symbol table node: "SNOD", version, reserved, number of symbols (2).
    if (auto s = first("SNOD"); s != std::string::npos)
        out.push_back(poke("h5 symbol table node with 65535 symbols", s + 6, 2, 0xFFFF));
    return out;
}

std::string fuzz_crash_2ca52162(const fs::path& corpus) {
    std::string b = read_file(corpus / kFuzzCrashSeed);
    if (b.size() >= 2073) b.insert(2073, 59, '\xce');
    return b;
}

std::string fuzz_hang_895f01d9(const fs::path& corpus) {
    std::string b = read_file(corpus / kFuzzHangSeed);
    if (b.size() > 2912) b[2912] = '\x6f';
    return b;
}

}  // namespace wb::test
