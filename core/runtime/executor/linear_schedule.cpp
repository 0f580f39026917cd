// SPDX-License-Identifier: Apache-2.0
#include "runtime/executor/linear_schedule.h"

#include <cstdlib>
#include <cstring>
#include <deque>

#include "runtime/executor/executor.h"

namespace wb::runtime {

bool linear_executor_enabled() {
    static const bool enabled = [] {
        const char* v = std::getenv("WB_EXECUTOR");
        return !(v && std::strcmp(v, "dataflow") == 0);
    }();
    return enabled;
}

bool LinearSchedule::matches(const ExecRequest& request) const {
    if (request.feeds.size() != feed_nodes.size() || request.fetches != fetches) return false;
    for (std::size_t i = 0; i < feed_nodes.size(); ++i)
        if (request.feeds[i].first != feed_nodes[i]) return false;
    return true;
}

std::unique_ptr<LinearSchedule> build_linear_schedule(const GraphPlan& plan, const ExecRequest& request,
                                                      const std::vector<char>& needed) {
    const auto& nodes = plan.nodes();
    const int n_nodes = static_cast<int>(nodes.size());
    std::vector<char> fed(nodes.size(), 0);
    for (const auto& f : request.feeds) fed[f.first] = 1;
    auto s = std::make_unique<LinearSchedule>();
    for (const auto& f : request.feeds) s->feed_nodes.push_back(f.first);
    s->fetches = request.fetches;
    auto unusable = [&] {
        auto keep = std::make_unique<LinearSchedule>();
        keep->feed_nodes = std::move(s->feed_nodes);
        keep->fetches = std::move(s->fetches);
        keep->usable = false;
        return keep;
    };
    for (int n = 0; n < n_nodes; ++n)
        if (needed[n] && nodes[n].kind != NodeKind::Kernel) return unusable();
    std::vector<int> base(nodes.size(), -1);
    for (int n = 0; n < n_nodes; ++n)
        if (needed[n]) {
            base[n] = s->num_values;
            s->num_values += nodes[n].num_outputs;
        }
    s->uses.assign(s->num_values, 0);

    // The dataflow executor's order: fed nodes deliver and sources start, in node order, then
    // ready nodes run first in, first out.
    std::vector<int> pending(nodes.size(), 0), order;
    std::deque<int> ready;
    auto deliver_from = [&](int src) {
        const PlanNode& p = nodes[src];
        for (const auto& edges : p.out_edges)
            for (const Edge& e : edges)
                if (needed[e.node] && --pending[e.node] == 0) ready.push_back(e.node);
        for (int dst : p.control_out)
            if (needed[dst] && --pending[dst] == 0) ready.push_back(dst);
    };
    for (int n = 0; n < n_nodes; ++n)
        pending[n] = static_cast<int>(nodes[n].inputs.size() + nodes[n].control_inputs.size());
    for (int n = 0; n < n_nodes; ++n) {
        if (!needed[n]) continue;
        if (fed[n]) deliver_from(n);
        else if (nodes[n].inputs.empty() && nodes[n].control_inputs.empty()) ready.push_back(n);
    }
    while (!ready.empty()) {
        const int n = ready.front();
        ready.pop_front();
        order.push_back(n);
        deliver_from(n);
    }
    int expected = 0;
    for (int n = 0; n < n_nodes; ++n) expected += needed[n] && !fed[n];
    if (static_cast<int>(order.size()) != expected) return unusable();

    for (int n : order) {
        const PlanNode& p = nodes[n];
        const ir::Tensor* value = p.runnable && p.node->op == "Const" ? ir::attr_tensor(p.node->attrs, "value") : nullptr;
        if (value) {
            s->constants.emplace_back(base[n], *value);
            continue;
        }
        LinearStep step;
        step.node = n;
        step.first_output = base[n];
        step.num_outputs = p.num_outputs;
        for (auto [src, out] : p.inputs) {
            step.inputs.push_back(base[src] + out);
            ++s->uses[base[src] + out];
        }
        s->steps.push_back(std::move(step));
    }
    std::vector<char> fetched(nodes.size(), 0);
    for (auto [n, out] : request.fetches) fetched[n] = 1;
    pair_blocks(plan, *s, fetched);
    std::vector<int> step_of(nodes.size(), -1);
    for (std::size_t k = 0; k < s->steps.size(); ++k) step_of[s->steps[k].node] = static_cast<int>(k);
    // Ready before step k: fed and constant values, and outputs of earlier steps.
    auto ready_before = [&](int node, int k) { return fed[node] || step_of[node] < k; };
    std::vector<char> fetched0(nodes.size(), 0);
    for (std::size_t i = 0; i < request.fetches.size(); ++i) {
        auto [n, out] = request.fetches[i];
        if (out == 0) fetched0[n] = 1;
        if (out >= nodes[n].num_outputs) return unusable();  // the dataflow executor reports it
        if (fed[n]) s->fed_fetches.emplace_back(base[n] + out, static_cast<int>(i));
        else if (step_of[n] >= 0) s->steps[step_of[n]].fetch_slots.emplace_back(out, static_cast<int>(i));
        else s->fed_fetches.emplace_back(base[n] + out, static_cast<int>(i));  // a bound constant
    }
    for (std::size_t i = 0; i < request.feeds.size(); ++i) {
        const auto& [n, value] = request.feeds[i];
        if (needed[n] && value.first < nodes[n].num_outputs)
            s->feed_values.emplace_back(static_cast<int>(i), base[n] + value.first);
    }
    for (int k = 0; k < static_cast<int>(s->steps.size()); ++k) {
        LinearStep& step = s->steps[k];
        const PlanNode& p = nodes[step.node];
        if (fetched0[step.node] || p.out_edges.empty() || p.out_edges[0].size() != 1) continue;
        bool others = false;
        for (std::size_t o = 1; o < p.out_edges.size(); ++o) others |= !p.out_edges[o].empty();
        const Edge& e = p.out_edges[0][0];
        const PlanNode& add = nodes[e.node];
        if (others || step_of[e.node] < 0 || add.kind != NodeKind::Kernel || !add.runnable || add.inputs.size() != 2 ||
            e.slot < 0 || (add.node->op != "AddV2" && add.node->op != "Add"))
            continue;
        const auto [other, other_out] = add.inputs[1 - e.slot];
        bool all_ready = ready_before(other, k) && other != step.node;
        for (int c : add.control_inputs) all_ready &= ready_before(c, k);
        if (!all_ready) continue;
        step.fold_add = step_of[e.node];
        step.fold_slot = e.slot;
        step.fold_operand = base[other] + other_out;
    }
    return s;
}

}  // namespace wb::runtime
