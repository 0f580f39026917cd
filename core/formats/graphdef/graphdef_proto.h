// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "core/proto/graph.pb.h"
#include "ir/graph.h"
#include "util/error.h"

namespace wb::formats {

// NodeDef ⇄ ir::Node: name, op, inputs, device, attrs, experimental_debug_info.original_node_names.
Expected<ir::Node> node_from_proto(const tensorflow::NodeDef& proto, const std::string& owner = {});
void node_to_proto(const ir::Node& node, tensorflow::NodeDef* proto);

// FunctionDef ⇄ ir::Function: signature (args, attrs, is_stateful, control outputs), attr,
// node_def, ret and control_ret.
Expected<ir::Function> function_from_proto(const tensorflow::FunctionDef& proto);
void function_to_proto(const ir::Function& function, tensorflow::FunctionDef* proto);

// GraphDef ⇄ ir::Graph (nodes in file order, library functions, versions). Errors name the item
// but leave Error::file empty for the caller to fill. GraphDef → IR → GraphDef keeps every field
// the IR models; typed tensor values come back as tensor_content.
Expected<ir::Graph> graph_from_proto(const tensorflow::GraphDef& proto);
void graph_to_proto(const ir::Graph& graph, tensorflow::GraphDef* proto);

}  // namespace wb::formats
