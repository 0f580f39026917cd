// SPDX-License-Identifier: Apache-2.0
#include "runtime/bench.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <numeric>
#include <sstream>
#include <thread>

#include <time.h>

#include <nlohmann/json.hpp>

#include "runtime/work_count.h"
#include "util/proc_memory.h"

namespace wb::runtime {

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double cpu_ms_now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    if (v.empty()) return 0.0;
    const double pos = p * (v.size() - 1);
    const std::size_t lo = static_cast<std::size_t>(pos);
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

}  // namespace

Expected<BenchResult> run_benchmark(std::shared_ptr<const ir::Model> model, const BenchOptions& options,
                                    const Progress& progress) {
    BenchResult r;
    r.threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    auto t0 = Clock::now();
    auto session = Session::create(model, SessionOptions{options.threads, false});
    if (!session) return session.error();
    r.session_ms = ms_since(t0);
    const int total = std::max(0, options.warmup) + std::max(1, options.runs) + std::max(0, options.profile_runs);
    int done = 0;
    auto step = [&](const char* stage) -> bool {
        progress.report(static_cast<double>(++done) / total, stage);
        return !progress.cancelled();
    };
    std::vector<double> times, cpu_times;
    for (int i = 0; i < std::max(0, options.warmup) + std::max(1, options.runs); ++i) {
        // A stateful model (resource variables) starts every run from its initial state: each
        // run does the same work and repeated runs cannot drift its values (untimed).
        (*session)->reset_states();
        const double cpu0 = cpu_ms_now();
        t0 = Clock::now();
        auto out = (*session)->run(options.feeds, options.fetches);
        const double ms = ms_since(t0);
        const double cpu_ms = cpu_ms_now() - cpu0;
        if (!out) return out.error();
        r.run_ms.push_back(ms);
        if (i == 0) {
            r.first_run_ms = ms;
        }
        if (i >= std::max(0, options.warmup)) {
            times.push_back(ms);
            cpu_times.push_back(cpu_ms);
        }
        if (!step("timed runs")) return Error{{}, {}, "benchmark cancelled"};
    }
    r.runs = static_cast<int>(times.size());
    r.median_ms = percentile(times, 0.5);
    r.p90_ms = percentile(times, 0.9);
    r.median_cpu_ms = percentile(cpu_times, 0.5);
    r.min_ms = *std::min_element(times.begin(), times.end());
    r.mean_ms = std::accumulate(times.begin(), times.end(), 0.0) / times.size();
    r.peak_activation_bytes = (*session)->last_stats().peak_activation_bytes;
    r.plan_lower_bound_bytes = (*session)->last_stats().lower_bound_activation_bytes;
    session.value().reset();  // free the timed session before the profiled one

    if (options.profile_runs > 0) {
        auto profiled = Session::create(model, SessionOptions{options.threads, true});
        if (!profiled) return profiled.error();
        // One untimed run first: kernels create their primitives and the memory plan is
        // recorded there, which is first-run cost, not the per-node time the table reports.
        if (auto warm = (*profiled)->run(options.feeds, options.fetches); !warm) return warm.error();
        std::map<std::string, NodeTime> sum;
        std::vector<std::string> order;
        for (int i = 0; i < options.profile_runs; ++i) {
            (*profiled)->reset_states();
            auto out = (*profiled)->run(options.feeds, options.fetches);
            if (!out) return out.error();
            for (const auto& nt : (*profiled)->last_stats().node_times) {
                auto [it, inserted] = sum.emplace(nt.node, NodeTime{nt.node, nt.op, 0.0});
                if (inserted) order.push_back(nt.node);
                it->second.ms += nt.ms / options.profile_runs;
            }
            if (!step("profiling")) return Error{{}, {}, "benchmark cancelled"};
        }
        std::map<std::string, OpTypeTime> by_op;
        for (const auto& name : order) {
            const NodeTime& nt = sum[name];
            r.nodes.push_back(nt);
            auto& ot = by_op[nt.op];
            ot.op = nt.op;
            ot.count++;
            ot.ms += nt.ms;
        }
        for (auto& [op, ot] : by_op) r.op_types.push_back(ot);
        std::stable_sort(r.nodes.begin(), r.nodes.end(), [](const NodeTime& a, const NodeTime& b) { return a.ms > b.ms; });
        std::stable_sort(r.op_types.begin(), r.op_types.end(), [](const OpTypeTime& a, const OpTypeTime& b) { return a.ms > b.ms; });
    }
    r.peak_rss_bytes = peak_rss_bytes();
    r.huge_page_bytes = huge_page_bytes();
    // Counted last: the counting run keeps every conv output alive, which is not the model's
    // footprint (peak RSS is read before it).
    if (auto counting = Session::create(model, SessionOptions{options.threads, false}))
        r.flops = count_run_flops(*model, **counting, options.feeds);
    if (r.flops > 0 && r.median_ms > 0) r.gflops = r.flops / (r.median_ms * 1e6);
    return r;
}

