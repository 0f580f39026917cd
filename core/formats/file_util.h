// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>

#include "util/error.h"

namespace wb::formats {

// Reads a whole file; files larger than `max_bytes` are refused before reading.
Expected<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes = std::size_t{1} << 31);
// Up to `n` first bytes (empty when unreadable); for probes.
std::string read_head(const std::filesystem::path& path, std::size_t n = 512);
// Lower-case extension with the dot, e.g. ".pbtxt".
std::string lower_extension(const std::filesystem::path& path);

}  // namespace wb::formats
