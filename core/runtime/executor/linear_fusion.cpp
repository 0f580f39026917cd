// SPDX-License-Identifier: Apache-2.0
// Step pairs of the linear schedule that one kernel runs together (see linear_schedule.h).
#include <cstdlib>
#include <cstring>

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

// WB_FUSE_PROJECT=0 keeps the projection out of the groups (A/B comparisons).
bool project_enabled() {
    static const bool enabled = [] {
        const char* v = std::getenv("WB_FUSE_PROJECT");
        return !(v && std::strcmp(v, "0") == 0);
    }();
    return enabled;
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
                --s.uses[second.inputs[0]];  // the joining tensor is never a value
                const PlanNode* project = nullptr;
                if (project_enabled() && k + 2 < s.steps.size() && !fetched[second.node]) {
                    LinearStep& third = s.steps[k + 2];
                    const PlanNode& c = nodes[third.node];
                    const Edge* f = only_consumer(b);
                    const ir::Tensor* wc = constant_input(plan, c, 1);
                    if (f && f->node == third.node && f->slot == 0 && c.runnable && c.kernel &&
                        c.control_inputs.empty() && !third.fused && wc &&
                        conv::project_candidate(*c.node, *wc, wb->shape().dims[2])) {
                        project = &c;
                        merged.node = third.node;
                        merged.first_output = third.first_output;
                        merged.num_outputs = third.num_outputs;
                        merged.inputs.insert(merged.inputs.end(), third.inputs.begin() + 1, third.inputs.end());
                        --s.uses[third.inputs[0]];
                    }
                }
                merged.fused_ops = a.node->op + "+" + b.node->op + (project ? "+" + project->node->op : "");
                merged.fused = conv::make_expand_depthwise(*a.node, *b.node, project ? project->node : nullptr,
                                                           *a.kernel, *b.kernel, project ? project->kernel.get() : nullptr);
                out.push_back(std::move(merged));
                k += project ? 2 : 1;
                continue;
            }
        }
        out.push_back(std::move(first));
    }
    s.steps = std::move(out);
}

}  // namespace wb::runtime
