// SPDX-License-Identifier: Apache-2.0
// Session: resolves feed and fetch names against the model, then runs the executor over the
// graph plan built once at creation (kernels created and weights prepared there).
#include "runtime/session.h"

#include <charconv>
#include <unordered_set>

#include "runtime/executor/executor.h"
#include "runtime/executor/graph_plan.h"
#include "runtime/memory_pool.h"
#include "runtime/thread_pool.h"

namespace wb::runtime {

namespace {

class SessionImpl final : public Session {
public:
    SessionImpl(std::shared_ptr<const ir::Model> model, SessionOptions options)
        : model_(std::move(model)), options_(options), pool_(options.threads) {}

    Status init() {
        auto plan = GraphPlan::build(model_->graph, pool_);
        if (!plan) return plan.error();
        plan_ = std::move(*plan);
        return Ok{};
    }

    Expected<std::vector<ir::Tensor>> run(const std::vector<NamedTensor>& feeds,
                                          const std::vector<std::string>& fetches,
                                          const Progress& progress) override {
        ExecRequest request;
        for (const auto& [name, value] : feeds) {
            auto ref = resolve(name, model_->inputs);
            if (!ref) return ref.error();
            if (!value.valid()) return Error{{}, "feed '" + name + "'", "tensor is empty"};
            request.feeds.push_back({ref->first, {ref->second, value}});
        }
        std::vector<std::string> names = fetches;
        if (names.empty()) names = default_outputs();
        if (names.empty()) return Error{model_->source_path, {}, "no fetches and the model declares no outputs"};
        for (const auto& name : names) {
            auto ref = resolve(name, model_->outputs);
            if (!ref) return ref.error();
            request.fetches.push_back(*ref);
        }
        stats_ = RunStats{};
        memory_.reset_peaks();
        memory_.begin_run();
        Executor executor(*plan_, pool_, memory_, options_.profile);
        auto result = executor.run(request, stats_, progress);
        memory_.end_run(result.ok());
        stats_.peak_activation_bytes = memory_.reserved_bytes();
        stats_.lower_bound_activation_bytes = memory_.peak_live_bytes();
        return result;
    }

    const RunStats& last_stats() const override { return stats_; }

    void reset_states() override {
        for (auto& p : plan_->nodes())
            if (p.kernel) p.kernel->reset_state();
    }

private:
    // "x", "x:0", "x:1" or a signature key → (node index, output index).
    Expected<std::pair<int, int>> resolve(const std::string& name,
                                          const std::vector<ir::TensorInfo>& signature) const {
        std::string tensor = name;
        for (const auto& info : signature)
            if (info.key == name && !info.name.empty()) tensor = info.name;
        std::string node = tensor;
        int index = 0;
        if (plan_->find(node) < 0) {
            auto colon = tensor.rfind(':');
            if (colon != std::string::npos) {
                const char* b = tensor.data() + colon + 1;
                const char* e = tensor.data() + tensor.size();
                auto [ptr, ec] = std::from_chars(b, e, index);
                if (ec != std::errc() || ptr != e || index < 0) index = -1;
                node = tensor.substr(0, colon);
            }
        }
        int n = plan_->find(node);
        if (n < 0 || index < 0) return Error{model_->source_path, "tensor '" + name + "'", "no such node or tensor"};
        return std::make_pair(n, index);
    }

    std::vector<std::string> default_outputs() const {
        std::vector<std::string> out;
        for (const auto& info : model_->outputs) out.push_back(info.name.empty() ? info.key : info.name);
        if (!out.empty()) return out;
        // No declared outputs: every node nobody consumes, except side-effect-only ops.
        std::unordered_set<std::string> consumed;
        for (const auto& n : model_->graph.nodes())
            for (const auto& in : n.inputs) consumed.insert(ir::parse_input(in).node);
        for (const auto& n : model_->graph.nodes())
            if (!consumed.count(n.name) && n.op != "NoOp" && n.op != "Assert" && n.op != "SaveV2")
                out.push_back(n.name);
        return out;
    }

    std::shared_ptr<const ir::Model> model_;
    SessionOptions options_;
    ThreadPool pool_;
    MemoryPool memory_;
    std::unique_ptr<GraphPlan> plan_;
    RunStats stats_;
};

}  // namespace

Expected<std::unique_ptr<Session>> Session::create(std::shared_ptr<const ir::Model> model,
                                                   SessionOptions options) {
    if (!model) return Error{{}, {}, "no model"};
    auto session = std::make_unique<SessionImpl>(std::move(model), options);
    if (auto st = session->init(); !st) return st.error();
    return std::unique_ptr<Session>(std::move(session));
}

}  // namespace wb::runtime
