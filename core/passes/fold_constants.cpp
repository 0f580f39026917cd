// SPDX-License-Identifier: Apache-2.0
// Grappler's constfold: evaluate all-constant subgraphs with the runtime's own kernels.
#include <deque>
#include <iterator>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "passes/all_passes.h"
#include "passes/graph_editor.h"
#include "passes/op_traits.h"
#include "runtime/kernel.h"
#include "runtime/thread_pool.h"

namespace wb::passes {
namespace {

// Feeds a kernel constant inputs and keeps what it writes: one node, run once, off-session.
class FoldContext final : public runtime::KernelContext, public runtime::PrepareContext {
public:
    FoldContext(const ir::Node& node, std::vector<const ir::Tensor*> inputs, runtime::ThreadPool& pool)
        : node_(node), inputs_(std::move(inputs)), pool_(pool) {}
    const ir::Node& node() const override { return node_; }
    int num_inputs() const override { return static_cast<int>(inputs_.size()); }
    const ir::Tensor& input(int i) const override { return *inputs_.at(i); }
    const ir::Tensor* constant_input(int i) const override { return inputs_.at(i); }
    ir::Tensor& allocate_output(int i, ir::DType dtype, ir::Shape shape) override {
        slot(i) = ir::Tensor(dtype, std::move(shape));
        return outputs_[i];
    }
    void set_output(int i, ir::Tensor t) override { slot(i) = std::move(t); }
    runtime::ThreadPool& pool() override { return pool_; }
    std::vector<ir::Tensor> take_outputs() {
        return {std::make_move_iterator(outputs_.begin()), std::make_move_iterator(outputs_.end())};
    }

private:
    ir::Tensor& slot(int i) {
        if (i >= static_cast<int>(outputs_.size())) outputs_.resize(i + 1);
        return outputs_[i];
    }
    const ir::Node& node_;
    std::vector<const ir::Tensor*> inputs_;
    // A deque: kernels hold the reference allocate_output(0) returned while allocating output
    // 1 (RaggedRange, Unique...); growing a deque at the end never moves its elements.
    std::deque<ir::Tensor> outputs_;
    runtime::ThreadPool& pool_;
};

constexpr std::size_t kGrowthSlack = 1024;  // a folded Const may exceed its inputs by this much

class FoldConstants : public Pass {
public:
    std::string name() const override { return "fold_constants"; }
    std::string description() const override {
        return "Evaluates nodes whose inputs are all constant with the runtime's kernels and "
               "replaces them by Consts, unless that would make the model bigger.";
    }

