// SPDX-License-Identifier: Apache-2.0
// GraphScene, second half: turning a planned scene (scene_plan.h, made on the layout worker)
// into items. Items are deleted, moved or created in slices of at most sliceMs() (20 ms by
// default) so "Expand all" on 10,000 nodes keeps the UI thread responsive. Items that stay
// (nodes, unchanged groups) are moved, not rebuilt.
#include <QElapsedTimer>
#include <cmath>

#include "views/graph/graph_items.h"
#include "views/graph/graph_scene.h"

namespace wb::views {

void GraphScene::rebuildItems(ScenePlan plan) {
    build_timer_.stop();
    if (!building_) {
        reselect_ = selectedNode();
        emit buildStarted();
    }
    building_ = true;
    plan_ = std::move(plan);

    // What goes: every edge, nodes no longer shown, groups whose look changed.
    doomed_.erase(doomed_.begin(), doomed_.begin() + static_cast<std::ptrdiff_t>(next_doomed_));
    next_doomed_ = 0;
    doomed_.insert(doomed_.end(), edge_items_.begin(), edge_items_.end());
    edge_items_.clear();
    node_items_.resize(static_cast<std::size_t>(index_->size()), nullptr);
    group_items_.resize(static_cast<std::size_t>(tree_->group_count()), nullptr);
    for (std::size_t n = 0; n < node_items_.size(); ++n)
        if (node_items_[n] && std::isnan(plan_.node_pos[n].x())) doomed_.push_back(std::exchange(node_items_[n], nullptr));
    for (std::size_t g = 0; g < group_items_.size(); ++g) {
        auto* item = group_items_[g];
        if (!item) continue;
        const int spec = plan_.group_spec_of[g];
        if (spec < 0 || item->expanded() != plan_.groups[static_cast<std::size_t>(spec)].open ||
            item->size() != plan_.groups[static_cast<std::size_t>(spec)].size)
            doomed_.push_back(std::exchange(group_items_[g], nullptr));
    }
    next_node_ = next_group_ = next_edge_ = 0;
    if (const auto& root = cache_[static_cast<std::size_t>(tree_->root())])
        next_rect_ = QRectF(0, 0, root->layout.width, root->layout.height).adjusted(-60, -60, 60, 60);
    // From the next event-loop turn: this call already follows the worker's result.
    build_timer_.start();
}

void GraphScene::buildSlice() {
    QSignalBlocker block(this);  // deleting or re-adding a selected item must not ping the panels
    QElapsedTimer clock;
    clock.start();
    // The clock is read every 32 items done in this slice, never before the first: a slice always
    // makes progress, even with a zero (or already spent) budget.
    std::size_t done = 0;
    auto out_of_time = [&clock, &done, this] { return ++done % 32 == 0 && clock.elapsed() >= slice_ms_; };
    for (; next_doomed_ < doomed_.size(); ++next_doomed_) {
        if (out_of_time()) return build_timer_.start();
        delete doomed_[next_doomed_];
    }
    doomed_.clear();
    next_doomed_ = 0;
    for (; next_node_ < plan_.node_order.size(); ++next_node_) {
        if (out_of_time()) return build_timer_.start();
        const int n = plan_.node_order[next_node_];
        auto*& item = node_items_[static_cast<std::size_t>(n)];
        if (!item) {
            item = new NodeGraphicsItem(this, n);
            addItem(item);
        }
        item->setPos(plan_.node_pos[static_cast<std::size_t>(n)]);
    }
    for (; next_group_ < plan_.groups.size(); ++next_group_) {
        if (out_of_time()) return build_timer_.start();
        const auto& spec = plan_.groups[next_group_];
        auto*& item = group_items_[static_cast<std::size_t>(spec.group)];
        if (!item) {
            item = new GroupGraphicsItem(this, spec.group, spec.open, spec.size);
            addItem(item);
        }
        item->setPos(spec.pos);
    }
    for (; next_edge_ < plan_.edges.size(); ++next_edge_) {
        if (out_of_time()) return build_timer_.start();
        const auto& spec = plan_.edges[next_edge_];
        auto* item = new EdgeGraphicsItem(spec.route, spec.label, spec.control);
        addItem(item);
        edge_items_.push_back(item);
    }
    if (reselect_ >= 0 && nodeItem(reselect_) && !nodeItem(reselect_)->isSelected()) {
        clearSelection();
        nodeItem(reselect_)->setSelected(true);
    }
    block.unblock();
    // Only now: a new scene rect resizes the view's scroll range, which repaints everything.
    if (!next_rect_.isNull()) setSceneRect(std::exchange(next_rect_, QRectF()));
    finishBuild();
}

}  // namespace wb::views
