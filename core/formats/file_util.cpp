// SPDX-License-Identifier: Apache-2.0
#include "formats/file_util.h"

#include <algorithm>
#include <fstream>

namespace wb::formats {

Expected<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return Error{path.string(), "", "is a directory, expected a file"};
    auto size = std::filesystem::file_size(path, ec);
    if (ec) return Error{path.string(), "", "cannot read: " + ec.message()};
    if (size > max_bytes)
        return Error{path.string(), "", "file is " + std::to_string(size) + " bytes, larger than the " +
                                            std::to_string(max_bytes) + "-byte limit"};
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{path.string(), "", "cannot open for reading"};
    std::string data(static_cast<std::size_t>(size), '\0');
    if (size > 0 && !in.read(data.data(), static_cast<std::streamsize>(size)))
        return Error{path.string(), "", "read failed after " + std::to_string(in.gcount()) + " bytes"};
    return data;
}

std::string read_head(const std::filesystem::path& path, std::size_t n) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::string data(n, '\0');
    in.read(data.data(), static_cast<std::streamsize>(n));
    data.resize(static_cast<std::size_t>(in.gcount()));
    return data;
}

std::string lower_extension(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

}  // namespace wb::formats
