// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ir/tensor.h"
#include "runtime/executor/graph_plan.h"

namespace wb::runtime {

struct ExecRequest;

// A graph without TF1 control flow runs the same way every time: the dataflow executor's ready
// order is fixed by the structure alone. This is that order computed once per (feeds, fetches),
// with every tensor numbered as a "value" slot and its number of consumers counted, so a run is
// a loop over steps with array indexing and no per-node state maps, queues or allocations.
// Const nodes are bound once here and never run.
struct LinearStep {
    int node = -1;
    std::vector<int> inputs;  // value per data input
    int first_output = 0;     // outputs are values first_output .. first_output + num_outputs - 1
    int num_outputs = 0;
    std::vector<std::pair<int, int>> fetch_slots;  // (output, result index) fetched from this step
    // Residual folding candidate (KernelContext::residual): this step's only consumer is the Add
    // at step fold_add, whose other operand (value fold_operand) is ready before this step runs.
    int fold_add = -1;
    int fold_slot = -1;  // the Add's input fed by this step
    int fold_operand = -1;
    // Set when this step runs two nodes as one (pair_blocks): `node` is the second, inputs are
    // the first's then the second's after the one joining them.
    std::shared_ptr<Kernel> fused;
    std::string fused_ops;  // profile label of a fused step: the nodes' ops joined by '+'
};

struct LinearSchedule {
    std::vector<int> feed_nodes;               // request key, in request order
    std::vector<std::pair<int, int>> fetches;  // request key
    bool usable = true;  // false: this request needs the dataflow executor (only the key is set)
    std::vector<LinearStep> steps;
    int num_values = 0;
    std::vector<int> uses;                               // consumers per value among the steps
    std::vector<std::pair<int, ir::Tensor>> constants;   // value ← Const tensor, bound per run
    std::vector<std::pair<int, int>> feed_values;        // (request feed index, value)
    std::vector<std::pair<int, int>> fed_fetches;        // (value, result index): fetches of fed tensors

    bool matches(const ExecRequest& request) const;
};

// Not `usable` when the request needs the dataflow executor: TF1 control flow among the needed
// nodes, or nodes that would never become ready (cycles), so errors stay the dataflow executor's.
std::unique_ptr<LinearSchedule> build_linear_schedule(const GraphPlan& plan, const ExecRequest& request,
                                                      const std::vector<char>& needed);

// Merges steps that a kernel runs better together (conv::expand_depthwise.h): adjacent steps
// whose joining tensor nobody else needs. `fetched[n]`: some output of node n is fetched.
void pair_blocks(const GraphPlan& plan, LinearSchedule& schedule, const std::vector<char>& fetched);

// WB_EXECUTOR=dataflow switches the linear path off (A/B comparisons, debugging).
bool linear_executor_enabled();

}  // namespace wb::runtime
