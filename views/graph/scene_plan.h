// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QPointF>
#include <QPolygonF>
#include <QSizeF>
#include <QString>
#include <vector>

#include "views/graph/graph_index.h"
#include "views/graph/group_tree.h"
#include "views/graph/layout_job.h"

namespace wb::views {

// The next scene as plain data: where every shown node and group goes and the route and label
// of every edge. Computed on the layout worker right after the layout (10,000 nodes take tens
// of milliseconds to plan); the UI thread then only turns it into items, in slices.
struct ScenePlan {
    struct GroupSpec {
        int group = 0;
        QPointF pos;
        QSizeF size;
        bool open = false;
    };
    struct EdgeSpec {
        QPolygonF route;
        QString label;
        bool control = false;
    };
    std::vector<QPointF> node_pos;     // planned top-left per node; NaN x = not shown
    std::vector<int> node_order;       // nodes to place, in plan order
    std::vector<GroupSpec> groups;
    std::vector<int> group_spec_of;    // per group: index into groups or -1
    std::vector<EdgeSpec> edges;
};

// Plans the scene of `tree` with `expanded` groups open, from finished layouts. Thread-safe:
// reads only its (immutable) arguments.
ScenePlan plan_scene(const GraphIndex& index, const GroupTree& tree, const LayoutCache& cache,
                     const std::vector<char>& expanded);

}  // namespace wb::views
