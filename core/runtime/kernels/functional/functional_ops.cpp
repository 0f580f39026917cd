// SPDX-License-Identifier: Apache-2.0
// TF2 functional control flow: If/StatelessIf, Case/StatelessCase, While/StatelessWhile and
// PartitionedCall/StatefulPartitionedCall. Each body is a FunctionBody (a nested executor over
// the function's own graph) built when the node is prepared; the kernel only moves tensors.
#include <memory>

#include "runtime/kernels/functional/function_body.h"
#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

// TensorFlow's ToBool for an If/While predicate: a scalar by its value (a string by being
// non-empty), any other tensor by having elements.
bool truthy(const ir::Tensor& t) {
    if (t.shape().rank() != 0) return t.num_elements() > 0;
    if (t.dtype() == ir::DType::String) return !t.strings().empty() && !t.strings()[0].empty();
    return t.value_as_double(0) != 0.0;
}

Expected<std::unique_ptr<FunctionBody>> body_for(PrepareContext& ctx, const std::string& name) {
    if (name.empty()) return kernel_error(ctx.node(), "names no function");
    if (!ctx.library()) return kernel_error(ctx.node(), "the graph has no function library");
    auto body = FunctionBody::create(*ctx.library(), name, ctx.pool());
    if (!body) return kernel_error(ctx.node(), body.error().item + ": " + body.error().message);
    return body;
}

std::vector<ir::Tensor> inputs_from(KernelContext& ctx, int first) {
    std::vector<ir::Tensor> args;
    for (int i = first; i < ctx.num_inputs(); ++i) args.push_back(ctx.input(i));
    return args;
}

Status call(KernelContext& ctx, FunctionBody& body, const std::vector<ir::Tensor>& args) {
    auto out = body.run(args);
    if (!out) return ku::fail(ctx, out.error().item + ": " + out.error().message);
    for (std::size_t i = 0; i < out->size(); ++i) ctx.set_output(static_cast<int>(i), std::move((*out)[i]));
    return Ok{};
}

// PartitionedCall / StatefulPartitionedCall: the function `f` on every input.
class CallKernel final : public Kernel {
public:
    Status prepare(PrepareContext& ctx) override {
        auto b = body_for(ctx, function_attr(ctx.node(), "f"));
        if (!b) return b.error();
        body_ = std::move(*b);
        return Ok{};
    }
    Status compute(KernelContext& ctx) override { return call(ctx, *body_, inputs_from(ctx, 0)); }

private:
    std::unique_ptr<FunctionBody> body_;
};

// If / StatelessIf (then_branch, else_branch) and Case / StatelessCase (branches; an index
// out of range takes the last branch, as TensorFlow's Case does).
class BranchKernel final : public Kernel {
public:
    Status prepare(PrepareContext& ctx) override {
        std::vector<std::string> names;
        if (ctx.node().op == "If" || ctx.node().op == "StatelessIf") {
            names = {function_attr(ctx.node(), "else_branch"), function_attr(ctx.node(), "then_branch")};
        } else {
            auto it = ctx.node().attrs.find("branches");
            const auto* list = it == ctx.node().attrs.end() ? nullptr : it->second.get_if<ir::AttrList>();
            if (!list || list->func.empty()) return kernel_error(ctx.node(), "has no branches");
            for (const auto& f : list->func) names.push_back(f.name);
        }
        for (const auto& name : names) {
            auto b = body_for(ctx, name);
            if (!b) return b.error();
            branches_.push_back(std::move(*b));
        }
        return Ok{};
    }
    Status compute(KernelContext& ctx) override {
        if (ctx.num_inputs() < 1) return ku::fail(ctx, "needs a predicate or branch index");
        std::size_t pick;
        if (ctx.node().op == "If" || ctx.node().op == "StatelessIf") {
            pick = truthy(ctx.input(0)) ? 1 : 0;
        } else {
            if (ctx.input(0).num_elements() != 1) return ku::fail(ctx, "branch_index must be a scalar");
            const auto index = static_cast<int64_t>(ctx.input(0).value_as_double(0));
            pick = index < 0 || index >= static_cast<int64_t>(branches_.size()) ? branches_.size() - 1
                                                                                : static_cast<std::size_t>(index);
        }
        return call(ctx, *branches_[pick], inputs_from(ctx, 1));
    }

private:
    std::vector<std::unique_ptr<FunctionBody>> branches_;
};

// While / StatelessWhile: loop-carried values go through `body` while `cond` holds.
class WhileKernel final : public Kernel {
public:
    Status prepare(PrepareContext& ctx) override {
        auto c = body_for(ctx, function_attr(ctx.node(), "cond"));
        if (!c) return c.error();
        auto b = body_for(ctx, function_attr(ctx.node(), "body"));
        if (!b) return b.error();
        cond_ = std::move(*c);
        body_ = std::move(*b);
        if (body_->num_outputs() != body_->num_inputs())
            return kernel_error(ctx.node(), "body '" + body_->name() + "' must return as many values as it takes");
        return Ok{};
    }
    Status compute(KernelContext& ctx) override {
        std::vector<ir::Tensor> vars = inputs_from(ctx, 0);
        constexpr int64_t kMaxIterations = 100'000'000;
        for (int64_t iter = 0;; ++iter) {
            if (iter == kMaxIterations) return ku::fail(ctx, "loop exceeded 100 million iterations");
            auto pred = cond_->run(vars);
            if (!pred) return ku::fail(ctx, pred.error().item + ": " + pred.error().message);
            if (pred->empty()) return ku::fail(ctx, "cond '" + cond_->name() + "' returns nothing");
            if (!truthy((*pred)[0])) break;
            auto next = body_->run(vars);
            if (!next) return ku::fail(ctx, next.error().item + ": " + next.error().message);
            vars = std::move(*next);
        }
        for (std::size_t i = 0; i < vars.size(); ++i) ctx.set_output(static_cast<int>(i), std::move(vars[i]));
        return Ok{};
    }

private:
    std::unique_ptr<FunctionBody> cond_, body_;
};

}  // namespace

void register_functional_kernels(KernelRegistry& r) {
    for (const char* op : {"PartitionedCall", "StatefulPartitionedCall"})
        r.add(op, [](const ir::Node&) { return std::make_unique<CallKernel>(); });
    for (const char* op : {"If", "StatelessIf", "Case", "StatelessCase"})
        r.add(op, [](const ir::Node&) { return std::make_unique<BranchKernel>(); });
    for (const char* op : {"While", "StatelessWhile"})
        r.add(op, [](const ir::Node&) { return std::make_unique<WhileKernel>(); });
}

}  // namespace wb::runtime
