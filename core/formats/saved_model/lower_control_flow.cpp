// SPDX-License-Identifier: Apache-2.0
// While:  x_i → Enter_i → Merge_i(Enter_i, NextIteration_i) → cond(Merge…) → LoopCond
//         Switch_i(Merge_i, LoopCond): :0 → Exit_i (result), :1 → Identity_i → body → NextIteration_i
// If:     Switch_i(x_i, pred): :1 → then branch, :0 → else branch; Merge_j(else_j, then_j) → result j
// Branch/body nodes without inputs hang off a pivot Identity so they run in the right frame/branch.
#include "formats/saved_model/lower_control_flow.h"

#include <unordered_map>

namespace wb::formats::saved_model {
namespace {

constexpr int kMaxNesting = 64;

bool is_while(const ir::Node& n) { return n.op == "While" || n.op == "StatelessWhile"; }
bool is_if(const ir::Node& n) { return n.op == "If" || n.op == "StatelessIf"; }

const ir::Function* function_attr(const ir::Node& n, const std::string& key,
                                  const std::unordered_map<std::string, const ir::Function*>& fns) {
    auto it = n.attrs.find(key);
    const auto* f = it == n.attrs.end() ? nullptr : it->second.get_if<ir::NameAttrList>();
    if (!f) return nullptr;
    auto fit = fns.find(f->name);
    return fit == fns.end() ? nullptr : fit->second;
}

std::vector<ir::DType> type_list(const ir::Node& n, const std::string& key) {
    auto it = n.attrs.find(key);
    const auto* l = it == n.attrs.end() ? nullptr : it->second.get_if<ir::AttrList>();
    return l ? l->type : std::vector<ir::DType>{};
}

ir::Node make(std::string name, std::string op, std::vector<std::string> inputs, ir::DType t) {
    ir::Node n;
    n.name = std::move(name);
    n.op = std::move(op);
    n.inputs = std::move(inputs);
    n.attrs["T"] = t;
    return n;
}

// The functional node's replacement: IdentityN of `results` under its name, plus its controls.
ir::Node results_node(const ir::Node& fn_node, std::vector<std::string> results, const std::vector<ir::DType>& types) {
    ir::Node r;
    r.name = fn_node.name;
    r.op = "IdentityN";
    r.inputs = std::move(results);
    ir::AttrList t;
    t.type = types;
    r.attrs["T"] = t;
    return r;
}

Status lower_while(const ir::Node& w, const ir::Function& cond, const ir::Function& body, const OpOutputs& outputs,
                   std::vector<ir::Node>& out) {
    const auto data = w.data_inputs();
    const auto types = type_list(w, "T");
    if (types.size() != data.size())
        return Error{{}, "node '" + w.name + "'", "T lists " + std::to_string(types.size()) + " types for " +
                                                      std::to_string(data.size()) + " loop variables"};
    const std::string p = w.name + "/";
    const int64_t parallel = ir::attr_int(w.attrs, "parallel_iterations", 10);
    std::vector<std::string> merges, bodies_in, exits;
    for (std::size_t i = 0; i < data.size(); ++i) {
        const std::string k = std::to_string(i);
        ir::Node enter = make(p + "Enter_" + k, "Enter", {ir::format_input(data[i])}, types[i]);
        enter.attrs["frame_name"] = w.name;
        enter.attrs["is_constant"] = false;
        enter.attrs["parallel_iterations"] = parallel;
        // The first Enter carries the While's control inputs into the loop.
        if (i == 0)
            for (const auto& c : w.control_inputs()) enter.inputs.push_back(c);
        out.push_back(std::move(enter));
        ir::Node merge = make(p + "Merge_" + k, "Merge", {p + "Enter_" + k, p + "NextIteration_" + k}, types[i]);
        merge.attrs["N"] = 2;
        out.push_back(std::move(merge));
        merges.push_back(p + "Merge_" + k);
    }
    auto c = expand_function_body(cond, merges, p + "cond/", merges.empty() ? "" : merges[0], outputs, out);
    if (!c) return c.error();
    if (c->outputs.size() != 1) return Error{{}, "function '" + cond.name + "'", "a While condition has one output"};
    ir::Node loop_cond;
    loop_cond.name = p + "LoopCond";
    loop_cond.op = "LoopCond";
    loop_cond.inputs = {c->outputs[0]};
    out.push_back(std::move(loop_cond));
    for (std::size_t i = 0; i < data.size(); ++i) {
        const std::string k = std::to_string(i);
        out.push_back(make(p + "Switch_" + k, "Switch", {merges[i], p + "LoopCond"}, types[i]));
        out.push_back(make(p + "Exit_" + k, "Exit", {p + "Switch_" + k}, types[i]));
        out.push_back(make(p + "Identity_" + k, "Identity", {p + "Switch_" + k + ":1"}, types[i]));
        exits.push_back(p + "Exit_" + k);
        bodies_in.push_back(p + "Identity_" + k);
    }
    auto b = expand_function_body(body, bodies_in, p + "body/", bodies_in.empty() ? "" : bodies_in[0], outputs, out);
    if (!b) return b.error();
    if (b->outputs.size() != data.size())
        return Error{{}, "function '" + body.name + "'", "a While body returns one tensor per loop variable"};
    for (std::size_t i = 0; i < data.size(); ++i)
        out.push_back(make(p + "NextIteration_" + std::to_string(i), "NextIteration", {b->outputs[i]}, types[i]));
    out.push_back(results_node(w, exits, types));
    return Ok{};
}

Status lower_if(const ir::Node& n, const ir::Function& then_fn, const ir::Function& else_fn, const OpOutputs& outputs,
                std::vector<ir::Node>& out) {
    const auto data = n.data_inputs();
    if (data.empty()) return Error{{}, "node '" + n.name + "'", "an If needs a condition input"};
    const std::string p = n.name + "/";
    const std::string pred = ir::format_input(data[0]);
    const auto tin = type_list(n, "Tin");
    const auto tout = type_list(n, "Tout");
    if (tin.size() != data.size() - 1)
        return Error{{}, "node '" + n.name + "'", "Tin does not match the inputs"};
    // Pivots: the branch each side's input-less nodes depend on.
    ir::Node pred_switch = make(p + "switch_pred", "Switch", {pred, pred}, ir::DType::Bool);
    for (const auto& c : n.control_inputs()) pred_switch.inputs.push_back(c);
    out.push_back(std::move(pred_switch));
    out.push_back(make(p + "pivot_f", "Identity", {p + "switch_pred"}, ir::DType::Bool));
    out.push_back(make(p + "pivot_t", "Identity", {p + "switch_pred:1"}, ir::DType::Bool));
    std::vector<std::string> then_args, else_args;
    for (std::size_t i = 1; i < data.size(); ++i) {
        const std::string s = p + "input_" + std::to_string(i - 1);
        out.push_back(make(s, "Switch", {ir::format_input(data[i]), pred}, tin[i - 1]));
        else_args.push_back(s);
        then_args.push_back(s + ":1");
    }
    auto t = expand_function_body(then_fn, then_args, p + "then/", p + "pivot_t", outputs, out);
    if (!t) return t.error();
    auto e = expand_function_body(else_fn, else_args, p + "else/", p + "pivot_f", outputs, out);
    if (!e) return e.error();
    if (t->outputs.size() != tout.size() || e->outputs.size() != tout.size())
        return Error{{}, "node '" + n.name + "'", "branches return a different number of tensors than Tout lists"};
    std::vector<std::string> merged;
    for (std::size_t j = 0; j < tout.size(); ++j) {
        const std::string m = p + "output_" + std::to_string(j);
        ir::Node merge = make(m, "Merge", {e->outputs[j], t->outputs[j]}, tout[j]);
        merge.attrs["N"] = 2;
        out.push_back(std::move(merge));
        merged.push_back(m);
    }
    out.push_back(results_node(n, merged, tout));
    return Ok{};
}

bool has_resource_input(const ir::Node& n) {
    for (const auto& key : {"T", "Tin"})
        for (auto t : type_list(n, key))
            if (t == ir::DType::Resource) return true;
    return false;
}

}  // namespace

Status lower_functional_control_flow(ir::Graph& graph, const OpOutputs& outputs, const std::string& file,
                                     std::vector<std::string>* kept) {
    std::unordered_map<std::string, const ir::Function*> fns;
    for (const auto& f : graph.functions) fns[f.name] = &f;
    for (int depth = 0;; ++depth) {
        bool any = false;
        for (const auto& n : graph.nodes()) any = any || ((is_while(n) || is_if(n)) && !has_resource_input(n));
        if (!any) break;
        if (depth == kMaxNesting)
            return Error{file, {}, "control flow nests deeper than " + std::to_string(kMaxNesting) + " levels"};
        std::vector<ir::Node> next;
        next.reserve(graph.size());
        for (auto& n : graph.nodes()) {
            const bool w = is_while(n), f = is_if(n);
            if ((!w && !f) || has_resource_input(n)) {
                if ((w || f) && kept && depth == 0) kept->push_back(n.name);
                next.push_back(std::move(n));
                continue;
            }
            const ir::Function* a = function_attr(n, w ? "cond" : "then_branch", fns);
            const ir::Function* b = function_attr(n, w ? "body" : "else_branch", fns);
            if (!a || !b) return Error{file, "node '" + n.name + "'", "names a function the library does not hold"};
            Status st = w ? lower_while(n, *a, *b, outputs, next) : lower_if(n, *a, *b, outputs, next);
            if (!st) return Error{file, st.error().item, st.error().message};
        }
        graph.nodes() = std::move(next);
        graph.reindex();
    }
    return Ok{};
}

}  // namespace wb::formats::saved_model
