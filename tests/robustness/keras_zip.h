// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "mutations.h"

namespace wb::test {

// One member of a hand-written zip archive. The writer stores `data` as is (or as one raw
// deflate stored block when `deflate` is set) and can lie about it, which libzip's writer
// refuses to do: duplicated names, names with '..' or '/', symlink attributes, declared sizes.
struct ZipEntry {
    std::string name;
    std::string data;
    bool symlink = false;                         // unix mode S_IFLNK in the external attributes
    bool deflate = false;                         // method 8 (data must be < 64 KiB)
    std::optional<std::uint32_t> declared_size;   // uncompressed size written in both headers
};

// Writes the entries, in order, as a zip file.
void write_zip(const std::filesystem::path& file, const std::vector<ZipEntry>& entries);

// The members of a small, valid Keras 3 archive (keras.saving layout): config.json of a
// Sequential Input(`inputs`) -> Dense(`units`, relu), metadata.json, model.weights.h5 with
// layers/dense/vars/0 (kernel) and vars/1 (bias), the HDF5 file built in memory.
std::vector<ZipEntry> tiny_keras_entries(int inputs, int units);

// Hostile archives built from `base` (the members of a valid .keras): entries named '../x',
// '/abs/x' (and `absolute_probe`, which must stay absent), 'C:/x', backslashes; symlink entries;
// duplicated entries; zip bombs (deflate or stored members declaring sizes they cannot hold).
// Each rewrites the copied .keras and expects an error naming the offending entry.
std::vector<Mutation> keras_zip_mutations(const std::vector<ZipEntry>& base, const std::string& absolute_probe);

}  // namespace wb::test
