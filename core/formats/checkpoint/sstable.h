// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "util/error.h"

namespace wb::formats::checkpoint {

// Every key/value of a LevelDB-format table (the `.index` file of a TensorFlow tensor bundle),
// in key order. Checks the footer magic 0xdb4775248b80fb57, each block's masked CRC32C and
// decompresses snappy blocks. Errors name the file and the byte offset.
Expected<std::vector<std::pair<std::string, std::string>>> read_sstable(const std::filesystem::path& file);
// Same over bytes already in memory (`file` is only used in messages).
Expected<std::vector<std::pair<std::string, std::string>>> parse_sstable(const std::string& bytes,
                                                                        const std::string& file);

}  // namespace wb::formats::checkpoint
