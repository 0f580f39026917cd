// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "formats/saved_model/function_inliner.h"
#include "ir/graph.h"
#include "util/error.h"

namespace wb::formats::saved_model {

// Lowers functional While/StatelessWhile and If/StatelessIf in the main graph to TF1 control flow
// (Enter/Merge/LoopCond/Switch/Exit/NextIteration; Switch/Merge) with the cond/body/branch functions
// inlined, as TensorFlow's lower_while_op.cc / lower_if_op.cc do when the converter freezes with
// lower_control_flow=True (spec §6.1). Nested control flow is lowered too. The functional node
// becomes an IdentityN of the results under its own name, so "while:k" keeps resolving. A node
// with a resource input stays functional and is named in `kept`.
Status lower_functional_control_flow(ir::Graph& graph, const OpOutputs& outputs, const std::string& file,
                                     std::vector<std::string>* kept = nullptr);

}  // namespace wb::formats::saved_model