    // f(c1, ..., cn) with constant ci is the constant f(c1, ..., cn). Folded when every
    // output is at most max_folded_bytes (Grappler's 10 MiB) and all outputs together are at
    // most the inputs' bytes + 1 KiB, so Fill/Tile/BroadcastTo of small constants stay lazy.
    ChangeLog run(ir::Graph& graph, PassContext& ctx) override {
        ChangeLog log;
        const auto& registry = runtime::KernelRegistry::instance();
        runtime::ThreadPool pool(1);
        std::unordered_map<std::string, ir::Tensor> values;  // "node:k" -> value
        std::unordered_map<std::string, std::vector<ir::Tensor>> folded;
        std::unordered_set<std::string> inputs_of_folded;
        auto& nodes = graph.nodes();
        for (std::size_t i : topological_order(graph)) {
            const ir::Node& n = nodes[i];
            if (const ir::Tensor* t = const_value(n)) {
                values.emplace(ir::tensor_name(n.name, 0), *t);
                continue;
            }
            auto data = n.data_inputs();
            if (data.empty() || is_stateful(n.op) || is_control_flow(n.op)) continue;
            std::vector<const ir::Tensor*> in;
            std::size_t in_bytes = 0;
            for (const auto& ref : data) {
                auto it = values.find(ir::tensor_name(ref.node, ref.index));
                if (it == values.end()) break;
                in.push_back(&it->second);
                in_bytes += it->second.byte_size();
            }
            if (in.size() != data.size()) continue;
            const runtime::KernelFactory* factory = registry.find(n.op);
            if (!factory) continue;
            std::vector<ir::Tensor> out;
            if (!evaluate(*factory, n, in, pool, out)) continue;
            std::size_t out_bytes = 0;
            bool fits = true;
            for (std::size_t k = 0; k < out.size(); ++k) {
                if (!out[k].valid()) { fits = false; break; }
                out_bytes += out[k].byte_size();
                fits = fits && out[k].byte_size() <= ctx.max_folded_bytes;
                values.emplace(ir::tensor_name(n.name, static_cast<int>(k)), out[k]);
            }
            // Outputs keep flowing to readers even when this node stays, so a small result
            // of a big intermediate still folds.
            if (!fits || out_bytes > in_bytes + kGrowthSlack || ctx.is_protected(n.name)) continue;
            for (const auto& ref : data) inputs_of_folded.insert(ref.node);
            folded.emplace(n.name, std::move(out));
        }
        if (folded.empty()) return log;
        replace(graph, folded, log);
        remove_if_unused(graph, inputs_of_folded, ctx.protected_nodes, log, "only read by folded nodes");
        return log;
    }

private:
    static bool evaluate(const runtime::KernelFactory& factory, const ir::Node& n,
                         std::vector<const ir::Tensor*> in, runtime::ThreadPool& pool, std::vector<ir::Tensor>& out) {
        try {
            std::unique_ptr<runtime::Kernel> kernel = factory(n);
            if (!kernel) return false;
            FoldContext fc(n, std::move(in), pool);
            if (!kernel->prepare(fc) || !kernel->compute(fc)) return false;
            out = fc.take_outputs();
            return !out.empty();
        } catch (const std::exception&) {
            return false;  // a kernel that cannot run this node leaves it to the runtime
        }
    }

    // Single-output nodes become Consts in place (same name, readers untouched); nodes with
    // several read outputs get one Const per output, named as Grappler does.
    static void replace(ir::Graph& graph, std::unordered_map<std::string, std::vector<ir::Tensor>>& folded, ChangeLog& log) {
        GraphEditor ed(graph, log);
        for (auto& n : graph.nodes()) {
            auto it = folded.find(n.name);
            if (it == folded.end()) continue;
            auto& out = it->second;
            // The Const keeps the node's control inputs and those of its constant inputs, so a
            // fold inside a cond branch or loop frame stays there (Grappler does the same).
            std::vector<std::string> controls;
            std::unordered_set<std::string> seen;
            auto keep = [&](const ir::Node& from) {
                for (const auto& in : from.inputs)
                    if (!in.empty() && in.front() == '^' && seen.insert(in).second) controls.push_back(in);
            };
            keep(n);
            for (const auto& ref : n.data_inputs())
                if (const ir::Node* p = graph.find(ref.node)) keep(*p);
            bool only_first = true;
            for (const auto& u : ed.uses(n.name)) only_first = only_first && u.output <= 0;
            if (only_first) {
                std::string op = n.op;
                n = [&] { ir::Node c = make_const(n.name, out[0], n.device); c.inputs = controls; return c; }();
                ed.rewritten(n, {n.name}, op + " evaluated");
                continue;
            }
            std::vector<std::string> names;
            for (std::size_t k = 0; k < out.size(); ++k) {
                ir::Node c = make_const(ed.unique_name("ConstantFolding/" + n.name + "-" + std::to_string(k)), out[k], n.device);
                c.inputs = controls;
                names.push_back(c.name);
                ed.add(std::move(c), {n.name}, n.op + " output " + std::to_string(k) + " evaluated");
            }
            ed.forward_outputs(n.name, names, "every output folded");
        }
        ed.commit();
    }
};

}  // namespace

std::unique_ptr<Pass> make_fold_constants() { return std::make_unique<FoldConstants>(); }

}  // namespace wb::passes
