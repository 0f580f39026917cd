// SPDX-License-Identifier: Apache-2.0
// The executor's fast path for graphs without TF1 control flow: runs a LinearSchedule. Same
// kernels, same order, same buffer lifetimes (a value is dropped after its last consumer ran)
// and the same residual folding as the dataflow executor, without its per-node bookkeeping.
#include <chrono>
#include <deque>
#include <exception>

#include "runtime/executor/exec_context.h"
#include "runtime/executor/executor.h"
#include "runtime/executor/linear_schedule.h"
#include "runtime/memory_pool.h"

namespace wb::runtime {

namespace {

class LinearKernelContext final : public ExecContextBase {
public:
    LinearKernelContext(std::vector<ir::Tensor>& values, std::deque<ir::Tensor>& outputs, ThreadPool& pool,
                        MemoryPool& memory)
        : ExecContextBase(outputs, pool, memory), values_(values) {}
    void start(const PlanNode& p, const LinearStep& s) {
        p_ = &p;
        s_ = &s;
        reset_offer();
    }
    const ir::Node& node() const override { return *p_->node; }
    int num_inputs() const override { return static_cast<int>(s_->inputs.size()); }
    const ir::Tensor& input(int i) const override { return values_[s_->inputs[i]]; }

private:
    std::vector<ir::Tensor>& values_;
    const PlanNode* p_ = nullptr;
    const LinearStep* s_ = nullptr;
};

}  // namespace

Expected<std::vector<ir::Tensor>> Executor::run_linear(const LinearSchedule& s, const ExecRequest& request,
                                                       RunStats& stats, const Progress& progress) {
    auto& nodes = plan_.nodes();
    std::vector<ir::Tensor> values(s.num_values);
    std::vector<int> remaining = s.uses;
    std::vector<int> folded(s.steps.size(), -1);  // per Add step: the input its producer added into
    std::vector<ir::Tensor> results(request.fetches.size());
    for (const auto& [v, t] : s.constants) values[v] = t;
    for (const auto& [i, v] : s.feed_values) values[v] = request.feeds[i].second.second;
    for (const auto& [v, i] : s.fed_fetches) results[i] = values[v];
    auto release = [&](int v) {
        if (--remaining[v] == 0) values[v] = ir::Tensor();
    };

    std::deque<ir::Tensor> outputs;
    LinearKernelContext ctx(values, outputs, pool_, memory_);
    for (std::size_t k = 0; k < s.steps.size(); ++k) {
        if (progress.cancelled()) return Error{{}, {}, "run cancelled"};
        const LinearStep& step = s.steps[k];
        const PlanNode& p = nodes[step.node];
        if (!p.runnable) return p.kernel_missing;
        outputs.clear();
        outputs.resize(step.num_outputs);
        ctx.start(p, step);
        const bool fold = step.fold_add >= 0 && values[step.fold_operand].valid();
        // In place only when the pool's buffer is held by nobody but the Add (its last consumer).
        if (fold)
            ctx.offer(&values[step.fold_operand], remaining[step.fold_operand] == 1 &&
                                                      memory_.exclusively_held(values[step.fold_operand].buffer(), 1));
        auto t0 = std::chrono::steady_clock::now();
        Status st = Ok{};
        if (folded[k] >= 0) {
            outputs[0] = values[step.inputs[folded[k]]];  // the producer added the other operand
        } else {
            try {
                st = step.fused ? step.fused->compute(ctx) : p.kernel->compute(ctx);
            } catch (const std::exception& e) {
                st = kernel_error(*p.node, e.what());
            }
        }
        if (!st) return st.error();
        if (fold && ctx.added()) {
            folded[step.fold_add] = step.fold_slot;
            release(step.fold_operand);  // the Add will not read it
        }
        if (profile_) {
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            // A fused step is timed as a whole, under its last node's name and the ops it ran.
            stats.node_times.push_back({p.node->name, step.fused ? step.fused_ops : p.node->op, ms});
        }
        for (std::size_t o = 0; o < p.out_edges.size(); ++o)
            if (!p.out_edges[o].empty() && (o >= outputs.size() || !outputs[o].valid()))
                return kernel_error(*p.node, "output " + std::to_string(o) + " was not produced");
        for (auto [out, i] : step.fetch_slots) results[i] = outputs[out];
        for (int o = 0; o < step.num_outputs; ++o)
            if (s.uses[step.first_output + o] > 0) values[step.first_output + o] = std::move(outputs[o]);
        outputs.clear();  // unconsumed outputs go now, as in the dataflow executor
        for (std::size_t i = 0; i < step.inputs.size(); ++i)
            if (folded[k] < 0 || static_cast<int>(i) == folded[k]) release(step.inputs[i]);
        if ((k + 1) % 64 == 0) progress.report(0.0, p.node->name);
    }
    stats.peak_activation_bytes = memory_.reserved_bytes();
    return results;
}

}  // namespace wb::runtime
