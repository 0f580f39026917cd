// SPDX-License-Identifier: Apache-2.0
// The memory plan: which shared buffer each recorded allocation gets (TFLite's "greedy by size"
// for shared objects). Largest tensors first, so a buffer is sized by its first tenant and
// smaller ones fill the gaps in its lifetime.
#include <algorithm>
#include <map>
#include <numeric>

#include "runtime/memory_pool.h"

namespace wb::runtime {

std::vector<int> assign_shared_buffers(const std::vector<std::size_t>& bytes, const std::vector<int>& last_live,
                                       std::vector<std::size_t>& sizes) {
    const int n = static_cast<int>(bytes.size());
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return bytes[a] > bytes[b]; });
    sizes.clear();
    std::vector<std::map<int, int>> busy;  // per buffer: lifetime start → end, disjoint
    std::vector<int> slot(n, -1);
    auto overlaps = [](const std::map<int, int>& spans, int b, int e) {
        auto it = spans.upper_bound(e);  // first span starting after e
        if (it == spans.begin()) return false;
        --it;                            // the last span starting at or before e
        return it->second >= b;
    };
    for (int t : order) {
        const int b = t, e = std::max(t, last_live[t]);
        int best = -1;
        for (int s = 0; s < static_cast<int>(sizes.size()); ++s)
            if (!overlaps(busy[s], b, e) && (best < 0 || sizes[s] < sizes[best])) best = s;
        if (best < 0) {
            best = static_cast<int>(sizes.size());
            sizes.push_back(bytes[t]);
            busy.emplace_back();
        }
        busy[best].emplace(b, e);
        slot[t] = best;
    }
    return slot;
}

}  // namespace wb::runtime
