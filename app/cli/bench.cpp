// SPDX-License-Identifier: Apache-2.0
// `tfjs-wb bench MODEL [--runs N] [--warmup N] [--threads T] [--shape name=d0,..] [--input inputs.json]
// [--simplify] [--json]`: load time, first run apart, median/min/mean/p90 of the timed runs, memory, and
// per-op-type and per-node tables (the statistics live in core/runtime/bench for the GUI).
#include <chrono>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/run_common.h"
#include "formats/registry.h"
#include "passes/pipelines.h"
#include "runtime/bench.h"

namespace wb::cli {

namespace {

class BenchCommand : public Command {
public:
    std::string name() const override { return "bench"; }
    std::string summary() const override { return "Benchmark a model in the bundled runtime"; }
    void configure(CLI::App& app) override {
        opts_.add_to(app, true);
        app.add_option("--runs", options_.runs, "Timed runs")->check(CLI::PositiveNumber);
        app.add_option("--warmup", options_.warmup, "Untimed runs before the timed ones (the first is reported apart)")
            ->check(CLI::NonNegativeNumber);
        app.add_option("--threads", options_.threads, "Worker threads (0 = all cores)");
        app.add_option("--profile-runs", options_.profile_runs, "Profiled runs for the per-node table (0 = none)");
        app.add_flag("--simplify", simplify_,
                     "Run the converter's graph passes first (constant folding, batch-norm folding, conv/matmul + "
                     "bias + activation fusion, ...): the graph as `convert` exports it, e.g. for a Keras or layers model");
        app.add_flag("--json", json_, "Print one JSON object");
        app.footer("Examples:\n"
                   "  tfjs-wb bench web_model/model.json --runs 50 --threads 2\n"
                   "  tfjs-wb bench model.h5 --simplify --json\n"
                   "  tfjs-wb bench saved_model/ --shape input=1,224,224,3 --fill random --seed 1\n"
                   "Timings move with the machine's load: compare runs interleaved, by their medians.\n"
                   "The process heap is put on 2 MB transparent huge pages where the kernel offers them\n"
                   "(a few percent faster; the report says how much lies on them); WB_HUGE_PAGES=0 keeps\n"
                   "it on 4 KB pages.");
    }
    int run() override {
        runtime::InputSpec spec;
        std::string error;
        if (!opts_.to_spec(spec, error)) return fail(error);
        auto t0 = std::chrono::steady_clock::now();
        auto model = formats::read_model(opts_.model);
        if (!model) return fail(model.error().what());
        if (simplify_)
            if (auto report = passes::run_default_pipeline(*model); !report) return fail(report.error().what());
        const double load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        auto shared = std::make_shared<const ir::Model>(std::move(*model));
        auto inputs = runtime::make_inputs(*shared, spec);
        if (!inputs) return fail(inputs.error().what());
        options_.feeds = std::move(*inputs);
        options_.fetches = opts_.fetches();
        auto result = runtime::run_benchmark(shared, options_);
        if (!result) return fail(result.error().what());
        result->load_ms = load_ms;
        if (json_) std::cout << runtime::bench_to_json(*result) << "\n";
        else std::cout << runtime::bench_to_text(*result);
        return 0;
    }

private:
    RunInputOptions opts_;
    runtime::BenchOptions options_;
    bool json_ = false;
    bool simplify_ = false;
};

}  // namespace

std::unique_ptr<Command> make_bench_command() { return std::make_unique<BenchCommand>(); }

}  // namespace wb::cli
