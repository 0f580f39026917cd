// SPDX-License-Identifier: Apache-2.0
// Weight shards as the converter writes them (spec §2.4, §4): every group's entries are
// serialized back to back (no alignment) into one byte stream, cut into shard_size pieces named
// group<g>-shard<k>of<n>.bin; a weight may straddle shard files.
#include "export/weights_writer.h"

#include <cstring>
#include <fstream>
#include <limits>
#include <set>

namespace wb::exporter {
namespace {

using ir::DType;

template <class From, class To>
ir::Tensor cast_tensor(const ir::Tensor& in, DType to) {
    ir::Tensor out(to, in.shape());
    const From* src = in.data<From>();
    To* dst = out.data<To>();
    for (int64_t i = 0; i < in.num_elements(); ++i) dst[i] = static_cast<To>(src[i]);
    return out;
}

ir::Tensor halves_to_float(const ir::Tensor& in, float (*decode)(uint16_t)) {
    ir::Tensor out(DType::Float32, in.shape());
    const auto* src = in.data<uint16_t>();
    float* dst = out.data<float>();
    for (int64_t i = 0; i < in.num_elements(); ++i) dst[i] = decode(src[i]);
    return out;
}

std::size_t entry_bytes(const WeightEntry& e) {
    if (e.quantization) return e.quantized_bytes.size();
    if (e.value.dtype() == DType::String) {
        std::size_t n = 0;
        for (const auto& s : e.value.strings()) n += 4 + s.size();
        return n;
    }
    return e.value.byte_size();
}

nlohmann::ordered_json manifest_entry(const WeightEntry& e) {
    nlohmann::ordered_json j;
    j["name"] = e.name;
    j["shape"] = nlohmann::ordered_json::array();
    for (auto d : e.value.shape().dims) j["shape"].push_back(d);
    j["dtype"] = e.value.dtype() == DType::String ? std::string("string") : std::string(ir::dtype_name(e.value.dtype()));
    if (e.quantization) {
        nlohmann::ordered_json q;
        q["dtype"] = e.quantization->dtype;
        if (e.quantization->min) q["min"] = *e.quantization->min;
        if (e.quantization->scale) q["scale"] = *e.quantization->scale;
        q["original_dtype"] = e.quantization->original_dtype;
        j["quantization"] = q;
    }
    return j;
}

}  // namespace

Expected<ir::Tensor> auto_convert_weight(const std::string& name, const ir::Tensor& value) {
    switch (value.dtype()) {
        case DType::Float32:
        case DType::Int32:
        case DType::Complex64:
        case DType::String:
            return value;
        case DType::Bool: {  // tfjs reads one byte per element, 0 or 1
            ir::Tensor out(DType::Bool, value.shape());
            const auto* src = reinterpret_cast<const uint8_t*>(value.raw());
            auto* dst = reinterpret_cast<uint8_t*>(out.raw());
            for (int64_t i = 0; i < value.num_elements(); ++i) dst[i] = src[i] ? 1 : 0;
            return out;
        }
        case DType::Float64: return cast_tensor<double, float>(value, DType::Float32);
        case DType::Float16: return halves_to_float(value, ir::half_to_float);
        case DType::BFloat16: return halves_to_float(value, ir::bfloat16_to_float);
        case DType::Int64: return cast_tensor<int64_t, int32_t>(value, DType::Int32);  // truncates, as the anchor
        case DType::Complex128: {  // (re, im) pairs of doubles → pairs of floats
            ir::Tensor out(DType::Complex64, value.shape());
            for (int64_t i = 0; i < 2 * value.num_elements(); ++i)
                out.data<float>()[i] = static_cast<float>(value.data<double>()[i]);
            return out;
        }
        // Deliberate deviation: the anchor writes uint8 as "uint8" (which tfjs's decodeWeight rejects)
        // and refuses int8/int16/uint16/uint32; tfjs runs all of them as int32 (OM:parseDtypeParam),
        // so we store int32 and the export loads.
        case DType::UInt8: return cast_tensor<uint8_t, int32_t>(value, DType::Int32);
        case DType::Int8: return cast_tensor<int8_t, int32_t>(value, DType::Int32);
        case DType::Int16: return cast_tensor<int16_t, int32_t>(value, DType::Int32);
        case DType::UInt16: return cast_tensor<uint16_t, int32_t>(value, DType::Int32);
        case DType::UInt32: return cast_tensor<uint32_t, int32_t>(value, DType::Int32);
        default:
            return Error{{}, "weight '" + name + "'",
                         "Error dumping weight " + name + ", dtype " + std::string(ir::dtype_name(value.dtype())) +
                             " not supported."};
    }
}

std::vector<std::byte> serialize_weight(const WeightEntry& e) {
    if (e.quantization) return e.quantized_bytes;
    std::vector<std::byte> out;
    if (e.value.dtype() == DType::String) {
        for (const auto& s : e.value.strings()) {
            const auto len = static_cast<uint32_t>(s.size());
            for (int k = 0; k < 4; ++k) out.push_back(static_cast<std::byte>((len >> (8 * k)) & 0xFF));
            const auto* p = reinterpret_cast<const std::byte*>(s.data());
            out.insert(out.end(), p, p + s.size());
        }
        return out;
    }
    auto b = e.value.bytes();
    return {b.begin(), b.end()};
}

Expected<nlohmann::ordered_json> write_weights(std::vector<WeightGroup>& groups, const std::filesystem::path& dir,
                                               const WeightsWriteOptions& options) {
    if (options.shard_size_bytes <= 0)
        return Error{{}, "--weight_shard_size_bytes", "must be a positive integer"};
    const auto shard_size = static_cast<std::size_t>(options.shard_size_bytes);
    std::set<std::string> names;
    for (const auto& g : groups)
        for (const auto& e : g.entries)
            if (!names.insert(e.name).second)
                return Error{{}, "weight '" + e.name + "'", "Error dumping weights, duplicate weight name " + e.name};

    nlohmann::ordered_json manifest = nlohmann::ordered_json::array();
    for (std::size_t g = 0; g < groups.size(); ++g) {
        auto& group = groups[g];
        for (auto& e : group.entries) {
            auto v = auto_convert_weight(e.name, e.value);
            if (!v) return v.error();
            e.value = std::move(*v);
        }
        if (options.quantize)
            if (auto st = options.quantize(group); !st) return st.error();
        std::size_t total = 0;
        for (const auto& e : group.entries) total += entry_bytes(e);
        const std::size_t num_shards = (total + shard_size - 1) / shard_size;

        nlohmann::ordered_json paths = nlohmann::ordered_json::array();
        for (std::size_t k = 0; k < num_shards; ++k)
            paths.push_back("group" + std::to_string(g + 1) + "-shard" + std::to_string(k + 1) + "of" +
                            std::to_string(num_shards) + ".bin");

        // Stream the entries into consecutive shard files.
        std::size_t shard = 0, in_shard = 0;
        std::ofstream out;
        auto write = [&](const std::byte* p, std::size_t n) -> Status {
            while (n > 0) {
                if (!out.is_open()) {
                    out.open(dir / paths[shard].get<std::string>(), std::ios::binary | std::ios::trunc);
                    if (!out) return Error{(dir / paths[shard].get<std::string>()).string(), {}, "cannot create shard file"};
                }
                const std::size_t take = std::min(n, shard_size - in_shard);
                out.write(reinterpret_cast<const char*>(p), static_cast<std::streamsize>(take));
                p += take, n -= take, in_shard += take;
                if (in_shard == shard_size) {
                    out.close();
                    if (out.fail()) return Error{(dir / paths[shard].get<std::string>()).string(), {}, "write failed (disk full?)"};
                    ++shard, in_shard = 0;
                }
            }
            return Ok{};
        };
        nlohmann::ordered_json weights = nlohmann::ordered_json::array();
        for (const auto& e : group.entries) {
            if (options.progress && options.progress->cancelled()) return Error{dir.string(), {}, "cancelled"};
            Status st = Ok{};
            if (e.quantization || e.value.dtype() == DType::String) {
                auto bytes = serialize_weight(e);
                st = write(bytes.data(), bytes.size());
            } else {
                st = write(e.value.raw(), e.value.byte_size());  // numeric: write in place, no copy
            }
            if (!st) return st.error();
            weights.push_back(manifest_entry(e));
        }
        if (out.is_open()) {
            out.close();
            if (out.fail()) return Error{(dir / paths[shard].get<std::string>()).string(), {}, "write failed (disk full?)"};
        }
        nlohmann::ordered_json entry;
        entry["paths"] = paths;
        entry["weights"] = weights;
        manifest.push_back(entry);
    }
    return manifest;
}

}  // namespace wb::exporter
