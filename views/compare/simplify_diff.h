// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "ir/model.h"
#include "passes/pass_manager.h"

namespace wb::views {

// What the pipeline did to one node, read from the passes' change logs.
enum class NodeFate { Unchanged, Removed, Fused, Rewritten, New };

struct NodeDiff {
    NodeFate fate = NodeFate::Unchanged;
    int counterpart = -1;             // node index in the other graph, -1 if none
    std::string pass;                 // the last pass that touched it
    std::string reason;               // removal reason or the change's note
    std::vector<std::string> origins; // optimized side: the original nodes it stands for
};

// Original vs optimized, node by node. Provenance is followed across passes: a node fused by
// one pass and fused again by a later one still leads back to every original node it holds.
struct SimplifyDiff {
    std::vector<NodeDiff> original;   // indexed like the original graph's nodes
    std::vector<NodeDiff> optimized;  // indexed like the optimized graph's nodes

    int count(bool optimized_side, NodeFate fate) const;
};

SimplifyDiff diff_simplification(const ir::Model& original, const ir::Model& optimized,
                                 const passes::PipelineReport& report);

}  // namespace wb::views
