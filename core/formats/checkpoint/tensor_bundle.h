// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/proto/tensor_bundle.pb.h"
#include "ir/tensor.h"
#include "util/error.h"

namespace wb::formats::checkpoint {

// A TensorFlow V2 checkpoint (tensor bundle): `<prefix>.index` (LevelDB table of
// BundleEntryProto keyed by tensor name, header under the empty key) and the data shards
// `<prefix>.data-SSSSS-of-NNNNN`. SavedModels keep it at `variables/variables`.
class TensorBundle {
public:
    // Reads and checks the index; data shards are opened lazily by read().
    static Expected<TensorBundle> open(const std::filesystem::path& prefix);

    // Tensor names in key order (the header key "" is not listed).
    std::vector<std::string> keys() const;
    bool contains(const std::string& key) const { return entries_.count(key) != 0; }
    const tensorflow::BundleEntryProto* entry(const std::string& key) const;
    // Reads one tensor and checks its CRC32C; errors name the shard file and the key.
    Expected<ir::Tensor> read(const std::string& key) const;
    const std::filesystem::path& prefix() const { return prefix_; }
    int num_shards() const { return num_shards_; }

    // "_CHECKPOINTABLE_OBJECT_GRAPH": the TrackableObjectGraph of TF2 checkpoints.
    static constexpr const char* kObjectGraphKey = "_CHECKPOINTABLE_OBJECT_GRAPH";

private:
    std::filesystem::path prefix_;
    int num_shards_ = 1;
    std::map<std::string, tensorflow::BundleEntryProto> entries_;
};

// "<prefix>.data-00003-of-00010"
std::filesystem::path shard_path(const std::filesystem::path& prefix, int shard, int num_shards);

}  // namespace wb::formats::checkpoint
