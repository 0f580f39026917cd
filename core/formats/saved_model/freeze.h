// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "formats/checkpoint/tensor_bundle.h"
#include "ir/graph.h"
#include "util/error.h"

namespace wb::formats::saved_model {

// Keeps the nodes the given tensors ("name" / "name:k") depend on through data or control edges,
// in their original order. A missing output is an error listing a few existing node names.
Status prune_to_outputs(ir::Graph& graph, const std::vector<std::string>& outputs, const std::string& file);

// Checkpoint key of a variable node, or "" when unknown.
using VariableKeyFn = std::function<std::string(const ir::Node&)>;

// Freezes variables into constants, like TensorFlow's convert_variables_to_constants(_v2):
// VariableV2/Variable/VarHandleOp become Const holding the checkpoint value, ReadVariableOp (and
// resource Identity) of them become Identity, ResourceGather becomes GatherV2 with axis 0.
// Errors name the variable and its checkpoint key when the value is missing.
Status freeze_variables(ir::Graph& graph, const checkpoint::TensorBundle* bundle, const VariableKeyFn& key_of,
                        const std::string& file);

// True for the variable ops freeze_variables() replaces.
bool is_variable_op(const std::string& op);

}  // namespace wb::formats::saved_model
