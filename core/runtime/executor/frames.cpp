// SPDX-License-Identifier: Apache-2.0
#include "runtime/executor/frames.h"

namespace wb::runtime {

FrameTable::FrameTable(const GraphPlan& plan, const std::vector<char>& needed)
    : plan_(plan), needed_(needed), root_(std::make_unique<Frame>()) {
    iteration(root_.get(), 0);
}

Frame* FrameTable::child(Frame* parent, int iter, const std::string& name) {
    auto& slot = children_[{parent, iter, name}];
    if (!slot) {
        slot = std::make_unique<Frame>();
        slot->name = name;
        slot->parent = parent;
        slot->parent_iter = iter;
    }
    return slot.get();
}

Iteration& FrameTable::iteration(Frame* frame, int iter) {
    while (static_cast<int>(frame->iterations.size()) <= iter) {
        frame->iterations.push_back(std::make_unique<Iteration>());
        const int created = static_cast<int>(frame->iterations.size()) - 1;
        // Loop invariants (constant Enter) are visible in every iteration of their frame.
        for (const auto& [enter, value] : frame->invariants)
            send(enter, std::vector<Entry>{value}, value.dead, frame, created);
    }
    return *frame->iterations[iter];
}

NodeState& FrameTable::state(Frame* frame, int iter, int node) {
    auto& states = iteration(frame, iter).states;
    auto it = states.find(node);
    if (it == states.end()) {
        const PlanNode& p = plan_.nodes()[node];
        NodeState s;
        s.inputs.resize(p.inputs.size());
        s.pending = static_cast<int>(p.inputs.size() + p.control_inputs.size());
        it = states.emplace(node, std::move(s)).first;
    }
    return it->second;
}

NodeState* FrameTable::find_state(Frame* frame, int iter, int node) {
    if (iter >= static_cast<int>(frame->iterations.size())) return nullptr;
    auto& states = frame->iterations[iter]->states;
    auto it = states.find(node);
    return it == states.end() ? nullptr : &it->second;
}

void FrameTable::deliver(int dst, int slot, const Entry& e, Frame* frame, int iter) {
    if (!needed_[dst]) return;
    const PlanNode& p = plan_.nodes()[dst];
    NodeState& s = state(frame, iter, dst);
    if (p.kind == NodeKind::Merge) {
        if (s.fired || slot < 0) return;  // a Merge fires on its first live input
        if (e.dead) {
            if (++s.merge_dead >= std::max(1, p.forward_merge_inputs)) {
                s.fired = true;
                s.merge_all_dead = true;
                ready_->push_back({dst, frame, iter});
            }
            return;
        }
        s.inputs[slot] = e;
        s.merge_index = slot;
        s.fired = true;
        ready_->push_back({dst, frame, iter});
        return;
    }
    if (slot >= 0) s.inputs[slot] = e;
    if (e.dead) s.dead = true;
    if (--s.pending == 0) ready_->push_back({dst, frame, iter});
}

void FrameTable::send(int src, const std::vector<Entry>& outputs, bool dead, Frame* frame, int iter) {
    const PlanNode& p = plan_.nodes()[src];
    for (std::size_t k = 0; k < p.out_edges.size() && k < outputs.size(); ++k)
        for (const Edge& edge : p.out_edges[k]) deliver(edge.node, edge.slot, outputs[k], frame, iter);
    Entry control;
    control.dead = dead;
    for (int dst : p.control_out) deliver(dst, -1, control, frame, iter);
}

void FrameTable::propagate(int node, Frame* frame, int iter, std::vector<Entry> outputs, bool node_dead) {
    const PlanNode& p = plan_.nodes()[node];
    switch (p.kind) {
    case NodeKind::Enter: {
        Frame* inner = child(frame, iter, p.frame_name);
        iteration(inner, 0);
        if (p.constant_enter && !outputs.empty()) {
            inner->invariants.emplace_back(node, outputs[0]);
            for (int i = 0; i < static_cast<int>(inner->iterations.size()); ++i)
                send(node, outputs, node_dead, inner, i);
        } else {
            send(node, outputs, node_dead, inner, 0);
        }
        return;
    }
    case NodeKind::Exit:
        // Every iteration but the last sends a dead value to Exit; only the live one leaves.
        if (node_dead || !frame->parent) return;
        send(node, outputs, false, frame->parent, frame->parent_iter);
        return;
    case NodeKind::NextIteration:
        if (node_dead) return;  // the loop ended on this path
        iteration(frame, iter + 1);
        send(node, outputs, false, frame, iter + 1);
        return;
    default:
        send(node, outputs, node_dead, frame, iter);
    }
}

}  // namespace wb::runtime
