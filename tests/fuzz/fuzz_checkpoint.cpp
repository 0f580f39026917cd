// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the TensorFlow checkpoint (tensor bundle) reader: the index table and
// one data shard come from a single input, laid out as
//   [u32 little-endian index length][index bytes][data shard bytes]
// (tests/fuzz/run_fuzzers.sh packs corpus variables.index + variables.data-* the same way).
// The bundle is opened and every tensor it lists is read; any crash, hang, leak or sanitizer
// report is a bug.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "formats/checkpoint/tensor_bundle.h"

namespace fs = std::filesystem;

namespace {

fs::path prefix() {
    static const fs::path p = [] {
        fs::path d = fs::temp_directory_path() / ("wb-fuzz-ckpt-" + std::to_string(getpid()));
        fs::create_directories(d);
        return d / "variables";
    }();
    return p;
}

void write(const fs::path& file, const uint8_t* data, size_t size) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 4) return 0;
    const size_t declared = size_t(data[0]) | size_t(data[1]) << 8 | size_t(data[2]) << 16 | size_t(data[3]) << 24;
    const size_t index_size = declared < size - 4 ? declared : size - 4;
    write(prefix().string() + ".index", data + 4, index_size);
    write(wb::formats::checkpoint::shard_path(prefix(), 0, 1), data + 4 + index_size, size - 4 - index_size);
    auto bundle = wb::formats::checkpoint::TensorBundle::open(prefix());
    if (!bundle) return 0;
    // Shards other than 0-of-1 are missing on purpose: that path must fail cleanly too.
    for (const auto& key : bundle->keys()) (void)bundle->read(key);
    return 0;
}
