// SPDX-License-Identifier: Apache-2.0
// FunctionDef → graph. Inside a FunctionDef a node's output is named by its output argument
// ("split:output:1", "bn:batch_mean:0"); the flat index needs the op's output arguments, which
// only ops with several output arguments make non-trivial (table below; TensorFlow's OpDefs).
// Functions calling themselves are refused at prepare time instead of recursing forever.
#include "runtime/kernels/functional/function_body.h"

#include <algorithm>
#include <map>

#include "runtime/executor/executor.h"
#include "runtime/session.h"

namespace wb::runtime {

namespace {

struct OutArg {
    const char* name;
    const char* count_attr = nullptr;  // number_attr (int) or type_list_attr (list of types)
};

const std::map<std::string, std::vector<OutArg>>& multi_output_ops() {
    static const std::vector<OutArg> bn = {{"y"}, {"batch_mean"}, {"batch_variance"}, {"reserve_space_1"},
                                           {"reserve_space_2"}, {"reserve_space_3"}};
    static const std::vector<OutArg> lstm = {{"i"}, {"cs"}, {"f"}, {"o"}, {"ci"}, {"co"}, {"h"}};
    static const std::map<std::string, std::vector<OutArg>> table = {
        {"FusedBatchNorm", bn}, {"FusedBatchNormV2", bn}, {"FusedBatchNormV3", bn}, {"_FusedBatchNormEx", bn},
        {"Unique", {{"y"}, {"idx"}}}, {"UniqueV2", {{"y"}, {"idx"}}},
        {"UniqueWithCounts", {{"y"}, {"idx"}, {"count"}}}, {"UniqueWithCountsV2", {{"y"}, {"idx"}, {"count"}}},
        {"ListDiff", {{"out"}, {"idx"}}},
        {"TopK", {{"values"}, {"indices"}}}, {"TopKV2", {{"values"}, {"indices"}}},
        {"NonMaxSuppressionV4", {{"selected_indices"}, {"valid_outputs"}}},
        {"NonMaxSuppressionV5", {{"selected_indices"}, {"selected_scores"}, {"valid_outputs"}}},
        {"MaxPoolWithArgmax", {{"output"}, {"argmax"}}},
        {"Svd", {{"s"}, {"u"}, {"v"}}}, {"Qr", {{"q"}, {"r"}}}, {"Lu", {{"lu"}, {"p"}}},
        {"SelfAdjointEigV2", {{"e"}, {"v"}}}, {"LogMatrixDeterminant", {{"sign"}, {"log_abs_determinant"}}},
        {"TensorArrayV3", {{"handle"}, {"flow"}}}, {"TensorArrayConcatV3", {{"value"}, {"lengths"}}},
        {"TensorListPopBack", {{"output_handle"}, {"tensor"}}},
        {"TensorListConcat", {{"tensor"}, {"lengths"}}}, {"TensorListConcatV2", {{"tensor"}, {"lengths"}}},
        {"Switch", {{"output_false"}, {"output_true"}}}, {"Merge", {{"output"}, {"value_index"}}},
        {"LSTMBlockCell", lstm}, {"BlockLSTM", lstm}, {"BlockLSTMV2", lstm},
        {"GRUBlockCell", {{"r"}, {"u"}, {"c"}, {"h"}}},
        {"BroadcastGradientArgs", {{"r0"}, {"r1"}}},
        {"SoftmaxCrossEntropyWithLogits", {{"loss"}, {"backprop"}}},
        {"SparseSoftmaxCrossEntropyWithLogits", {{"loss"}, {"backprop"}}},
        {"SparseFillEmptyRows", {{"output_indices"}, {"output_values"}, {"empty_row_indicator"}, {"reverse_index_map"}}},
        {"SparseReshape", {{"output_indices"}, {"output_shape"}}},
        {"QuantizeV2", {{"output"}, {"output_min"}, {"output_max"}}},
        {"RaggedRange", {{"rt_nested_splits"}, {"rt_dense_values"}}},
        {"RaggedGather", {{"output_nested_splits", "OUTPUT_RAGGED_RANK"}, {"output_dense_values"}}},
    };
    return table;
}

Expected<int> output_index(const ir::Node& node, const std::string& arg, int k) {
    auto it = multi_output_ops().find(node.op);
    if (it == multi_output_ops().end()) return k;  // one output argument: its k-th tensor
    int base = 0;
    for (const auto& a : it->second) {
        if (arg == a.name) return base + k;
        int count = 1;
        if (a.count_attr) {
            auto attr = node.attrs.find(a.count_attr);
            const auto* list = attr == node.attrs.end() ? nullptr : attr->second.get_if<ir::AttrList>();
            count = list ? static_cast<int>(list->type.size()) : static_cast<int>(ir::attr_int(node.attrs, a.count_attr, 1));
        }
        base += count;
    }
    return Error{{}, "node '" + node.name + "'", "op " + node.op + " has no output argument '" + arg + "'"};
}

// Functions being built on this thread, outermost first: a name met twice is recursion.
thread_local std::vector<std::string> t_building;

bool is_call(const std::string& op) {
    return op == "PartitionedCall" || op == "StatefulPartitionedCall" || op == "If" || op == "StatelessIf" ||
           op == "Case" || op == "StatelessCase" || op == "While" || op == "StatelessWhile";
}

}  // namespace

std::string function_attr(const ir::Node& node, const std::string& key) {
    auto it = node.attrs.find(key);
    const auto* f = it == node.attrs.end() ? nullptr : it->second.get_if<ir::NameAttrList>();
    return f ? f->name : std::string();
}

Expected<std::unique_ptr<FunctionBody>> FunctionBody::create(const std::vector<ir::Function>& library,
                                                             const std::string& name, ThreadPool& pool) {
    const ir::Function* fn = nullptr;
    for (const auto& f : library)
        if (f.name == name) fn = &f;
    const std::string item = "function '" + name + "'";
    if (!fn) return Error{{}, item, "not in the graph's function library"};
    if (std::find(t_building.begin(), t_building.end(), name) != t_building.end())
        return Error{{}, item, "calls itself (recursive functions are not supported)"};
    if (t_building.size() >= 64) return Error{{}, item, "function calls nest deeper than 64 levels"};
    struct Building {
        explicit Building(const std::string& n) { t_building.push_back(n); }
        ~Building() { t_building.pop_back(); }
    } building(name);

    auto body = std::make_unique<FunctionBody>();
    body->name_ = name;
    body->pool_ = &pool;
    body->graph_.functions = library;  // nested If/While inside the body find their functions
    std::map<std::string, const ir::Node*> by_name;
    for (const auto& n : fn->nodes) by_name[n.name] = &n;
    for (const auto& a : fn->inputs) {
        if (by_name.count(a.name)) return Error{{}, item, "argument '" + a.name + "' clashes with a node name"};
        ir::Node p;
        p.name = a.name;
        p.op = "Placeholder";
        if (a.type != ir::DType::Invalid) p.attrs["dtype"] = a.type;
        body->graph_.add(std::move(p));
    }
    // "x" (argument), "node:arg:k" → "node:index", "^node" unchanged.
    auto rewrite = [&](const std::string& input) -> Expected<std::string> {
        ir::InputRef ref = ir::parse_input(input);
        if (ref.port.empty() || ref.control) return input;
        auto it = by_name.find(ref.node);
        if (it == by_name.end()) return Error{{}, item, "input '" + input + "' names no node"};
        auto index = output_index(*it->second, ref.port, ref.index);
        if (!index) return Error{{}, item, index.error().message};
        return ir::format_input({ref.node, *index, false, {}});
    };
    for (const auto& n : fn->nodes) {
        ir::Node copy = n;
        for (auto& in : copy.inputs) {
            auto r = rewrite(in);
            if (!r) return r.error();
            in = *r;
        }
        body->graph_.add(std::move(copy));
    }
    auto plan = GraphPlan::build(body->graph_, pool);
    if (!plan) return Error{{}, item, plan.error().item + ": " + plan.error().message};
    body->plan_ = std::move(*plan);
    // A call inside the body whose own function failed to build fails this function too, so
    // the error is reported once, at the outermost node, instead of on first use.
    for (const auto& p : body->plan_->nodes())
        if (!p.runnable && is_call(p.node->op))
            return Error{{}, item, p.kernel_missing.item + ": " + p.kernel_missing.message};
    for (const auto& a : fn->inputs) body->args_.push_back(body->plan_->find(a.name));
    for (const auto& out : fn->outputs) {
        auto ret = fn->ret.find(out.name);
        if (ret == fn->ret.end()) return Error{{}, item, "output '" + out.name + "' has no ret entry"};
        auto r = rewrite(ret->second);
        if (!r) return r.error();
        ir::InputRef ref = ir::parse_input(*r);
        const int node = body->plan_->find(ref.node);
        if (node < 0 || ref.control) return Error{{}, item, "output '" + out.name + "' names no tensor"};
        body->rets_.emplace_back(node, ref.index);
    }
    return body;
}

Expected<std::vector<ir::Tensor>> FunctionBody::run(const std::vector<ir::Tensor>& args) {
    if (args.size() != args_.size())
        return Error{{}, "function '" + name_ + "'",
                     "takes " + std::to_string(args_.size()) + " arguments, got " + std::to_string(args.size())};
    ExecRequest request;
    for (std::size_t i = 0; i < args.size(); ++i) request.feeds.push_back({args_[i], {0, args[i]}});
    request.fetches = rets_;
    RunStats stats;
    Executor executor(*plan_, *pool_, memory_, false);
    auto out = executor.run(request, stats, Progress{});
    if (!out) return Error{{}, "function '" + name_ + "'", out.error().item + ": " + out.error().message};
    return out;
}

}  // namespace wb::runtime
