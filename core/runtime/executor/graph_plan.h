// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/graph.h"
#include "runtime/kernel.h"
#include "util/error.h"

namespace wb::runtime {

class ThreadPool;
struct LinearSchedule;

// How the executor treats a node: TF1 control-flow primitives are handled by the executor
// itself (they move tensors between frames and carry deadness); everything else is a kernel.
enum class NodeKind { Kernel, Switch, Merge, Enter, Exit, NextIteration };

struct Edge {
    int node = -1;  // consumer
    int slot = 0;   // consumer's data input index, -1 for a control edge
};

struct PlanNode {
    const ir::Node* node = nullptr;
    NodeKind kind = NodeKind::Kernel;
    std::vector<std::pair<int, int>> inputs;  // (producer, output index)
    std::vector<int> control_inputs;
    int num_outputs = 1;
    std::vector<std::vector<Edge>> out_edges;  // per output
    std::vector<int> control_out;
    int forward_merge_inputs = 0;  // Merge: data inputs that are not loop back edges
    bool constant_enter = false;
    std::string frame_name;
    std::unique_ptr<Kernel> kernel;
    Error kernel_missing;  // set when no kernel exists or prepare failed; raised only if run
    bool runnable = true;
};

// The immutable structure of one graph, built once per session: node indices, edges, kernels
// (created and prepared here, so weight packing happens once).
class GraphPlan {
public:
    static Expected<std::unique_ptr<GraphPlan>> build(const ir::Graph& graph, ThreadPool& pool);

    std::vector<PlanNode>& nodes() { return nodes_; }
    const std::vector<PlanNode>& nodes() const { return nodes_; }
    int find(const std::string& name) const;
    // The constant value behind output 0 of a node (Const, possibly through Identity), or null.
    const ir::Tensor* constant_output(int node) const;
    // The executor's schedule for the last request (see linear_schedule.h), rebuilt when the
    // feeds or fetches change.
    std::shared_ptr<LinearSchedule>& linear_schedule() { return linear_; }

private:
    std::shared_ptr<LinearSchedule> linear_;
    std::vector<PlanNode> nodes_;
    std::unordered_map<std::string, int> index_;
};

}  // namespace wb::runtime
