// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ir/graph.h"

namespace wb::analysis {

// Op knowledge from resources/ops/tfjs-ops.json (compiled in): the 248 ops TensorFlow.js 4.22
// converts and runs, their categories and colours, and hints for unsupported families.

// True when the tfjs converter accepts the op; Assert/CheckNumerics/Print count only when
// debug ops are stripped (the converter's --strip_debug_ops, on by default).
bool tfjs_supports(std::string_view op, bool strip_debug_ops = true);
// "arithmetic", "convolution"... ; "debug" for the debug ops; "" for ops tfjs does not know.
std::string_view op_category(std::string_view op);
// "#rrggbb" for a category; the "unsupported" colour for "" or an unknown category.
std::string_view category_color(std::string_view category);
// One line on what to do about an unsupported op, or "" when no hint applies.
std::string_view unsupported_hint(std::string_view op);
// Every tfjs op, sorted; every category in file order.
const std::vector<std::string>& tfjs_ops();
const std::vector<std::string>& op_categories();

// Op -> names of the nodes using it, for every op tfjs does not support, in the main graph
// and in function bodies (those named "<function>/<node>"), as the converter checks (spec §7).
std::map<std::string, std::vector<std::string>> unsupported_ops(const ir::Graph& graph, bool strip_debug_ops = true);

// Whether our own runtime has a kernel for the op (runtime::KernelRegistry).
bool runtime_supports(const std::string& op);
// Op -> node names for ops our runtime cannot execute (main graph and function bodies).
std::map<std::string, std::vector<std::string>> runtime_unsupported_ops(const ir::Graph& graph);

}  // namespace wb::analysis
