// SPDX-License-Identifier: Apache-2.0
#include "passes/graph_editor.h"

#include <algorithm>
#include <deque>

namespace wb::passes {

std::string tensor_key(const std::string& input) {
    ir::InputRef ref = ir::parse_input(input);
    return ir::tensor_name(ref.node, ref.index);
}

GraphEditor::GraphEditor(ir::Graph& graph, ChangeLog& log) : graph_(graph), log_(log) {
    auto& nodes = graph_.nodes();
    uses_.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const auto& inputs = nodes[i].inputs;
        for (std::size_t s = 0; s < inputs.size(); ++s) {
            ir::InputRef ref = ir::parse_input(inputs[s]);
            uses_[ref.node].push_back({i, static_cast<int>(s), ref.control ? -1 : ref.index});
        }
    }
}

ir::Node* GraphEditor::input_node(const ir::Node& n, int k) {
    int seen = 0;
    for (const auto& in : n.inputs) {
        if (!in.empty() && in.front() == '^') continue;
        if (seen++ == k) return graph_.find(ir::parse_input(in).node);
    }
    return nullptr;
}

const std::vector<Use>& GraphEditor::uses(std::string_view name) const {
    static const std::vector<Use> none;
    auto it = uses_.find(std::string(name));
    return it == uses_.end() ? none : it->second;
}

int GraphEditor::data_use_count(std::string_view name) const {
    int count = 0;
    for (const auto& u : uses(name))
        if (u.output >= 0) ++count;
    return count;
}

bool GraphEditor::has_single_use(std::string_view name) const {
    const auto& u = uses(name);
    return u.size() == 1 && u[0].output == 0;
}

void GraphEditor::forward(const std::string& name, const std::string& replacement,
                          const std::string& reason) {
    forward_outputs(name, {replacement}, reason);
}

void GraphEditor::forward_outputs(const std::string& name, const std::vector<std::string>& replacements,
                                  const std::string& reason) {
    const ir::Node* n = graph_.find(name);
    if (!n || removed_.count(name)) return;
    for (std::size_t k = 0; k < replacements.size(); ++k)
        forward_data_[ir::tensor_name(name, static_cast<int>(k))] = replacements[k];
    // A control edge on a forwarded node waits for what it waited for: its replacement's
    // producer and its own control inputs (Grappler's dependency optimizer does the same).
    std::vector<std::string> controls = n->control_inputs();
    if (!replacements.empty()) controls.insert(controls.begin(), ir::parse_input(replacements[0]).node);
    forward_control_[name] = std::move(controls);
    removed_.insert(name);
    log_.removed.push_back({name, n->op, reason});
}

void GraphEditor::remove(const std::string& name, const std::string& reason, const std::string& control_to) {
    const ir::Node* n = graph_.find(name);
    if (!n || removed_.count(name)) return;
    forward_control_[name] = control_to.empty() ? n->control_inputs() : std::vector<std::string>{control_to};
    removed_.insert(name);
    log_.removed.push_back({name, n->op, reason});
}

void GraphEditor::drop(const std::string& name, const std::string& reason) {
    const ir::Node* n = graph_.find(name);
    if (!n || removed_.count(name)) return;
    forward_control_[name] = {};
    removed_.insert(name);
    log_.removed.push_back({name, n->op, reason});
}

void GraphEditor::add(ir::Node node, std::vector<std::string> from, const std::string& note) {
    log_.added.push_back({node.name, node.op, std::move(from), note});
    new_names_.insert(node.name);
    pending_.push_back(std::move(node));
}

void GraphEditor::rewritten(const ir::Node& n, std::vector<std::string> from, const std::string& note) {
    log_.rewritten.push_back({n.name, n.op, std::move(from), note});
    changed_ = true;
}

std::string GraphEditor::unique_name(const std::string& base) {
    std::string name = base;
    for (int k = 1; graph_.find(name) || new_names_.count(name); ++k) name = base + "_" + std::to_string(k);
    new_names_.insert(name);
    return name;
}

