// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QStringList>

#include "ir/graph.h"

namespace wb::views {

// The library functions a node calls: the functions named by its attrs (`f` of
// PartitionedCall/StatefulPartitionedCall, `body`/`cond` of While, `then_branch`/`else_branch`
// of If, `branches` of Case, any other func attr) and, for a direct call, its op. Only names
// that `library` defines are returned, the main one first (f, body, then_branch, ...).
QStringList called_functions(const ir::Node& node, const std::vector<ir::Function>& library);

}  // namespace wb::views
