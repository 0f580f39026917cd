// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <cstdint>

namespace wb::formats::checkpoint {

// CRC-32C (Castagnoli), as LevelDB tables and TensorFlow tensor bundles use it.
uint32_t crc32c_extend(uint32_t crc, const void* data, std::size_t n);
inline uint32_t crc32c(const void* data, std::size_t n) { return crc32c_extend(0, data, n); }

// LevelDB stores "masked" CRCs so that a CRC of data containing CRCs stays well distributed.
inline uint32_t crc32c_mask(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + 0xa282ead8u; }
inline uint32_t crc32c_unmask(uint32_t masked) {
    uint32_t rot = masked - 0xa282ead8u;
    return (rot >> 17) | (rot << 15);
}

}  // namespace wb::formats::checkpoint
