// SPDX-License-Identifier: Apache-2.0
// The benchmark behind `tfjs-wb bench` and the GUI's benchmark page: first run reported apart,
// then median/min/mean/p90 over timed runs, memory plan figures, and per-op-type and per-node
// tables from a separate profiled session (profiling never slows the timed runs).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "ir/model.h"
#include "runtime/session.h"
#include "util/progress.h"

namespace wb::runtime {

struct BenchOptions {
    int runs = 20;
    int warmup = 1;
    int threads = 0;
    int profile_runs = 5;  // 0 = no per-node table
    std::vector<NamedTensor> feeds;
    std::vector<std::string> fetches;  // empty = model outputs
};

struct OpTypeTime {
    std::string op;
    int count = 0;
    double ms = 0.0;  // mean per run, summed over nodes of this type
};

struct BenchResult {
    double load_ms = 0.0;            // filled by the caller (reading the model)
    double session_ms = 0.0;         // kernels created, weights packed
    double first_run_ms = 0.0;
    double median_ms = 0.0, min_ms = 0.0, mean_ms = 0.0, p90_ms = 0.0;
    // CPU time of the process per run (all threads, spinning included): on one thread a
    // figure that other load on the machine barely moves, for A/B comparisons.
    double median_cpu_ms = 0.0;
    int runs = 0;
    int threads = 0;
    std::vector<double> run_ms;      // every run in order, warm-up runs first (per-run chart)
    std::size_t peak_activation_bytes = 0;
    std::size_t plan_lower_bound_bytes = 0;
    std::size_t peak_rss_bytes = 0;
    // Of the process's memory, what lies on transparent huge pages (util/huge_page_heap.h): a
    // figure that moves the timings by a few percent, shown so that runs can be compared.
    std::size_t huge_page_bytes = 0;
    // Conv/matmul FLOPs of one run (runtime/work_count.h) and what the median run achieved;
    // 0 when the model has none.
    double flops = 0.0;
    double gflops = 0.0;
    std::vector<OpTypeTime> op_types;  // slowest first
    std::vector<NodeTime> nodes;       // slowest first, mean ms per run
};

Expected<BenchResult> run_benchmark(std::shared_ptr<const ir::Model> model, const BenchOptions& options,
                                    const Progress& progress = {});
std::string bench_to_json(const BenchResult& result);
std::string bench_to_text(const BenchResult& result, int max_nodes = 25);

}  // namespace wb::runtime
