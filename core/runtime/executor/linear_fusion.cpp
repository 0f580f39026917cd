// SPDX-License-Identifier: Apache-2.0
// Step pairs of the linear schedule that one kernel runs together (see linear_schedule.h).
#include "runtime/executor/linear_schedule.h"
#include "runtime/kernels/conv/expand_depthwise.h"

namespace wb::runtime {

namespace {

// The single consumer edge of output 0 when no other output and no control edge leaves `p`.
const Edge* only_consumer(const PlanNode& p) {
    if (p.out_edges.empty() || p.out_edges[0].size() != 1 || !p.control_out.empty()) return nullptr;
    for (std::size_t o = 1; o < p.out_edges.size(); ++o)
        if (!p.out_edges[o].empty()) return nullptr;
    return &p.out_edges[0][0];
}

const ir::Tensor* constant_input(const GraphPlan& plan, const PlanNode& p, int i) {
    if (static_cast<int>(p.inputs.size()) <= i || p.inputs[i].second != 0) return nullptr;
    return plan.constant_output(p.inputs[i].first);
}

}  // namespace

void pair_blocks(const GraphPlan& plan, LinearSchedule& s, const std::vector<char>& fetched) {
    if (!conv::block_fusion_enabled()) return;
    const auto& nodes = plan.nodes();
    std::vector<LinearStep> out;
    out.reserve(s.steps.size());
    for (std::size_t k = 0; k < s.steps.size(); ++k) {
        LinearStep& first = s.steps[k];
        if (k + 1 < s.steps.size() && !first.fused) {
            LinearStep& second = s.steps[k + 1];
            const PlanNode& a = nodes[first.node];
            const PlanNode& b = nodes[second.node];
            const Edge* e = only_consumer(a);
            const ir::Tensor* wa = constant_input(plan, a, 1);
            const ir::Tensor* wb = constant_input(plan, b, 1);
            if (e && e->node == second.node && e->slot == 0 && !fetched[first.node] && a.runnable && b.runnable &&
                a.kernel && b.kernel && a.control_inputs.empty() && b.control_inputs.empty() && !second.fused && wa &&
                wb && conv::expand_depthwise_candidate(*a.node, *b.node, *wa, *wb)) {
                LinearStep merged = second;
                merged.inputs = first.inputs;
                merged.inputs.insert(merged.inputs.end(), second.inputs.begin() + 1, second.inputs.end());
                merged.fused = conv::make_expand_depthwise(*a.node, *b.node, *a.kernel, *b.kernel);
                --s.uses[second.inputs[0]];  // the joining tensor is never a value
                out.push_back(std::move(merged));
                ++k;
                continue;
            }
        }
        out.push_back(std::move(first));
    }
    s.steps = std::move(out);
}

}  // namespace wb::runtime
