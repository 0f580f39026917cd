// SPDX-License-Identifier: Apache-2.0
// Writes the seeds of fuzz_keras_archive: the Keras .h5 files given as arguments, read through
// the sandboxed libhdf5 reader and encoded as its child sends them (archive_wire.h). Only full
// models (with a model_config) are kept, at most 40.
//   make_keras_archive_seeds <folder> <file.h5>...
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "formats/keras_h5/archive_wire.h"
#include "formats/keras_h5/isolated_read.h"

namespace fs = std::filesystem;
using namespace wb::formats;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: make_keras_archive_seeds <folder> <file.h5>...\n");
        return 2;
    }
    const fs::path dir = argv[1];
    fs::create_directories(dir);
    int written = 0;
    for (int i = 2; i < argc && written < 40; ++i) {
        const std::string file = argv[i];
        auto raw = keras::read_isolated(file, keras::isolation_limits(fs::file_size(file)),
                                        [&]() -> wb::Expected<keras::RawArchive> {
                                            auto h = h5::File::open(file);
                                            if (!h) return h.error();
                                            return keras::read_raw_archive(*h, file, false);
                                        });
        if (!raw || !raw->model_config) continue;
        std::ofstream out(dir / (std::to_string(++written) + "-" + fs::path(file).stem().string() + ".wire"),
                          std::ios::binary);
        const std::string bytes = keras::wire::encode(raw);
        out.write(bytes.data(), std::streamsize(bytes.size()));
    }
    std::printf("make_keras_archive_seeds: %d seeds in %s\n", written, dir.c_str());
    return written > 0 ? 0 : 1;
}