void GraphEditor::resolve_control(const std::string& node, std::vector<std::string>& out, int depth) {
    auto it = forward_control_.find(node);
    if (it == forward_control_.end()) {
        if (!removed_.count(node)) out.push_back(node);
        return;
    }
    if (depth > 64) return;  // forwards never cycle; this only bounds pathological chains
    for (const auto& c : it->second) resolve_control(c, out, depth + 1);
}

std::string GraphEditor::resolve_data(const std::string& input, std::vector<std::string>& extra_controls) {
    std::string current = input;
    for (int depth = 0; depth < 1024; ++depth) {
        ir::InputRef ref = ir::parse_input(current);
        auto it = forward_data_.find(ir::tensor_name(ref.node, ref.index));
        if (it == forward_data_.end()) return current;
        // The removed node's own control inputs now guard its former readers.
        auto ctrl = forward_control_.find(ref.node);
        if (ctrl != forward_control_.end())
            extra_controls.insert(extra_controls.end(), ctrl->second.begin() + (ctrl->second.empty() ? 0 : 1),
                                  ctrl->second.end());
        current = it->second;
    }
    return current;
}

// Kahn's algorithm.
std::vector<std::size_t> topological_order(const ir::Graph& graph) {
    const auto& nodes = graph.nodes();
    std::unordered_map<std::string, std::size_t> index;
    index.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) index.emplace(nodes[i].name, i);
    std::vector<int> pending(nodes.size(), 0);
    std::vector<std::vector<std::size_t>> readers(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i)
        for (const auto& in : nodes[i].inputs) {
            auto it = index.find(ir::parse_input(in).node);
            if (it == index.end()) continue;
            readers[it->second].push_back(i);
            ++pending[i];
        }
    std::deque<std::size_t> ready;
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (pending[i] == 0) ready.push_back(i);
    std::vector<std::size_t> order;
    order.reserve(nodes.size());
    while (!ready.empty()) {
        std::size_t i = ready.front();
        ready.pop_front();
        order.push_back(i);
        for (auto r : readers[i])
            if (--pending[r] == 0) ready.push_back(r);
    }
    return order;
}

std::size_t remove_if_unused(ir::Graph& graph, const std::unordered_set<std::string>& candidates,
                             const std::unordered_set<std::string>& keep, ChangeLog& log,
                             const std::string& reason) {
    if (candidates.empty()) return 0;
    std::unordered_set<std::string> read;
    for (const auto& n : graph.nodes())
        for (const auto& in : n.inputs) {
            ir::InputRef ref = ir::parse_input(in);
            if (candidates.count(ref.node)) read.insert(ref.node);
        }
    std::unordered_set<std::string> gone;
    for (const auto& n : graph.nodes())
        if (candidates.count(n.name) && !read.count(n.name) && !keep.count(n.name)) {
            gone.insert(n.name);
            log.removed.push_back({n.name, n.op, reason});
        }
    if (gone.empty()) return 0;
    return graph.remove_if([&](const ir::Node& n) { return gone.count(n.name) != 0; });
}

bool GraphEditor::commit() {
    bool changed = changed_ || !removed_.empty() || !pending_.empty();
    if (!removed_.empty()) {
        for (auto& n : graph_.nodes()) {
            if (removed_.count(n.name)) continue;
            std::vector<std::string> data, controls_raw;
            for (const auto& in : n.inputs) {
                if (!in.empty() && in.front() == '^') controls_raw.push_back(in.substr(1));
                else data.push_back(resolve_data(in, controls_raw));
            }
            std::vector<std::string> controls;
            for (const auto& c : controls_raw) resolve_control(c, controls, 0);
            std::vector<std::string> inputs = std::move(data);
            std::unordered_set<std::string> seen;
            for (const auto& c : controls)
                if (c != n.name && seen.insert(c).second) inputs.push_back("^" + c);
            n.inputs = std::move(inputs);
        }
        graph_.remove_if([this](const ir::Node& n) { return removed_.count(n.name) != 0; });
    }
    for (auto& n : pending_) graph_.add(std::move(n));
    pending_.clear();
    removed_.clear();
    forward_data_.clear();
    forward_control_.clear();
    return changed;
}

}  // namespace wb::passes
