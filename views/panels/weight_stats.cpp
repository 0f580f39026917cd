// SPDX-License-Identifier: Apache-2.0
#include "views/panels/weight_stats.h"

#include <cmath>
#include <fstream>

namespace wb::views {

WeightStats compute_weight_stats(const ir::Tensor& tensor, int bins) {
    WeightStats s;
    if (!tensor.valid() || ir::dtype_size(tensor.dtype()) == 0 || !tensor.raw()) return s;
    const int64_t n = tensor.num_elements();
    double sum = 0, sum_sq = 0;
    int64_t zeros = 0;
    bool first = true;
    // Welford would be steadier, but sums in double are exact enough for display figures.
    for (int64_t i = 0; i < n; ++i) {
        const double v = tensor.value_as_double(i);
        if (!std::isfinite(v)) { ++s.non_finite; continue; }
        if (first) { s.min = s.max = v; first = false; }
        s.min = std::min(s.min, v);
        s.max = std::max(s.max, v);
        sum += v;
        sum_sq += v * v;
        zeros += v == 0.0;
        ++s.count;
    }
    if (s.count == 0) return s;
    s.mean = sum / static_cast<double>(s.count);
    s.stddev = std::sqrt(std::max(0.0, sum_sq / static_cast<double>(s.count) - s.mean * s.mean));
    s.sparsity = static_cast<double>(zeros) / static_cast<double>(s.count);
    s.histogram.assign(static_cast<std::size_t>(std::max(1, bins)), 0);
    const double width = s.max - s.min;
    for (int64_t i = 0; i < n; ++i) {
        const double v = tensor.value_as_double(i);
        if (!std::isfinite(v)) continue;
        auto bin = width > 0 ? static_cast<std::size_t>((v - s.min) / width * static_cast<double>(s.histogram.size())) : 0;
        s.histogram[std::min(bin, s.histogram.size() - 1)]++;
    }
    return s;
}

namespace {
const char* npy_descr(ir::DType t) {
    switch (t) {
    case ir::DType::Float32: return "<f4";
    case ir::DType::Float64: return "<f8";
    case ir::DType::Float16: return "<f2";
    case ir::DType::Int32: return "<i4";
    case ir::DType::Int64: return "<i8";
    case ir::DType::Int16: return "<i2";
    case ir::DType::Int8: return "|i1";
    case ir::DType::UInt8: return "|u1";
    case ir::DType::UInt16: return "<u2";
    case ir::DType::UInt32: return "<u4";
    case ir::DType::UInt64: return "<u8";
    case ir::DType::Bool: return "|b1";
    case ir::DType::Complex64: return "<c8";
    case ir::DType::Complex128: return "<c16";
    default: return nullptr;
    }
}
}  // namespace

Status write_npy(const ir::Tensor& tensor, const std::string& path) {
    const char* descr = npy_descr(tensor.dtype());
    if (!descr)
        return Error{path, "", "NumPy has no dtype for " + std::string(ir::dtype_name(tensor.dtype()))};
    std::string shape = "(";
    for (auto d : tensor.shape().dims) shape += std::to_string(d) + ", ";
    if (tensor.shape().dims.size() > 1) shape.resize(shape.size() - 1), shape.back() = ')';
    else if (tensor.shape().dims.size() == 1) shape.back() = ')';  // "(5,)" — the 1-tuple keeps its comma
    else shape += ")";
    std::string header = std::string("{'descr': '") + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    // Magic (6) + version (2) + length (2) + header + '\n' must be a multiple of 64.
    const std::size_t total = 10 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return Error{path, "", "cannot open the file for writing"};
    out.write("\x93NUMPY\x01\x00", 8);
    const auto len = static_cast<uint16_t>(header.size());
    const char len_bytes[2] = {static_cast<char>(len & 0xff), static_cast<char>(len >> 8)};
    out.write(len_bytes, 2);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    const auto bytes = tensor.bytes();
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Error{path, "", "write failed"};
    return Ok{};
}

}  // namespace wb::views
