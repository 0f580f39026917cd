// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "formats/tfjs/manifest.h"
#include "ir/model.h"
#include "util/progress.h"

namespace wb::formats::tfjs {

// Every weight of a manifest decoded, in manifest order, plus what inspect reports about it.
struct LoadedWeights {
    std::vector<std::pair<std::string, ir::Tensor>> tensors;  // name -> decoded value
    std::vector<ir::WeightInfo> infos;
    std::vector<std::string> warnings;
    bool topology_only = false;
};

// The shard file for a manifest path. Refuses absolute paths, ".." components and paths that
// resolve (through symlinks) outside the model folder; the error names the path.
Expected<std::filesystem::path> resolve_shard(const std::filesystem::path& model_dir, const std::string& path,
                                              const std::string& model_json, const std::string& item);

// Reads the shards of every group and decodes its weights (spec §4: per group, shards
// concatenated in `paths` order, weights walked sequentially, no padding).
// Topology-only (zero-filled tensors, with a warning) when `topology_only` is asked for or
// when the first shard of the manifest is absent: a model.json shipped without its weights.
// A later shard that is missing is an error: the weights are incomplete.
Expected<LoadedWeights> load_weights(const std::vector<WeightGroup>& groups, const std::filesystem::path& model_json,
                                     bool topology_only, const Progress& progress);

}  // namespace wb::formats::tfjs
