// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for one model reader. The bytes become a file (WB_FUZZ_LAYOUT says where:
// a lone file with WB_FUZZ_FILE as its name, or that file inside a model folder) which the
// format registry reads; any crash, hang, leak or sanitizer report is a bug.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "formats/keras_h5/isolated_read.h"
#include "formats/registry.h"

namespace fs = std::filesystem;

namespace {

fs::path scratch() {
    static const fs::path dir = [] {
        fs::path d = fs::temp_directory_path() / ("wb-fuzz-" + std::to_string(getpid()));
        fs::create_directories(d / "model");
        return d;
    }();
    return dir;
}

}  // namespace

// The Keras readers run libhdf5 in a sandboxed child (isolated_read.h): its crashes and hangs are
// errors, not findings. A hang ends there after 1 s (a seed reads in < 0.1 s under ASan): well
// before libFuzzer's -timeout (10 s) would blame us, and short, as the fuzzer keeps finding
// inputs on which libhdf5 loops forever (tst_fuzz_regressions replays one).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    wb::formats::keras::cap_isolation_time(std::chrono::seconds(1));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const fs::path file = scratch() / "model" / WB_FUZZ_FILE;
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    // Folder formats (SavedModel, Hub module) are opened by their directory.
    const fs::path open = std::string(WB_FUZZ_OPEN) == "dir" ? file.parent_path() : file;
    auto model = wb::formats::read_model(open);
    (void)model;
    return 0;
}
