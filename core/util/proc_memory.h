// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>

namespace wb {

// This process's memory as Linux reports it; 0 where /proc is absent or the field unknown.
std::size_t peak_rss_bytes();   // VmHWM of /proc/self/status
std::size_t huge_page_bytes();  // AnonHugePages of /proc/self/smaps_rollup: what lies on transparent huge pages

}  // namespace wb
