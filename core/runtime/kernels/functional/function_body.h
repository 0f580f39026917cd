// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ir/graph.h"
#include "runtime/executor/graph_plan.h"
#include "runtime/memory_pool.h"
#include "util/error.h"

namespace wb::runtime {

class ThreadPool;

// One FunctionDef of the model's library, turned into a graph of its own (arguments become
// Placeholders, "node:out_arg:k" references become "node:index") and run on a nested executor
// that shares the session's thread pool. Built once when the calling kernel is prepared.
class FunctionBody {
public:
    static Expected<std::unique_ptr<FunctionBody>> create(const std::vector<ir::Function>& library,
                                                          const std::string& name, ThreadPool& pool);
    std::size_t num_inputs() const { return args_.size(); }
    std::size_t num_outputs() const { return rets_.size(); }
    const std::string& name() const { return name_; }
    Expected<std::vector<ir::Tensor>> run(const std::vector<ir::Tensor>& args);

private:
    std::string name_;
    ir::Graph graph_;
    std::unique_ptr<GraphPlan> plan_;
    ThreadPool* pool_ = nullptr;
    MemoryPool memory_;
    std::vector<int> args_;                   // placeholder node per argument
    std::vector<std::pair<int, int>> rets_;  // (node, output) per result
};

// The function named by a NameAttrList attribute ("f", "then_branch", "body", ...).
std::string function_attr(const ir::Node& node, const std::string& key);

}  // namespace wb::runtime
