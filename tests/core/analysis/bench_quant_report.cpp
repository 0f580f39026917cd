// SPDX-License-Identifier: Apache-2.0
// Benchmark (not a test): the full quantization report — float32 vs float16, uint8 and uint16,
// every activation compared — for a model over N random samples. Prints the wall time.
//   bench_quant_report [MODEL] [SAMPLES]   (default: nsfwjs mobilenet_v2_mid, 32 samples)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "analysis/quant_report.h"
#include "formats/registry.h"

int main(int argc, char** argv) {
    const char* shared = std::getenv("WB_SHARED_DIR");
    std::string model_path = argc > 1 ? argv[1]
                                      : std::string(shared ? shared : WB_DEFAULT_SHARED_DIR) +
                                            "/corpus/tfjs/nsfwjs/mobilenet_v2_mid/model.json";
    const int samples = argc > 2 ? std::atoi(argv[2]) : 32;
    auto model = wb::formats::read_model(model_path);
    if (!model) {
        std::fprintf(stderr, "bench_quant_report: %s\n", model.error().what().c_str());
        return 1;
    }
    std::size_t computed = 0;
    for (const auto& n : model->graph.nodes()) computed += n.is_const() ? 0 : 1;
    wb::analysis::QuantReportOptions options;
    options.random_count = samples;
    const auto start = std::chrono::steady_clock::now();
    auto report = wb::analysis::quant_report(*model, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!report) {
        std::fprintf(stderr, "bench_quant_report: %s\n", report.error().what().c_str());
        return 1;
    }
    std::printf("quant-report %s: %zu nodes (%zu computed), %d samples, %zu configurations, %zu activations "
                "compared each: %.2f s\n",
                model_path.c_str(), model->graph.size(), computed, report->samples, report->configs.size(),
                report->configs.empty() ? std::size_t(0) : report->configs[0].nodes.size(), seconds);
    return 0;
}
