// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <utility>
#include <vector>

namespace wb::views {

// One box to place: its size in scene units.
struct LayoutBox {
    double width = 0;
    double height = 0;
};

struct LayoutPoint {
    double x = 0;
    double y = 0;
};

// A directed graph of boxes (edges as index pairs; duplicates and self-loops are ignored).
struct LayoutInput {
    std::vector<LayoutBox> boxes;
    std::vector<std::pair<int, int>> edges;
    double layer_gap = 46;  // vertical space between layers
    double node_gap = 24;   // horizontal space between neighbours in a layer
};

struct LayoutOutput {
    std::vector<LayoutPoint> positions;            // top-left of each box
    std::vector<std::vector<LayoutPoint>> routes;  // per input edge: source → bends → target (empty if ignored)
    double width = 0;
    double height = 0;
};

// A layered (Sugiyama-style) top-to-bottom layout: cycle breaking by DFS, longest-path layering
// with sources pulled next to their consumers, dummy nodes for long edges, barycentric
// crossing reduction and least-squares x placement under min-separation constraints
// (isotonic regression). Linear-ish in boxes + edges × span; pure function, thread-safe.
LayoutOutput layered_layout(const LayoutInput& input);

}  // namespace wb::views
