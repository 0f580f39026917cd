// SPDX-License-Identifier: Apache-2.0
// Benchmark, not a test: what the libhdf5 sandbox (core/formats/keras_h5/isolated_read.h) costs.
// For each .h5 given (default: the two largest of the corpus) it prints the median of N
// interleaved runs of the former in-process read (libhdf5 in this process, then the JSON parse),
// of the sandboxed read (fork, libhdf5 in the child, result through a pipe), of read_model, and
// of a sandbox round trip doing no work (fork, empty result, exit: the fixed cost), and the CPU
// time the sandboxed read's child used (on a busy machine the wall-clock figures mostly measure
// waiting for a core).
//   bench_h5_read [--runs N] [file.h5...]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "formats/keras_h5/isolated_read.h"
#include "formats/keras_h5/keras_h5_reader.h"
#include "formats/keras_h5/raw_archive.h"
#include "formats/registry.h"

namespace fs = std::filesystem;
using namespace wb::formats;

namespace {

double median_ms(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

// Times `f`; a failed read ends the benchmark unless `may_fail` (read_model refuses some corpus
// models, e.g. those with Lambda layers; the reading is timed all the same).
double time_ms(const std::function<bool()>& f, bool may_fail = false) {
    const auto start = std::chrono::steady_clock::now();
    if (!f() && !may_fail) {
        std::fprintf(stderr, "bench_h5_read: a read failed\n");
        std::exit(1);
    }
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// CPU time (user + system) of all ended children so far, in ms: what the sandbox's child costs.
double children_cpu_ms() {
    rusage ru{};
    getrusage(RUSAGE_CHILDREN, &ru);
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 21;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = std::atoi(argv[++i]);
        else files.push_back(argv[i]);
    }
    if (files.empty())
        for (const char* rel : {"keras_h5/dl4j/weights/issue_9560.h5", "keras_h5/dl4j/examples/deepfm/deepfm.h5"})
            files.push_back(std::string(WB_DEFAULT_SHARED_DIR) + "/corpus/" + rel);
    std::printf("%-24s %6s %12s %12s %12s %14s %12s\n", "file", "MB", "in-process", "sandboxed", "read_model",
                "empty sandbox", "child CPU");
    for (const auto& file : files) {
        std::vector<double> direct, isolated, full, empty;
        double child_cpu = 0.0;
        for (int r = 0; r < runs; ++r) {
            direct.push_back(time_ms([&] {
                auto h = h5::File::open(file);
                if (!h) return false;
                auto raw = keras::read_raw_archive(*h, file, false);
                return raw && keras::finish_archive(std::move(*raw), file).ok();
            }));
            const double cpu_before = children_cpu_ms();
            isolated.push_back(time_ms([&] { return read_keras_archive(file).ok(); }));
            child_cpu += children_cpu_ms() - cpu_before;
            full.push_back(time_ms([&] { return read_model(file).ok(); }, true));
            empty.push_back(time_ms([&] {
                return keras::read_isolated(file, keras::isolation_limits(0), [] { return keras::RawArchive{}; }).ok();
            }));
        }
        std::printf("%-24s %6.2f %9.2f ms %9.2f ms %9.2f ms %11.2f ms %9.2f ms\n", fs::path(file).filename().c_str(),
                    double(fs::file_size(file)) / (1 << 20), median_ms(direct), median_ms(isolated), median_ms(full),
                    median_ms(empty), child_cpu / runs);
    }
    std::printf("(median of %d interleaved runs each; child CPU: mean user+system time of the sandboxed read's child)\n",
                runs);
    return 0;
}
