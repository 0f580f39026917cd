// SPDX-License-Identifier: Apache-2.0
#include "views/graph/layout_job.h"

#include <algorithm>
#include <chrono>

#include "views/graph/graph_metrics.h"

namespace wb::views {

void mark_dirty_up(const GroupTree& tree, int g, std::vector<char>& dirty) {
    for (; g >= 0; g = tree.group(g).parent) dirty[static_cast<std::size_t>(g)] = 1;
}

LayoutResult run_layout(const LayoutRequest& request, const std::atomic<bool>& stop,
                        const std::function<void(int, int)>& progress) {
    const auto start = std::chrono::steady_clock::now();
    const GroupTree& tree = *request.tree;
    LayoutResult result;
    result.cache = request.cache;
    result.cache.resize(static_cast<std::size_t>(tree.group_count()));

    // Collect the groups to lay out in pre-order, then process in reverse (children first).
    std::vector<int> todo, stack{tree.root()};
    while (!stack.empty()) {
        const int g = stack.back();
        stack.pop_back();
        const auto gi = static_cast<std::size_t>(g);
        if (!request.expanded[gi]) continue;
        const bool need = request.dirty[gi] || !result.cache[gi];
        for (const auto& item : tree.group(g).items)
            if (item.is_group) stack.push_back(item.id);
        if (need) todo.push_back(g);
    }
    // A group whose child is recomputed must be recomputed too (its size may change).
    std::vector<char> pending(static_cast<std::size_t>(tree.group_count()), 0);
    for (int g : todo) pending[static_cast<std::size_t>(g)] = 1;
    for (int g : std::vector<int>(todo))
        for (int p = tree.group(g).parent; p >= 0 && !pending[static_cast<std::size_t>(p)]; p = tree.group(p).parent) {
            pending[static_cast<std::size_t>(p)] = 1;
            todo.push_back(p);
        }
    std::sort(todo.begin(), todo.end(), [&](int a, int b) { return tree.group(a).depth > tree.group(b).depth; });

    int done = 0;
    for (int g : todo) {
        if (stop.load(std::memory_order_relaxed)) { result.cancelled = true; break; }
        const Group& grp = tree.group(g);
        LayoutInput in;
        in.boxes.reserve(grp.items.size());
        for (const auto& item : grp.items) {
            const auto ci = static_cast<std::size_t>(item.id);
            if (!item.is_group) in.boxes.push_back({metrics::kNodeWidth, metrics::kNodeHeight});
            else if (request.expanded[ci] && result.cache[ci])
                in.boxes.push_back({result.cache[ci]->width, result.cache[ci]->height});
            else in.boxes.push_back({metrics::kGroupWidth, metrics::kGroupHeight});
        }
        in.edges.reserve(grp.edges.size());
        for (const auto& e : grp.edges) in.edges.push_back({e.from, e.to});
        auto out = std::make_shared<GroupLayout>();
        out->layout = layered_layout(in);
        out->width = std::max(out->layout.width + 2 * metrics::kGroupMargin, metrics::kGroupWidth + 60);  // room for the title
        out->height = out->layout.height + metrics::kGroupHeader + 2 * metrics::kGroupMargin;
        result.cache[static_cast<std::size_t>(g)] = std::move(out);
        ++result.groups_laid_out;
        result.laid_out.push_back(g);
        if (progress) progress(++done, static_cast<int>(todo.size()));
    }
    result.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace wb::views
