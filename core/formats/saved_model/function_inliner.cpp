// SPDX-License-Identifier: Apache-2.0
// Function inlining as TensorFlow's inliner does it for PartitionedCall/StatefulPartitionedCall
// (tensorflow/core/common_runtime/inline_function_utils.cc): body nodes are copied under the
// call's name scope and the call node becomes an identity of the function's return tensors.
#include <set>
#include <unordered_map>

#include "formats/saved_model/function_inliner.h"

namespace wb::formats::saved_model {
namespace {

constexpr int kMaxInlineDepth = 64;

const ir::Function* callee(const ir::Node& node, const std::unordered_map<std::string, const ir::Function*>& fns) {
    if (node.op == "PartitionedCall" || node.op == "StatefulPartitionedCall") {
        auto it = node.attrs.find("f");
        const auto* f = it == node.attrs.end() ? nullptr : it->second.get_if<ir::NameAttrList>();
        if (!f) return nullptr;
        auto fit = fns.find(f->name);
        return fit == fns.end() ? nullptr : fit->second;
    }
    auto fit = fns.find(node.op);
    return fit == fns.end() ? nullptr : fit->second;
}

struct Expansion {
    const ir::Function& fn;
    const OpOutputs& outputs;
    std::string prefix;
    std::unordered_map<std::string, std::string> args;  // arg name → caller tensor
    std::unordered_map<std::string, const ir::Node*> body;

