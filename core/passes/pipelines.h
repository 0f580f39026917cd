// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ir/model.h"
#include "passes/pass_manager.h"

namespace wb::passes {

struct PipelineOptions {
    std::vector<std::string> only;  // when non-empty: run just these, in pipeline order
    std::vector<std::string> skip;  // switched off by name (every occurrence)
    bool strip_debug_ops = true;    // the converter's --strip_debug_ops (default on)
    int validate = -1;              // -1: debug builds only, 0: never, 1: after every pass
    std::size_t max_folded_bytes = 10u << 20;
    std::function<void(const PassReport&, const ir::Graph&)> after_pass;
};

// Every pass by name, sorted; one registry (make_pass) creates them.
std::vector<std::string> all_pass_names();
std::unique_ptr<Pass> make_pass(std::string_view name);
// The converter's order (spec §6.2): Grappler pass 1 twice over, fold_batch_norms,
// normalize_bias_add, CPU placement, Grappler pass 2 (remap), then the converter's own fusions.
std::vector<std::string> default_pipeline_order(bool strip_debug_ops = true);
// The default order with options applied; an unknown pass name is an error naming it.
Expected<PassManager> build_pipeline(const PipelineOptions& options);
// Runs the pipeline on the model's graph in place, protecting its signature inputs and outputs.
Expected<PipelineReport> run_default_pipeline(ir::Model& model, const PipelineOptions& options = {},
                                              const Progress& progress = {});

}  // namespace wb::passes
