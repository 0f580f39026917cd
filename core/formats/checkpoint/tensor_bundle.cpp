// SPDX-License-Identifier: Apache-2.0
// Tensor bundle entries (tensorflow/core/util/tensor_bundle): numeric tensors are stored raw,
// little-endian, row-major at [offset, offset+size) of their shard; entry.crc32c is the masked
// CRC32C of those bytes. String tensors store one varint64 length per element, a masked CRC32C
// of the lengths (uint32), then the concatenated bytes.
#include "formats/checkpoint/tensor_bundle.h"

#include <cstdio>
#include <cstring>
#include <fstream>

#include "formats/checkpoint/crc32c.h"
#include "formats/checkpoint/sstable.h"

namespace wb::formats::checkpoint {
namespace {

Expected<ir::Shape> shape_of(const tensorflow::TensorShapeProto& proto, const std::string& key,
                             const std::string& file) {
    ir::Shape shape;
    for (const auto& d : proto.dim()) {
        if (d.size() < 0) return Error{file, "tensor '" + key + "'", "checkpoint tensor has an unknown dimension"};
        shape.dims.push_back(d.size());
    }
    if (!shape.num_elements()) return Error{file, "tensor '" + key + "'", "checkpoint tensor shape overflows"};
    return shape;
}

Expected<ir::Tensor> decode_strings(const std::string& bytes, const ir::Shape& shape, const std::string& key,
                                    const std::string& file) {
    const int64_t n = *shape.num_elements();
    std::vector<uint64_t> lengths;
    std::size_t pos = 0;
    for (int64_t i = 0; i < n; ++i) {
        uint64_t v = 0;
        int shift = 0;
        while (true) {
            if (pos >= bytes.size() || shift > 63)
                return Error{file, "tensor '" + key + "'", "truncated string lengths"};
            auto b = static_cast<uint8_t>(bytes[pos++]);
            v |= uint64_t(b & 0x7F) << shift;
            shift += 7;
            if (!(b & 0x80)) break;
        }
        lengths.push_back(v);
    }
    pos += 4;  // masked CRC32C of the lengths
    std::vector<std::string> values;
    values.reserve(n);
    for (uint64_t len : lengths) {
        if (pos > bytes.size() || len > bytes.size() - pos)
            return Error{file, "tensor '" + key + "'", "truncated string data"};
        values.emplace_back(bytes.substr(pos, len));
        pos += len;
    }
    return ir::Tensor::from_strings(shape, std::move(values));
}

}  // namespace

std::filesystem::path shard_path(const std::filesystem::path& prefix, int shard, int num_shards) {
    char suffix[64];
    std::snprintf(suffix, sizeof suffix, ".data-%05d-of-%05d", shard, num_shards);
    return std::filesystem::path(prefix.string() + suffix);
}

Expected<TensorBundle> TensorBundle::open(const std::filesystem::path& prefix) {
    const auto index_file = std::filesystem::path(prefix.string() + ".index");
    auto table = read_sstable(index_file);
    if (!table) return table.error();
    TensorBundle bundle;
    bundle.prefix_ = prefix;
    for (auto& [key, value] : *table) {
        if (key.empty()) {
            tensorflow::BundleHeaderProto header;
            if (!header.ParseFromString(value))
                return Error{index_file.string(), "bundle header", "cannot parse BundleHeaderProto"};
            if (header.endianness() != tensorflow::BundleHeaderProto::LITTLE)
                return Error{index_file.string(), "bundle header", "big-endian checkpoints are not supported"};
            bundle.num_shards_ = header.num_shards() > 0 ? header.num_shards() : 1;
            continue;
        }
        tensorflow::BundleEntryProto entry;
        if (!entry.ParseFromString(value))
            return Error{index_file.string(), "tensor '" + key + "'", "cannot parse BundleEntryProto"};
        bundle.entries_.emplace(std::move(key), std::move(entry));
    }
    return bundle;
}

std::vector<std::string> TensorBundle::keys() const {
    std::vector<std::string> out;
    for (const auto& [k, _] : entries_) out.push_back(k);
    return out;
}

const tensorflow::BundleEntryProto* TensorBundle::entry(const std::string& key) const {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second;
}

Expected<ir::Tensor> TensorBundle::read(const std::string& key) const {
    const auto* e = entry(key);
    const std::string index_file = prefix_.string() + ".index";
    if (!e) return Error{index_file, "tensor '" + key + "'", "no such tensor in the checkpoint"};
    if (e->slices_size() > 0)
        return Error{index_file, "tensor '" + key + "'", "partitioned (sliced) variables are not supported"};
    const auto file = shard_path(prefix_, e->shard_id(), num_shards_).string();
    auto shape = shape_of(e->shape(), key, index_file);
    if (!shape) return shape.error();
    auto dtype = static_cast<ir::DType>(e->dtype());
    if (e->offset() < 0 || e->size() < 0) return Error{index_file, "tensor '" + key + "'", "negative offset or size"};

    std::ifstream in(file, std::ios::binary);
    if (!in) return Error{file, "tensor '" + key + "'", "cannot open checkpoint data shard"};
    in.seekg(0, std::ios::end);
    const auto file_size = static_cast<int64_t>(in.tellg());
    if (e->offset() > file_size || e->size() > file_size - e->offset())
        return Error{file, "tensor '" + key + "'", "data lies past the end of the shard (" +
                                                       std::to_string(file_size) + " bytes)"};
    in.seekg(e->offset());

    if (dtype == ir::DType::String) {
        std::string bytes(static_cast<std::size_t>(e->size()), '\0');
        in.read(bytes.data(), e->size());
        return decode_strings(bytes, *shape, key, file);
    }
    const std::size_t elem = ir::dtype_size(dtype);
    if (elem == 0) return Error{file, "tensor '" + key + "'", "unsupported checkpoint dtype " + std::string(ir::dtype_tf_name(dtype))};
    if (static_cast<int64_t>(elem) * *shape->num_elements() != e->size())
        return Error{file, "tensor '" + key + "'", "size " + std::to_string(e->size()) + " does not match shape " +
                                                       shape->to_string()};
    ir::Tensor t(dtype, *shape);
    in.read(reinterpret_cast<char*>(t.raw()), e->size());
    if (!in) return Error{file, "tensor '" + key + "'", "read failed"};
    if (crc32c(t.raw(), t.byte_size()) != crc32c_unmask(e->crc32c()))
        return Error{file, "tensor '" + key + "'", "CRC32C mismatch: checkpoint data corrupted"};
    return t;
}

}  // namespace wb::formats::checkpoint
