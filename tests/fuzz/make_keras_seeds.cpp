// SPDX-License-Identifier: Apache-2.0
// Writes small valid .keras archives into the folder given as argument: the seeds of
// fuzz_keras_zip (the corpus holds no .keras file). Same builder as tst_malformed's.
#include <cstdio>
#include <filesystem>

#include "keras_zip.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_keras_seeds <folder>\n");
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    for (auto [inputs, units] : {std::pair{2, 1}, {3, 2}, {8, 4}}) {
        auto entries = wb::test::tiny_keras_entries(inputs, units);
        const auto stem = "tiny_" + std::to_string(inputs) + "x" + std::to_string(units);
        wb::test::write_zip(dir / (stem + ".keras"), entries);
        for (auto& e : entries) e.deflate = e.data.size() <= 0xFFFF;  // deflate stored blocks too
        wb::test::write_zip(dir / (stem + "_deflate.keras"), entries);
    }
    return 0;
}
