// SPDX-License-Identifier: Apache-2.0
#include "runtime/executor/graph_plan.h"

#include <exception>

#include "runtime/thread_pool.h"

namespace wb::runtime {

namespace {

NodeKind kind_of(const std::string& op) {
    if (op == "Switch" || op == "RefSwitch") return NodeKind::Switch;
    if (op == "Merge" || op == "RefMerge") return NodeKind::Merge;
    if (op == "Enter" || op == "RefEnter") return NodeKind::Enter;
    if (op == "Exit" || op == "RefExit") return NodeKind::Exit;
    if (op == "NextIteration" || op == "RefNextIteration") return NodeKind::NextIteration;
    return NodeKind::Kernel;
}

class PlanPrepareContext final : public PrepareContext {
public:
    PlanPrepareContext(const GraphPlan& plan, int index, ThreadPool& pool, const ir::Graph& graph)
        : plan_(plan), index_(index), pool_(pool), graph_(graph) {}
    const ir::Node& node() const override { return *plan_.nodes()[index_].node; }
    int num_inputs() const override { return static_cast<int>(plan_.nodes()[index_].inputs.size()); }
    const ir::Tensor* constant_input(int i) const override {
        const auto& in = plan_.nodes()[index_].inputs;
        if (i < 0 || i >= static_cast<int>(in.size()) || in[i].second != 0) return nullptr;
        return plan_.constant_output(in[i].first);
    }
    ThreadPool& pool() override { return pool_; }
    const std::vector<ir::Function>* library() const override { return &graph_.functions; }

private:
    const GraphPlan& plan_;
    int index_;
    ThreadPool& pool_;
    const ir::Graph& graph_;
};

}  // namespace

int GraphPlan::find(const std::string& name) const {
    auto it = index_.find(name);
    return it == index_.end() ? -1 : it->second;
}

const ir::Tensor* GraphPlan::constant_output(int node) const {
    for (int hops = 0; node >= 0 && hops < 16; ++hops) {
        const PlanNode& p = nodes_[node];
        if (p.node->op == "Const") return ir::attr_tensor(p.node->attrs, "value");
        if (p.node->op != "Identity" || p.inputs.size() != 1 || p.inputs[0].second != 0) return nullptr;
        node = p.inputs[0].first;
    }
    return nullptr;
}

Expected<std::unique_ptr<GraphPlan>> GraphPlan::build(const ir::Graph& graph, ThreadPool& pool) {
    auto plan = std::make_unique<GraphPlan>();
    auto& nodes = plan->nodes_;
    nodes.resize(graph.size());
    for (std::size_t i = 0; i < graph.size(); ++i) {
        const ir::Node& n = graph.nodes()[i];
        if (!plan->index_.emplace(n.name, static_cast<int>(i)).second)
            return Error{{}, "node '" + n.name + "'", "duplicate node name"};
        nodes[i].node = &n;
        nodes[i].kind = kind_of(n.op);
    }
    for (std::size_t i = 0; i < graph.size(); ++i) {
        PlanNode& p = nodes[i];
        for (const auto& input : p.node->inputs) {
            ir::InputRef ref = ir::parse_input(input);
            int src = plan->find(ref.node);
            if (src < 0)
                return Error{{}, "node '" + p.node->name + "'", "input '" + input + "' names no node"};
            PlanNode& s = nodes[src];
            if (ref.control) {
                p.control_inputs.push_back(src);
                s.control_out.push_back(static_cast<int>(i));
                continue;
            }
            if (ref.index < 0) return Error{{}, "node '" + p.node->name + "'", "bad input '" + input + "'"};
            int slot = static_cast<int>(p.inputs.size());
            p.inputs.emplace_back(src, ref.index);
            if (ref.index + 1 > s.num_outputs) s.num_outputs = ref.index + 1;
            if (static_cast<int>(s.out_edges.size()) < s.num_outputs) s.out_edges.resize(s.num_outputs);
            s.out_edges[ref.index].push_back({static_cast<int>(i), slot});
        }
    }
    for (auto& p : nodes) {
        if (p.kind == NodeKind::Merge || p.kind == NodeKind::Switch) p.num_outputs = std::max(p.num_outputs, 2);
        p.out_edges.resize(p.num_outputs);
        if (p.kind == NodeKind::Merge)
            for (auto [src, out] : p.inputs)
                if (nodes[src].kind != NodeKind::NextIteration) ++p.forward_merge_inputs;
        if (p.kind == NodeKind::Enter) {
            p.frame_name = ir::attr_string(p.node->attrs, "frame_name");
            p.constant_enter = ir::attr_bool(p.node->attrs, "is_constant");
        }
    }
    const auto& registry = KernelRegistry::instance();
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        PlanNode& p = nodes[i];
        if (p.kind != NodeKind::Kernel) continue;
        const KernelFactory* factory = registry.find(p.node->op);
        if (!factory) {
            p.runnable = false;
            p.kernel_missing = kernel_error(*p.node, "no kernel for op '" + p.node->op + "'");
            continue;
        }
        try {
            p.kernel = (*factory)(*p.node);
            PlanPrepareContext ctx(*plan, static_cast<int>(i), pool, graph);
            Status st = p.kernel ? p.kernel->prepare(ctx) : Status(kernel_error(*p.node, "factory failed"));
            if (!st) {
                p.runnable = false;
                p.kernel_missing = st.error();
            }
        } catch (const std::exception& e) {
            p.runnable = false;
            p.kernel_missing = kernel_error(*p.node, e.what());
        }
    }
    return plan;
}

}  // namespace wb::runtime
