// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "ir/model.h"
#include "util/error.h"

namespace wb::ir {

// Checks the invariants every reader and pass must keep: unique node names, every input
// resolves to an existing node (and output index where the producer's arity is known), no
// cycles outside loop constructs (NextIteration back edges are allowed), Const nodes carry a
// typed tensor. `file` names the model in the error.
Status validate(const Graph& graph, const std::string& file = {});
Status validate(const Model& model);

}  // namespace wb::ir
