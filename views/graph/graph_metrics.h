// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace wb::views::metrics {

// Sizes shared by the layout (worker thread) and the items (UI thread), in scene units.
inline constexpr double kNodeWidth = 168;
inline constexpr double kNodeHeight = 46;
inline constexpr double kGroupWidth = 196;
inline constexpr double kGroupHeight = 60;
inline constexpr double kGroupHeader = 30;  // title bar of an expanded group
inline constexpr double kGroupMargin = 16;
// Graphs up to this many nodes open fully expanded; bigger ones open with groups collapsed.
inline constexpr int kExpandAllLimit = 600;
// While opening a big graph, groups are expanded breadth-first until this many items show.
inline constexpr int kInitialVisibleItems = 160;
// Below this zoom (an overview of thousands of items) items paint as aliased boxes and lines:
// anti-aliased shapes cost ~10 µs each, too much for 10,000 items in one paint.
inline constexpr double kOverviewLod = 0.12;

}  // namespace wb::views::metrics
