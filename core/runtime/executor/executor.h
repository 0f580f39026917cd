// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ir/tensor.h"
#include "runtime/executor/graph_plan.h"
#include "runtime/session.h"
#include "util/progress.h"

namespace wb::runtime {

class MemoryPool;
struct LinearSchedule;

// One run of a GraphPlan: a dataflow executor with TensorFlow's semantics for dead tensors
// (Switch/Merge) and frames with iterations (Enter/Exit/NextIteration), so TF1 loops and
// conditionals run as written. Nodes run one at a time in ready order; each kernel uses the
// thread pool inside (one parallel region per op). An input is released as soon as its
// consumer has run, which returns its buffer to the memory pool. Graphs without control flow
// take a fast path over a precomputed schedule (linear_schedule.h), same order and lifetimes.
struct ExecRequest {
    std::vector<std::pair<int, std::pair<int, ir::Tensor>>> feeds;  // node, (output, value)
    std::vector<std::pair<int, int>> fetches;                      // node, output
};

class Executor {
public:
    Executor(GraphPlan& plan, ThreadPool& pool, MemoryPool& memory, bool profile)
        : plan_(plan), pool_(pool), memory_(memory), profile_(profile) {}
    Expected<std::vector<ir::Tensor>> run(const ExecRequest& request, RunStats& stats,
                                          const Progress& progress);

private:
    Expected<std::vector<ir::Tensor>> run_linear(const LinearSchedule& schedule, const ExecRequest& request,
                                                 RunStats& stats, const Progress& progress);

    GraphPlan& plan_;
    ThreadPool& pool_;
    MemoryPool& memory_;
    bool profile_;
};

// Which nodes must run for these fetches (feeds cut the graph above them).
std::vector<char> needed_nodes(const GraphPlan& plan, const ExecRequest& request);

}  // namespace wb::runtime
