// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "ir/model.h"
#include "util/error.h"

namespace wb::formats {

// Describes tensor "node" or "node:k" from the node's attrs (dtype/T/out_type, shape or
// _output_shapes); unknown parts stay Invalid / unknown rank.
ir::TensorInfo describe_tensor(const ir::Graph& graph, const std::string& key, const std::string& tensor);

// The tfjs defaults (spec §8.2): inputs = nodes whose op starts with "Placeholder", in node
// order; outputs = nodes nobody consumes (data or control), in node order.
void set_default_io(ir::Model& model);

// Marks the named nodes ("name" or "name:k") as outputs. A missing node is an error naming it
// and listing up to five existing node names that are close to it.
Status set_outputs_by_name(ir::Model& model, const std::vector<std::string>& names, const std::string& file);

}  // namespace wb::formats
