// SPDX-License-Identifier: Apache-2.0
#include "passes/pass_manager.h"

#include <chrono>
#include <cstdio>

#include "ir/validate.h"

namespace wb::passes {

std::string PassReport::summary() const {
    if (did_nothing()) return pass + ": did nothing";
    long delta = static_cast<long>(nodes_after) - static_cast<long>(nodes_before);
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s: %zu nodes (%s%ld), %.1f ms", pass.c_str(), nodes_after,
                  delta > 0 ? "+" : (delta == 0 ? "\u00b1" : ""), delta, ms);
    return buf;
}

std::string PipelineReport::text() const {
    std::string out;
    for (const auto& p : passes) out += p.summary() + "\n";
    char buf[160];
    std::snprintf(buf, sizeof buf, "total: %zu -> %zu nodes, %.1f ms\n", nodes_before, nodes_after, total_ms);
    out += buf;
    for (const auto& w : warnings) out += "warning: " + w + "\n";
    return out;
}

PassManager::PassManager() {
#ifndef NDEBUG
    validate_ = true;
#endif
}

Expected<PipelineReport> PassManager::run(ir::Graph& graph, PassContext& ctx, const Progress& progress) const {
    using Clock = std::chrono::steady_clock;
    PipelineReport report;
    report.nodes_before = graph.size();
    const Progress* saved = ctx.progress;
    ctx.progress = &progress;
    auto start = Clock::now();
    for (std::size_t k = 0; k < passes_.size(); ++k) {
        if (progress.cancelled()) {
            ctx.progress = saved;
            return Error{{}, "pass '" + passes_[k]->name() + "'", "optimization cancelled"};
        }
        progress.report(static_cast<double>(k) / passes_.size(), passes_[k]->name());
        PassReport r;
        r.pass = passes_[k]->name();
        r.nodes_before = graph.size();
        auto t0 = Clock::now();
        r.log = passes_[k]->run(graph, ctx);
        r.ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        r.nodes_after = graph.size();
        if (validate_) {
            Status ok = ir::validate(graph);
            if (!ok) {
                ctx.progress = saved;
                return Error{ok.error().file, "pass '" + r.pass + "'",
                             "left an invalid graph: " + ok.error().what()};
            }
        }
        if (after_pass) after_pass(r, graph);
        report.passes.push_back(std::move(r));
    }
    progress.report(1.0, "done");
    report.total_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    report.nodes_after = graph.size();
    report.warnings = ctx.warnings;
    ctx.progress = saved;
    return report;
}

}  // namespace wb::passes
