// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace wb::test {

// One way of breaking a model: a name for reports and an edit applied to a copy of the model
// in a scratch folder (`root` is the copied file or folder).
struct Mutation {
    std::string name;
    std::function<void(const std::filesystem::path& root)> apply;
    std::string expect = {};  // when set: the case must fail and the error must name this item
};

std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& bytes);

// Byte-level damage to one file: truncation at `cuts` offsets spread over the file, `flips`
// single-byte flips at seeded positions, wrong magic, a zeroed block, random garbage.
std::vector<Mutation> byte_mutations(const std::filesystem::path& relative_file, std::uintmax_t size,
                                     int cuts, int flips, std::uint32_t seed);

// Semantic damage to a TensorFlow.js model.json (and its shards): negative / enormous dims,
// unknown dtypes, weight paths escaping the folder ('..', absolute, symlink), missing or short
// shards, missing quantization metadata, dangling inputs, duplicate nodes, cycles.
std::vector<Mutation> tfjs_mutations(const std::filesystem::path& model_json);

// Every file under `dir` with its size, for the "nothing written" check.
std::vector<std::pair<std::string, std::uintmax_t>> snapshot(const std::filesystem::path& dir);

}  // namespace wb::test
