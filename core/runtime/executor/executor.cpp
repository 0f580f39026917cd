// SPDX-License-Identifier: Apache-2.0
#include "runtime/executor/executor.h"

#include <chrono>
#include <deque>
#include <exception>
#include <memory>

#include "runtime/executor/exec_context.h"
#include "runtime/executor/frames.h"
#include "runtime/executor/linear_schedule.h"
#include "runtime/memory_pool.h"
#include "runtime/thread_pool.h"

namespace wb::runtime {

namespace {

class ExecKernelContext final : public ExecContextBase {
public:
    ExecKernelContext(const PlanNode& p, std::vector<Entry>& inputs, std::deque<ir::Tensor>& outputs,
                      ThreadPool& pool, MemoryPool& memory)
        : ExecContextBase(outputs, pool, memory), p_(p), inputs_(inputs) {}
    const ir::Node& node() const override { return *p_.node; }
    int num_inputs() const override { return static_cast<int>(p_.inputs.size()); }
    const ir::Tensor& input(int i) const override { return inputs_[i].tensor; }

private:
    const PlanNode& p_;
    std::vector<Entry>& inputs_;
};

// The Add a kernel node may fold in (KernelContext::residual): the node's only consumer is an
// Add/AddV2 that waits for nothing else, and the node's own output is not fetched.
struct ResidualOffer {
    NodeState* add = nullptr;
    int slot = -1;  // the Add's input this node feeds
    Entry* operand = nullptr;
};

ResidualOffer offer_residual(const std::vector<PlanNode>& nodes, int n, FrameTable& frames, Frame* frame, int iter,
                             bool output_fetched) {
    const PlanNode& p = nodes[n];
    if (output_fetched || p.out_edges.empty() || p.out_edges[0].size() != 1) return {};
    for (std::size_t k = 1; k < p.out_edges.size(); ++k)
        if (!p.out_edges[k].empty()) return {};
    const Edge& e = p.out_edges[0][0];
    const PlanNode& add = nodes[e.node];
    if (add.kind != NodeKind::Kernel || !add.runnable || add.inputs.size() != 2 || e.slot < 0 ||
        (add.node->op != "AddV2" && add.node->op != "Add"))
        return {};
    NodeState* st = frames.find_state(frame, iter, e.node);
    if (!st || st->dead || st->pending != 1 || static_cast<int>(st->inputs.size()) != 2) return {};
    Entry& other = st->inputs[1 - e.slot];
    if (!other.has || other.dead || !other.tensor.valid()) return {};
    return {st, e.slot, &other};
}

}  // namespace

std::vector<char> needed_nodes(const GraphPlan& plan, const ExecRequest& request) {
    const auto& nodes = plan.nodes();
    std::vector<char> needed(nodes.size(), 0), fed(nodes.size(), 0);
    for (const auto& f : request.feeds) fed[f.first] = 1;
    std::vector<int> stack;
    for (auto [n, out] : request.fetches) stack.push_back(n);
    while (!stack.empty()) {
        int n = stack.back();
        stack.pop_back();
        if (needed[n]) continue;
        needed[n] = 1;
        if (fed[n]) continue;
        for (auto [src, out] : nodes[n].inputs) stack.push_back(src);
        for (int src : nodes[n].control_inputs) stack.push_back(src);
    }
    return needed;
}

Expected<std::vector<ir::Tensor>> Executor::run(const ExecRequest& request, RunStats& stats,
                                                const Progress& progress) {
    auto& nodes = plan_.nodes();
    if (linear_executor_enabled()) {
        auto& schedule = plan_.linear_schedule();
        if (!schedule || !schedule->matches(request))
            schedule = build_linear_schedule(plan_, request, needed_nodes(plan_, request));
        if (schedule->usable) return run_linear(*schedule, request, stats, progress);
    }
    const std::vector<char> needed = needed_nodes(plan_, request);
    std::vector<char> fed(nodes.size(), 0);
    for (const auto& f : request.feeds) fed[f.first] = 1;

    FrameTable frames(plan_, needed);
    Frame* root = frames.root();
    std::deque<Ready> ready;
    frames.set_ready_sink(&ready);

    std::vector<ir::Tensor> results(request.fetches.size());
    std::vector<char> have(request.fetches.size(), 0);
    std::map<std::pair<int, int>, std::vector<std::size_t>> fetch_slots;
    for (std::size_t i = 0; i < request.fetches.size(); ++i) fetch_slots[request.fetches[i]].push_back(i);

    auto record_fetches = [&](int n, Frame* frame, const std::vector<Entry>& outs) -> Status {
        // An Exit runs inside its loop frame but its value lands in the parent frame.
        if (nodes[n].kind == NodeKind::Exit) {
            if (outs.empty() || outs[0].dead) return Ok{};
            frame = frame->parent;
        }
        if (frame != root) return Ok{};
        for (std::size_t k = 0; k < outs.size(); ++k) {
            auto it = fetch_slots.find({n, static_cast<int>(k)});
            if (it == fetch_slots.end()) continue;
            if (outs[k].dead)
                return Error{{}, "tensor '" + ir::tensor_name(nodes[n].node->name, static_cast<int>(k)) + "'",
                             "is dead (on an untaken Switch branch) and cannot be fetched"};
            for (std::size_t slot : it->second) {
                results[slot] = outs[k].tensor;
                have[slot] = 1;
            }
        }
        return Ok{};
    };

    // Fed nodes produce their outputs directly; source nodes (no inputs) start the run.
    for (std::size_t n = 0; n < nodes.size(); ++n) {
        if (!needed[n]) continue;
        if (fed[n]) {
            std::vector<Entry> outs(nodes[n].num_outputs);
            for (const auto& f : request.feeds)
                if (f.first == static_cast<int>(n) && f.second.first < nodes[n].num_outputs)
                    outs[f.second.first] = Entry{f.second.second, false, true};
            if (auto st = record_fetches(static_cast<int>(n), root, outs); !st) return st.error();
            frames.propagate(static_cast<int>(n), root, 0, std::move(outs), false);
        } else if (nodes[n].inputs.empty() && nodes[n].control_inputs.empty()) {
            ready.push_back({static_cast<int>(n), root, 0});
        }
    }

    std::size_t executed = 0;
    std::deque<ir::Tensor> kernel_outputs;
    std::map<int, std::size_t> time_index;
    while (!ready.empty()) {
        if (progress.cancelled()) return Error{{}, {}, "run cancelled"};
        Ready r = ready.front();
        ready.pop_front();
        PlanNode& p = nodes[r.node];
        NodeState& state = frames.state(r.frame, r.iter, r.node);
        std::vector<Entry> outs(p.num_outputs);
        const bool dead = state.dead && p.kind != NodeKind::Merge;
        if (dead) {
            for (auto& o : outs) o.dead = true;
        } else if (p.kind == NodeKind::Switch) {
            if (state.inputs.size() < 2 || state.inputs[1].tensor.num_elements() != 1)
                return kernel_error(*p.node, "Switch needs a data input and a scalar predicate");
            const bool pred = state.inputs[1].tensor.value_as_double(0) != 0.0;
            outs[pred ? 1 : 0] = Entry{state.inputs[0].tensor, false, true};
            outs[pred ? 0 : 1].dead = true;
        } else if (p.kind == NodeKind::Merge) {
            outs[0] = Entry{state.inputs[state.merge_index].tensor, false, true};
            outs[1] = Entry{ir::Tensor::scalar<int32_t>(ir::DType::Int32, state.merge_index), false, true};
            if (state.merge_all_dead) {
                outs[0] = Entry{};
                outs[0].dead = true;
                outs[1].dead = true;
            }
        } else if (p.kind != NodeKind::Kernel) {  // Enter, Exit, NextIteration forward their input
            if (state.inputs.empty()) return kernel_error(*p.node, "missing input");
            outs[0] = Entry{state.inputs[0].tensor, false, true};
        } else {
            if (!p.runnable) return p.kernel_missing;
            kernel_outputs.clear();
            kernel_outputs.resize(p.num_outputs);
            ExecKernelContext ctx(p, state.inputs, kernel_outputs, pool_, memory_);
            const ResidualOffer offer =
                offer_residual(nodes, r.node, frames, r.frame, r.iter, fetch_slots.count({r.node, 0}) > 0);
            // In place only when the pool's buffer is held by nobody but the Add's input slot.
            if (offer.operand)
                ctx.offer(&offer.operand->tensor, memory_.exclusively_held(offer.operand->tensor.buffer(), 1));
            auto t0 = std::chrono::steady_clock::now();
            Status st = Ok{};
            if (state.folded_slot >= 0) {
                kernel_outputs[0] = state.inputs[state.folded_slot].tensor;  // the producer added it
            } else {
                try {
                    st = p.kernel->compute(ctx);
                } catch (const std::exception& e) {
                    st = kernel_error(*p.node, e.what());
                }
            }
            if (!st) return st.error();
            if (ctx.added()) {
                offer.add->folded_slot = offer.slot;
                offer.operand->tensor = ir::Tensor();  // released: the Add forwards our output
            }
            if (profile_) {
                double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
                auto [it, inserted] = time_index.emplace(r.node, stats.node_times.size());
                if (inserted) stats.node_times.push_back({p.node->name, p.node->op, 0.0});
                stats.node_times[it->second].ms += ms;
            }
            if (kernel_outputs.size() > outs.size()) outs.resize(kernel_outputs.size());
            for (std::size_t k = 0; k < kernel_outputs.size(); ++k)
                outs[k] = Entry{std::move(kernel_outputs[k]), false, true};
            for (std::size_t k = 0; k < p.out_edges.size(); ++k)
                if (!p.out_edges[k].empty() && !outs[k].tensor.valid())
                    return kernel_error(*p.node, "output " + std::to_string(k) + " was not produced");
        }
        state.inputs.clear();  // release inputs: their buffers may now be reused
        state.inputs.shrink_to_fit();
        if (auto st = record_fetches(r.node, r.frame, outs); !st) return st.error();
        frames.propagate(r.node, r.frame, r.iter, std::move(outs), dead);
        if (++executed % 64 == 0) progress.report(0.0, p.node->name);
        if (executed > 50'000'000) return Error{{}, {}, "run exceeded 50 million node executions"};
    }
    for (std::size_t i = 0; i < results.size(); ++i)
        if (!have[i]) {
            auto [n, k] = request.fetches[i];
            return Error{{}, "tensor '" + ir::tensor_name(nodes[n].node->name, k) + "'",
                         "was never computed (its inputs are missing or dead)"};
        }
    stats.peak_activation_bytes = memory_.reserved_bytes();
    return results;
}

}  // namespace wb::runtime