    // A body reference ("x", "mul:z:0", "^dep") in graph form.
    Expected<std::string> rewrite(const std::string& input) const {
        ir::InputRef ref = ir::parse_input(input);
        if (auto a = args.find(ref.node); a != args.end() && ref.port.empty()) {
            if (!ref.control) return a->second;
            return "^" + ir::parse_input(a->second).node;
        }
        auto b = body.find(ref.node);
        if (b == body.end())
            return Error{{}, "function '" + fn.name + "'", "input '" + input + "' names no node or argument"};
        ir::InputRef out{prefix + ref.node, ref.index, ref.control, {}};
        if (!ref.port.empty() && !ref.control) {
            auto idx = outputs.index(*b->second, ref.port, ref.index);
            if (!idx) return Error{{}, "function '" + fn.name + "'", idx.error().message};
            out.index = *idx;
        }
        return ir::format_input(out);
    }
};

// The call node becomes an Identity (one output) or IdentityN of the body's results, named like
// the call so "call:k" keeps resolving.
Status replace_call(const ir::Node& call, const ir::Function& fn, const OpOutputs& outputs, std::vector<ir::Node>& out) {
    const auto data = call.data_inputs();
    if (data.size() != fn.inputs.size())
        return Error{{}, "node '" + call.name + "'",
                     "calls '" + fn.name + "' with " + std::to_string(data.size()) + " inputs, the function takes " +
                         std::to_string(fn.inputs.size())};
    std::vector<std::string> args;
    for (const auto& d : data) args.push_back(ir::format_input(d));
    auto body = expand_function_body(fn, args, call.name + "/", {}, outputs, out);
    if (!body) return body.error();
    ir::Node result;
    result.name = call.name;
    result.device = call.device;
    result.inputs = body->outputs;
    ir::AttrList types;
    const ir::AttrList* tout = nullptr;
    if (auto it = call.attrs.find("Tout"); it != call.attrs.end()) tout = it->second.get_if<ir::AttrList>();
    for (std::size_t i = 0; i < fn.outputs.size(); ++i) {
        ir::DType t = fn.outputs[i].type;
        if (t == ir::DType::Invalid && tout && i < tout->type.size()) t = tout->type[i];
        types.type.push_back(t);
    }
    for (const auto& c : body->control_outputs) result.inputs.push_back(c);
    for (const auto& c : call.control_inputs()) result.inputs.push_back(c);
    if (types.type.size() == 1) {
        result.op = "Identity";
        result.attrs["T"] = types.type[0];
    } else {
        result.op = "IdentityN";
        result.attrs["T"] = types;
    }
    out.push_back(std::move(result));
    return Ok{};
}

void collect_refs(const ir::AttrMap& attrs, std::vector<std::string>& names) {
    for (const auto& [_, v] : attrs) {
        if (const auto* f = v.get_if<ir::NameAttrList>()) names.push_back(f->name);
        if (const auto* l = v.get_if<ir::AttrList>())
            for (const auto& f : l->func) names.push_back(f.name);
    }
}

}  // namespace

Expected<ExpandedBody> expand_function_body(const ir::Function& fn, const std::vector<std::string>& args,
                                            const std::string& prefix, const std::string& anchor,
                                            const OpOutputs& outputs, std::vector<ir::Node>& out) {
    if (args.size() != fn.inputs.size())
        return Error{{}, "function '" + fn.name + "'",
                     "takes " + std::to_string(fn.inputs.size()) + " inputs, given " + std::to_string(args.size())};
    Expansion e{fn, outputs, prefix, {}, {}};
    for (std::size_t i = 0; i < args.size(); ++i) e.args[fn.inputs[i].name] = args[i];
    for (const auto& n : fn.nodes) e.body[n.name] = &n;
    for (const auto& n : fn.nodes) {
        ir::Node copy = n;
        copy.name = prefix + n.name;
        copy.inputs.clear();
        std::vector<std::string> controls;
        for (const auto& in : n.inputs) {
            auto r = e.rewrite(in);
            if (!r) return r.error();
            (r->starts_with("^") ? controls : copy.inputs).push_back(*r);
        }
        if (n.inputs.empty() && !anchor.empty()) controls.push_back("^" + anchor);
        copy.inputs.insert(copy.inputs.end(), controls.begin(), controls.end());
        out.push_back(std::move(copy));
    }
    ExpandedBody result;
    for (const auto& o : fn.outputs) {
        auto ret = fn.ret.find(o.name);
        if (ret == fn.ret.end()) return Error{{}, "function '" + fn.name + "'", "output '" + o.name + "' has no ret entry"};
        auto r = e.rewrite(ret->second);
        if (!r) return r.error();
        result.outputs.push_back(*r);
    }
    for (const auto& [_, node] : fn.control_ret) result.control_outputs.push_back("^" + prefix + node);
    return result;
}

Status inline_function_calls(ir::Graph& graph, const OpOutputs& outputs, const std::string& file) {
    std::unordered_map<std::string, const ir::Function*> fns;
    for (const auto& f : graph.functions) fns[f.name] = &f;
    for (int depth = 0;; ++depth) {
        bool any = false;
        for (const auto& n : graph.nodes()) any = any || callee(n, fns);
        if (!any) break;
        if (depth == kMaxInlineDepth)
            return Error{file, {}, "function calls nest deeper than " + std::to_string(kMaxInlineDepth) + " levels (recursion?)"};
        std::vector<ir::Node> next;
        next.reserve(graph.size());
        for (auto& n : graph.nodes()) {
            const ir::Function* fn = callee(n, fns);
            if (!fn) {
                next.push_back(std::move(n));
                continue;
            }
            if (auto st = replace_call(n, *fn, outputs, next); !st) return Error{file, st.error().item, st.error().message};
        }
        graph.nodes() = std::move(next);
        graph.reindex();
    }
    return Ok{};
}

void prune_library(ir::Graph& graph) {
    std::unordered_map<std::string, const ir::Function*> fns;
    for (const auto& f : graph.functions) fns[f.name] = &f;
    std::set<std::string> keep;
    std::vector<std::string> todo;
    auto visit_node = [&](const ir::Node& n) {
        if (fns.count(n.op)) todo.push_back(n.op);
        collect_refs(n.attrs, todo);
    };
    for (const auto& n : graph.nodes()) visit_node(n);
    while (!todo.empty()) {
        std::string name = todo.back();
        todo.pop_back();
        auto it = fns.find(name);
        if (it == fns.end() || !keep.insert(name).second) continue;
        for (const auto& n : it->second->nodes) visit_node(n);
    }
    std::erase_if(graph.functions, [&](const ir::Function& f) { return !keep.count(f.name); });
}

}  // namespace wb::formats::saved_model
