// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "passes/pass.h"
#include "util/error.h"
#include "util/progress.h"

namespace wb::passes {

// What one pass did, with its size before and after (Grappler's PrintSizesBeforeAfter).
struct PassReport {
    std::string pass;
    std::size_t nodes_before = 0;
    std::size_t nodes_after = 0;
    double ms = 0.0;
    ChangeLog log;

    bool did_nothing() const { return log.empty(); }
    // "fold_constants: 120 nodes (-34), 2.1 ms" or "fold_constants: did nothing".
    std::string summary() const;
};

struct PipelineReport {
    std::vector<PassReport> passes;
    std::size_t nodes_before = 0;
    std::size_t nodes_after = 0;
    double total_ms = 0.0;
    std::vector<std::string> warnings;

    std::string text() const;  // one summary line per pass, then the total
};

// Runs passes in order. In debug builds (or with set_validate(true)) ir::validate() runs
// after each pass and a failure names the pass. Cancellation is checked between passes.
class PassManager {
public:
    PassManager();
    void add(std::unique_ptr<Pass> pass) { passes_.push_back(std::move(pass)); }
    const std::vector<std::unique_ptr<Pass>>& passes() const { return passes_; }
    void set_validate(bool on) { validate_ = on; }
    // Called after each pass, e.g. for `optimize --print-after`.
    std::function<void(const PassReport&, const ir::Graph&)> after_pass;

    Expected<PipelineReport> run(ir::Graph& graph, PassContext& ctx, const Progress& progress = {}) const;

private:
    std::vector<std::unique_ptr<Pass>> passes_;
    bool validate_ = false;
};

}  // namespace wb::passes
