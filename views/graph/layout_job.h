// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "views/graph/group_tree.h"
#include "views/graph/layered_layout.h"

namespace wb::views {

// The layout of one expanded group: its items' positions relative to its content area.
struct GroupLayout {
    LayoutOutput layout;
    double width = 0;   // of the whole expanded group box (header and margins included)
    double height = 0;
};
using LayoutCache = std::vector<std::shared_ptr<const GroupLayout>>;

// A snapshot handed to the worker: nothing in it is shared mutably with the UI thread.
struct LayoutRequest {
    std::shared_ptr<const GroupTree> tree;
    std::vector<char> expanded;  // per group
    LayoutCache cache;           // valid layouts from earlier runs (shared, immutable)
    std::vector<char> dirty;     // groups whose layout must be recomputed
};

struct LayoutResult {
    LayoutCache cache;
    double ms = 0;
    int groups_laid_out = 0;
    std::vector<int> laid_out;  // group ids computed in this run
    bool cancelled = false;
};

// Lays out, bottom-up, every expanded group that is dirty or has no layout yet and is
// reachable from the root through expanded groups. Only those are computed: expanding one
// group costs that group plus its ancestors. Polls `stop` between groups.
LayoutResult run_layout(const LayoutRequest& request, const std::atomic<bool>& stop,
                        const std::function<void(int done, int total)>& progress = {});

// Marks g and all its ancestors dirty.
void mark_dirty_up(const GroupTree& tree, int g, std::vector<char>& dirty);

}  // namespace wb::views
