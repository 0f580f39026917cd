// SPDX-License-Identifier: Apache-2.0
// LevelDB table format (leveldb/doc/table_format.md), as TensorFlow's lib/io/table writes it:
//   data blocks | meta blocks | metaindex block | index block | footer (48 bytes)
// Every block is followed by a 5-byte trailer: compression type (0 none, 1 snappy) and the masked
// CRC32C of block contents + type byte. A block holds prefix-compressed entries
// (shared, non_shared, value_size varints; key delta; value) then uint32 restart offsets and
// their count.
#include "formats/checkpoint/sstable.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

#include <snappy.h>

#include "formats/checkpoint/crc32c.h"

namespace wb::formats::checkpoint {
namespace {

constexpr uint64_t kTableMagic = 0xdb4775248b80fb57ull;
constexpr std::size_t kFooterSize = 48;
constexpr std::size_t kTrailerSize = 5;

struct Cursor {
    const char* p;
    const char* end;
    bool varint(uint64_t& out) {
        out = 0;
        for (int shift = 0; shift <= 63 && p < end; shift += 7) {
            auto byte = static_cast<uint8_t>(*p++);
            out |= uint64_t(byte & 0x7F) << shift;
            if (!(byte & 0x80)) return true;
        }
        return false;
    }
};

uint32_t load_u32(const char* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;  // little-endian hosts only (as TensorFlow's own bundle reader)
}

struct Handle {
    uint64_t offset = 0, size = 0;
};

Error fail(const std::string& file, uint64_t offset, const std::string& what) {
    return Error{file, "byte " + std::to_string(offset), what};
}

// Returns the uncompressed contents of the block at `h` after checking its trailer.
Expected<std::string> read_block(const std::string& bytes, Handle h, const std::string& file) {
    if (h.offset > bytes.size() || h.size > bytes.size() - h.offset ||
        bytes.size() - h.offset - h.size < kTrailerSize)
        return fail(file, h.offset, "block handle points past the end of the table");
    const char* data = bytes.data() + h.offset;
    const char type = data[h.size];
    uint32_t expected = crc32c_unmask(load_u32(data + h.size + 1));
    uint32_t actual = crc32c_extend(crc32c(data, h.size), &type, 1);
    if (expected != actual) return fail(file, h.offset, "block checksum mismatch (file corrupted)");
    if (type == 0) return std::string(data, h.size);
    if (type == 1) {
        std::string out;
        if (!snappy::Uncompress(data, h.size, &out))
            return fail(file, h.offset, "corrupted snappy-compressed block");
        return out;
    }
    return fail(file, h.offset, "unknown block compression type " + std::to_string(int(type)));
}

Status parse_block(const std::string& block, uint64_t block_offset, const std::string& file,
                   std::vector<std::pair<std::string, std::string>>& out) {
    if (block.size() < 4) return fail(file, block_offset, "block too small");
    uint32_t num_restarts = load_u32(block.data() + block.size() - 4);
    if (uint64_t(num_restarts) * 4 + 4 > block.size())
        return fail(file, block_offset, "bad restart count in block");
    const char* limit = block.data() + block.size() - 4 - num_restarts * 4;
    Cursor c{block.data(), limit};
    std::string key;
    while (c.p < limit) {
        uint64_t shared, non_shared, value_size;
        if (!c.varint(shared) || !c.varint(non_shared) || !c.varint(value_size) || shared > key.size() ||
            non_shared > uint64_t(limit - c.p) || value_size > uint64_t(limit - c.p) - non_shared)
            return fail(file, block_offset + (c.p - block.data()), "corrupted block entry");
        key.resize(shared);
        key.append(c.p, non_shared);
        c.p += non_shared;
        out.emplace_back(key, std::string(c.p, value_size));
        c.p += value_size;
    }
    return Ok{};
}

bool decode_handle(Cursor& c, Handle& h) { return c.varint(h.offset) && c.varint(h.size); }

}  // namespace

Expected<std::vector<std::pair<std::string, std::string>>> parse_sstable(const std::string& bytes,
                                                                        const std::string& file) {
    if (bytes.size() < kFooterSize) return Error{file, {}, "too small to be a checkpoint index (no table footer)"};
    const char* footer = bytes.data() + bytes.size() - kFooterSize;
    uint64_t magic;
    std::memcpy(&magic, footer + 40, 8);
    if (magic != kTableMagic)
        return fail(file, bytes.size() - 8, "bad table magic number: not a TensorFlow checkpoint index");
    Cursor c{footer, footer + 40};
    Handle metaindex, index;
    if (!decode_handle(c, metaindex) || !decode_handle(c, index))
        return fail(file, bytes.size() - kFooterSize, "corrupted table footer");

    auto index_block = read_block(bytes, index, file);
    if (!index_block) return index_block.error();
    std::vector<std::pair<std::string, std::string>> handles;
    if (auto st = parse_block(*index_block, index.offset, file, handles); !st) return st.error();

    std::vector<std::pair<std::string, std::string>> entries;
    for (const auto& [last_key, handle_bytes] : handles) {
        Cursor hc{handle_bytes.data(), handle_bytes.data() + handle_bytes.size()};
        Handle h;
        if (!decode_handle(hc, h)) return fail(file, index.offset, "corrupted block handle in index block");
        auto block = read_block(bytes, h, file);
        if (!block) return block.error();
        if (auto st = parse_block(*block, h.offset, file, entries); !st) return st.error();
    }
    return entries;
}

Expected<std::vector<std::pair<std::string, std::string>>> read_sstable(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error{file.string(), {}, "cannot open checkpoint index"};
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_sstable(ss.str(), file.string());
}

}  // namespace wb::formats::checkpoint
