// SPDX-License-Identifier: Apache-2.0
#include "formats/checkpoint/crc32c.h"

#include <array>

namespace wb::formats::checkpoint {
namespace {

// Byte-at-a-time table for the reflected Castagnoli polynomial 0x82F63B78. Checkpoint indexes are
// small and tensor data CRCs are checked once per load, so slicing-by-8 is not worth its code.
constexpr std::array<uint32_t, 256> make_table() {
    std::array<uint32_t, 256> table{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        table[i] = c;
    }
    return table;
}
constexpr auto kTable = make_table();

}  // namespace

uint32_t crc32c_extend(uint32_t crc, const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    uint32_t c = ~crc;
    for (std::size_t i = 0; i < n; ++i) c = kTable[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return ~c;
}

}  // namespace wb::formats::checkpoint
