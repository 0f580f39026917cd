// SPDX-License-Identifier: Apache-2.0
// A NumPy .npy reader for quant-report sample inputs (format: numpy/lib/format.py — magic
// "\x93NUMPY", version, little-endian header length, a Python dict literal, then raw data).
#include <algorithm>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "analysis/quant_report_inputs.h"

namespace wb::analysis {
namespace {

std::optional<ir::DType> npy_dtype(const std::string& descr) {
    if (descr == "<f4") return ir::DType::Float32;
    if (descr == "<f8") return ir::DType::Float64;
    if (descr == "<f2") return ir::DType::Float16;
    if (descr == "<i4") return ir::DType::Int32;
    if (descr == "<i8") return ir::DType::Int64;
    if (descr == "|u1") return ir::DType::UInt8;
    if (descr == "|i1") return ir::DType::Int8;
    if (descr == "|b1") return ir::DType::Bool;
    return std::nullopt;
}

// The quoted value after 'key': in the header dict.
std::optional<std::string> quoted_value(const std::string& header, const std::string& key) {
    auto at = header.find("'" + key + "'");
    if (at == std::string::npos) return std::nullopt;
    auto open = header.find('\'', header.find(':', at) + 1);
    if (open == std::string::npos) return std::nullopt;
    auto close = header.find('\'', open + 1);
    if (close == std::string::npos) return std::nullopt;
    return header.substr(open + 1, close - open - 1);
}

}  // namespace

Expected<ir::Tensor> read_npy(const std::filesystem::path& path) {
    auto fail = [&path](const std::string& message) { return Error{path.string(), {}, message}; };
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail("cannot open file");
    char magic[8] = {};
    in.read(magic, 8);
    if (!in || std::memcmp(magic, "\x93NUMPY", 6) != 0) return fail("not a NumPy .npy file (bad magic)");
    const int major = static_cast<unsigned char>(magic[6]);
    uint32_t header_len = 0;
    unsigned char len_bytes[4] = {};
    in.read(reinterpret_cast<char*>(len_bytes), major == 1 ? 2 : 4);
    if (!in || major < 1 || major > 3) return fail("unsupported .npy version " + std::to_string(major));
    header_len = len_bytes[0] | (len_bytes[1] << 8) | (static_cast<uint32_t>(len_bytes[2]) << 16) |
                 (static_cast<uint32_t>(len_bytes[3]) << 24);
    if (header_len > (1u << 20)) return fail("header too long");
    std::string header(header_len, '\0');
    in.read(header.data(), header_len);
    if (!in) return fail("truncated header");

    auto descr = quoted_value(header, "descr");
    if (!descr) return fail("header has no 'descr'");
    auto dtype = npy_dtype(*descr);
    if (!dtype) return fail("unsupported dtype '" + *descr + "' (little-endian float/int/bool only)");
    auto fortran = header.find("'fortran_order'");
    if (fortran != std::string::npos && header.compare(header.find(':', fortran) + 1, 5, " True") == 0)
        return fail("Fortran-ordered arrays are not supported: save np.ascontiguousarray(x)");
    auto shape_at = header.find("'shape'");
    auto open = header.find('(', shape_at == std::string::npos ? 0 : shape_at);
    auto close = header.find(')', open == std::string::npos ? 0 : open);
    if (shape_at == std::string::npos || open == std::string::npos || close == std::string::npos)
        return fail("header has no 'shape'");
    std::vector<int64_t> dims;
    std::string inner = header.substr(open + 1, close - open - 1);
    for (std::size_t pos = 0; pos < inner.size();) {
        auto comma = inner.find(',', pos);
        std::string item = inner.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        if (item.find_first_not_of(" ") != std::string::npos) {
            try {
                dims.push_back(std::stoll(item));
            } catch (const std::exception&) {
                return fail("bad shape '" + inner + "'");
            }
            if (dims.back() < 0) return fail("negative dimension in shape");
        }
        if (comma == std::string::npos) break;
        pos = comma + 1;
    }
    ir::Shape shape(dims);
    auto count = shape.num_elements();
    if (!count) return fail("shape too large");
    const auto data_at = in.tellg();
    in.seekg(0, std::ios::end);
    const auto available = static_cast<uint64_t>(in.tellg() - data_at);
    in.seekg(data_at);
    if (static_cast<uint64_t>(*count) > available / std::max<std::size_t>(1, ir::dtype_size(*dtype)))
        return fail("truncated data: shape " + shape.to_string() + " needs more than the " + std::to_string(available) +
                    " bytes present");
    ir::Tensor t(*dtype, shape);
    in.read(reinterpret_cast<char*>(t.raw()), static_cast<std::streamsize>(t.byte_size()));
    if (static_cast<std::size_t>(in.gcount()) != t.byte_size())
        return fail("truncated data: shape " + shape.to_string() + " needs " + std::to_string(t.byte_size()) + " bytes");
    return t;
}

}  // namespace wb::analysis
