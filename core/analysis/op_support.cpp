// SPDX-License-Identifier: Apache-2.0
#include "analysis/op_support.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "runtime/kernel.h"

namespace wb::analysis {

extern const std::string_view kTfjsOpsJson;  // generated from resources/ops/tfjs-ops.json

namespace {

struct Hint {
    std::vector<std::string> ops;
    std::vector<std::string> prefixes;
    std::string text;
};

struct OpTable {
    std::unordered_map<std::string, std::string> category;  // op -> category (tfjs ops)
    std::unordered_map<std::string, std::string> color;     // category -> colour
    std::vector<std::string> debug_ops;
    std::vector<std::string> ops;
    std::vector<std::string> categories;
    std::vector<Hint> hints;
    std::string unsupported_color;
};

const OpTable& table() {
    static const OpTable t = [] {
        OpTable t;
        const auto doc = nlohmann::ordered_json::parse(kTfjsOpsJson);
        for (const auto& [cat, entry] : doc["categories"].items()) {
            t.categories.push_back(cat);
            t.color[cat] = entry["color"].get<std::string>();
            for (const auto& op : entry["ops"]) {
                t.category[op.get<std::string>()] = cat;
                t.ops.push_back(op.get<std::string>());
            }
        }
        t.color["debug"] = doc["debug_ops"]["color"].get<std::string>();
        for (const auto& op : doc["debug_ops"]["ops"]) t.debug_ops.push_back(op.get<std::string>());
        t.unsupported_color = doc["unsupported_color"].get<std::string>();
        for (const auto& h : doc["hints"])
            t.hints.push_back({h["ops"].get<std::vector<std::string>>(), h["prefixes"].get<std::vector<std::string>>(),
                               h["hint"].get<std::string>()});
        std::sort(t.ops.begin(), t.ops.end());
        return t;
    }();
    return t;
}

bool is_debug_op(std::string_view op) {
    const auto& d = table().debug_ops;
    return std::find(d.begin(), d.end(), op) != d.end();
}

// Op -> node names for every node (main graph, then function bodies) where `bad(op)` holds.
std::map<std::string, std::vector<std::string>> collect(const ir::Graph& graph,
                                                        const std::function<bool(const std::string&)>& bad) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& n : graph.nodes())
        if (bad(n.op)) out[n.op].push_back(n.name);
    for (const auto& fn : graph.functions)
        for (const auto& n : fn.nodes)
            if (bad(n.op)) out[n.op].push_back(fn.name + "/" + n.name);
    return out;
}

}  // namespace

bool tfjs_supports(std::string_view op, bool strip_debug_ops) {
    if (table().category.count(std::string(op))) return true;
    return strip_debug_ops && is_debug_op(op);
}

std::string_view op_category(std::string_view op) {
    const auto& t = table();
    if (auto it = t.category.find(std::string(op)); it != t.category.end()) return it->second;
    return is_debug_op(op) ? std::string_view("debug") : std::string_view();
}

std::string_view category_color(std::string_view category) {
    const auto& t = table();
    if (auto it = t.color.find(std::string(category)); it != t.color.end()) return it->second;
    return t.unsupported_color;
}

std::string_view unsupported_hint(std::string_view op) {
    for (const auto& h : table().hints) {
        if (std::find(h.ops.begin(), h.ops.end(), op) != h.ops.end()) return h.text;
        for (const auto& p : h.prefixes)
            if (op.starts_with(p)) return h.text;
    }
    return {};
}

const std::vector<std::string>& tfjs_ops() { return table().ops; }
const std::vector<std::string>& op_categories() { return table().categories; }

std::map<std::string, std::vector<std::string>> unsupported_ops(const ir::Graph& graph, bool strip_debug_ops) {
    return collect(graph, [strip_debug_ops](const std::string& op) { return !tfjs_supports(op, strip_debug_ops); });
}

bool runtime_supports(const std::string& op) { return runtime::KernelRegistry::instance().has(op); }

std::map<std::string, std::vector<std::string>> runtime_unsupported_ops(const ir::Graph& graph) {
    return collect(graph, [](const std::string& op) { return !runtime_supports(op); });
}

}  // namespace wb::analysis