std::string bench_to_json(const BenchResult& r) {
    nlohmann::json j;
    j["load_ms"] = r.load_ms;
    j["session_ms"] = r.session_ms;
    j["first_run_ms"] = r.first_run_ms;
    j["median_ms"] = r.median_ms;
    j["min_ms"] = r.min_ms;
    j["mean_ms"] = r.mean_ms;
    j["p90_ms"] = r.p90_ms;
    j["median_cpu_ms"] = r.median_cpu_ms;
    j["runs"] = r.runs;
    j["threads"] = r.threads;
    j["peak_activation_bytes"] = r.peak_activation_bytes;
    j["plan_lower_bound_bytes"] = r.plan_lower_bound_bytes;
    j["peak_rss_bytes"] = r.peak_rss_bytes;
    j["huge_page_bytes"] = r.huge_page_bytes;
    j["flops"] = r.flops;
    j["gflops"] = r.gflops;
    j["op_types"] = nlohmann::json::array();
    for (const auto& o : r.op_types) j["op_types"].push_back({{"op", o.op}, {"count", o.count}, {"ms", o.ms}});
    j["nodes"] = nlohmann::json::array();
    for (const auto& n : r.nodes) j["nodes"].push_back({{"node", n.node}, {"op", n.op}, {"ms", n.ms}});
    return j.dump();
}

std::string bench_to_text(const BenchResult& r, int max_nodes) {
    std::ostringstream os;
    char line[512];
    std::snprintf(line, sizeof line,
                  "load %.2f ms, session %.2f ms, first run %.3f ms\n"
                  "%d runs on %d threads: median %.3f ms, min %.3f, mean %.3f, p90 %.3f\n"
                  "activations: peak %.2f MiB, plan lower bound %.2f MiB (%.2fx); peak RSS %.1f MiB, %.0f MiB on huge "
                  "pages\n",
                  r.load_ms, r.session_ms, r.first_run_ms, r.runs, r.threads, r.median_ms, r.min_ms, r.mean_ms,
                  r.p90_ms, r.peak_activation_bytes / 1048576.0, r.plan_lower_bound_bytes / 1048576.0,
                  r.plan_lower_bound_bytes ? double(r.peak_activation_bytes) / r.plan_lower_bound_bytes : 0.0,
                  r.peak_rss_bytes / 1048576.0, r.huge_page_bytes / 1048576.0);
    os << line;
    if (r.flops > 0) {
        std::snprintf(line, sizeof line, "conv/matmul work: %.4f GFLOP per run, %.1f GFLOPS at the median\n",
                      r.flops * 1e-9, r.gflops);
        os << line;
    }
    if (!r.op_types.empty()) {
        double total = 0;
        for (const auto& o : r.op_types) total += o.ms;
        os << "\nper op type (profiled):\n";
        for (const auto& o : r.op_types) {
            std::snprintf(line, sizeof line, "  %-28s %4d nodes %9.3f ms %5.1f%%\n", o.op.c_str(), o.count, o.ms,
                          total > 0 ? 100.0 * o.ms / total : 0.0);
            os << line;
        }
        os << "\nslowest nodes (profiled):\n";
        for (int i = 0; i < static_cast<int>(r.nodes.size()) && i < max_nodes; ++i) {
            std::snprintf(line, sizeof line, "  %9.3f ms  %-20s %s\n", r.nodes[i].ms, r.nodes[i].op.c_str(),
                          r.nodes[i].node.c_str());
            os << line;
        }
    }
    return os.str();
}

}  // namespace wb::runtime
