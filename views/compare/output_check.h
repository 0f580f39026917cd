// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "ir/model.h"
#include "util/error.h"

namespace wb::views {

// How far one output of the optimized graph is from the original's, on the same inputs.
struct OutputDifference {
    std::string output;
    std::string shape;
    double max_abs = 0;  // max |a − b| over the elements
    double max_rel = 0;  // max_abs / max |a| (relative to the original output's range)
};

// Runs both graphs on the bundled runtime with the same seeded inputs (the reference runner's
// fill rules, seed 42) and compares every output of the original model, by name.
// Slow: call it off the UI thread.
Expected<std::vector<OutputDifference>> compare_outputs(std::shared_ptr<const ir::Model> original,
                                                        std::shared_ptr<const ir::Model> optimized);

}  // namespace wb::views
