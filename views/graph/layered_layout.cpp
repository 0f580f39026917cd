// SPDX-License-Identifier: Apache-2.0
#include "views/graph/layered_layout.h"

#include <algorithm>
#include <numeric>

namespace wb::views {
namespace {

struct Work {
    int real = 0;                       // boxes [0, real) are real, the rest are dummies
    std::vector<double> width, height;  // per vertex (dummies are thin)
    std::vector<std::vector<int>> succ, pred;
    std::vector<int> layer;
    std::vector<std::vector<int>> layers;  // vertex ids per layer, in order
    std::vector<double> x;                 // centre x
};

// Reverses edges that close a cycle (found by iterative DFS) so the graph becomes acyclic.
std::vector<std::pair<int, int>> acyclic_edges(int n, const std::vector<std::pair<int, int>>& edges,
                                               std::vector<bool>& reversed) {
    std::vector<std::vector<int>> out(n);
    for (int e = 0; e < static_cast<int>(edges.size()); ++e) out[edges[e].first].push_back(e);
    std::vector<char> state(n, 0);  // 0 new, 1 on stack, 2 done
    reversed.assign(edges.size(), false);
    std::vector<std::pair<int, std::size_t>> stack;
    for (int root = 0; root < n; ++root) {
        if (state[root]) continue;
        stack.push_back({root, 0});
        state[root] = 1;
        while (!stack.empty()) {
            auto& [v, next] = stack.back();
            if (next < out[v].size()) {
                int e = out[v][next++];
                int w = edges[e].second;
                if (state[w] == 1) reversed[e] = true;
                else if (state[w] == 0) { state[w] = 1; stack.push_back({w, 0}); }
            } else {
                state[v] = 2;
                stack.pop_back();
            }
        }
    }
    std::vector<std::pair<int, int>> result = edges;
    for (std::size_t e = 0; e < edges.size(); ++e)
        if (reversed[e]) std::swap(result[e].first, result[e].second);
    return result;
}

// Longest path from the sources, then sources move down next to their first consumer
// (a Const feeding layer 7 sits in layer 6, not in layer 0).
void assign_layers(Work& w) {
    const int n = w.real;
    std::vector<int> indeg(n, 0), order;
    order.reserve(n);
    for (int v = 0; v < n; ++v) indeg[v] = static_cast<int>(w.pred[v].size());
    for (int v = 0; v < n; ++v) if (indeg[v] == 0) order.push_back(v);
    for (std::size_t i = 0; i < order.size(); ++i)
        for (int s : w.succ[order[i]]) if (--indeg[s] == 0) order.push_back(s);
    w.layer.assign(n, 0);
    for (int v : order)
        for (int s : w.succ[v]) w.layer[s] = std::max(w.layer[s], w.layer[v] + 1);
    for (int v = 0; v < n; ++v) {
        if (!w.pred[v].empty() || w.succ[v].empty()) continue;
        int lowest = 1 << 30;
        for (int s : w.succ[v]) lowest = std::min(lowest, w.layer[s]);
        w.layer[v] = std::max(0, lowest - 1);
    }
}

// Splits every edge spanning k > 1 layers into a chain through k-1 dummies.
std::vector<std::vector<int>> add_dummies(Work& w, const std::vector<std::pair<int, int>>& edges) {
    std::vector<std::vector<int>> chains(edges.size());
    for (auto& s : w.succ) s.clear();
    for (auto& p : w.pred) p.clear();
    auto link = [&](int a, int b) { w.succ[a].push_back(b); w.pred[b].push_back(a); };
    for (std::size_t e = 0; e < edges.size(); ++e) {
        auto [a, b] = edges[e];
        if (a < 0) continue;
        chains[e].push_back(a);
        int prev = a;
        for (int l = w.layer[a] + 1; l < w.layer[b]; ++l) {
            int d = static_cast<int>(w.layer.size());
            w.layer.push_back(l);
            w.width.push_back(8);
            w.height.push_back(0);
            w.succ.emplace_back();
            w.pred.emplace_back();
            link(prev, d);
            chains[e].push_back(d);
            prev = d;
        }
        link(prev, b);
        chains[e].push_back(b);
    }
    return chains;
}

void order_layers(Work& w) {
    const int n = static_cast<int>(w.layer.size());
    int nl = 0;
    for (int l : w.layer) nl = std::max(nl, l + 1);
    w.layers.assign(nl, {});
    for (int v = 0; v < n; ++v) w.layers[w.layer[v]].push_back(v);
    std::vector<double> pos(n, 0);
    auto refresh = [&](int l) {
        for (std::size_t i = 0; i < w.layers[l].size(); ++i) pos[w.layers[l][i]] = static_cast<double>(i);
    };
    for (int l = 0; l < nl; ++l) refresh(l);
    std::vector<double> key(n, 0);
    auto sweep = [&](int l, const std::vector<std::vector<int>>& nbr) {
        auto& row = w.layers[l];
        for (int v : row) {
            if (nbr[v].empty()) { key[v] = pos[v]; continue; }
            double sum = 0;
            for (int u : nbr[v]) sum += pos[u];
            key[v] = sum / static_cast<double>(nbr[v].size());
        }
        std::stable_sort(row.begin(), row.end(), [&](int a, int b) { return key[a] < key[b]; });
        refresh(l);
    };
    for (int iter = 0; iter < 4; ++iter) {
        for (int l = 1; l < nl; ++l) sweep(l, w.pred);
        for (int l = nl - 2; l >= 0; --l) sweep(l, w.succ);
    }
}

// Least-squares placement of one layer's centres near `want`, keeping order and separation:
// with offsets o_i = cumulative half widths + gaps, y_i = x_i - o_i must be non-decreasing,
// which is isotonic regression (pool adjacent violators), O(n).
void place_row(const Work& w, const std::vector<int>& row, const std::vector<double>& want,
               double gap, std::vector<double>& x) {
    const std::size_t n = row.size();
    if (n == 0) return;
    std::vector<double> offset(n, 0);
    for (std::size_t i = 1; i < n; ++i)
        offset[i] = offset[i - 1] + w.width[row[i - 1]] / 2 + gap + w.width[row[i]] / 2;
    struct Block { double sum; int count; };
    std::vector<Block> blocks;
    for (std::size_t i = 0; i < n; ++i) {
        blocks.push_back({want[i] - offset[i], 1});
        while (blocks.size() > 1) {
            auto& b = blocks.back();
            auto& a = blocks[blocks.size() - 2];
            if (a.sum / a.count <= b.sum / b.count) break;
            a.sum += b.sum;
            a.count += b.count;
            blocks.pop_back();
        }
    }
    std::size_t i = 0;
    for (const auto& b : blocks)
        for (int k = 0; k < b.count; ++k, ++i) x[row[i]] = b.sum / b.count + offset[i];
}

void assign_x(Work& w, double gap) {
    const int n = static_cast<int>(w.layer.size());
    w.x.assign(n, 0);
    for (const auto& row : w.layers) {
        std::vector<double> want(row.size(), 0);
        place_row(w, row, want, gap, w.x);
    }
    auto pass = [&](int l, bool down) {
        const auto& row = w.layers[l];
        std::vector<double> want(row.size());
        for (std::size_t i = 0; i < row.size(); ++i) {
            int v = row[i];
            const auto& a = down ? w.pred[v] : w.succ[v];
            const auto& b = down ? w.succ[v] : w.pred[v];
            const auto& nbr = a.empty() ? b : a;
            if (nbr.empty()) { want[i] = w.x[v]; continue; }
            double sum = 0;
            for (int u : nbr) sum += w.x[u];
            want[i] = sum / static_cast<double>(nbr.size());
        }
        place_row(w, row, want, gap, w.x);
    };
    const int nl = static_cast<int>(w.layers.size());
    for (int iter = 0; iter < 3; ++iter) {
        for (int l = 1; l < nl; ++l) pass(l, true);
        for (int l = nl - 2; l >= 0; --l) pass(l, false);
    }
}

}  // namespace

LayoutOutput layered_layout(const LayoutInput& input) {
    LayoutOutput out;
    const int n = static_cast<int>(input.boxes.size());
    out.positions.resize(n);
    out.routes.resize(input.edges.size());
    if (n == 0) return out;

    Work w;
    w.real = n;
    for (const auto& b : input.boxes) { w.width.push_back(b.width); w.height.push_back(b.height); }
    w.succ.resize(n);
    w.pred.resize(n);

    // Drop self-loops, duplicates and out-of-range edges; remember which input edge maps where.
    std::vector<std::pair<int, int>> edges;
    std::vector<int> edge_of_input(input.edges.size(), -1);
    {
        std::vector<std::pair<int, int>> sorted;
        for (std::size_t e = 0; e < input.edges.size(); ++e) {
            auto [a, b] = input.edges[e];
            if (a == b || a < 0 || b < 0 || a >= n || b >= n) continue;
            sorted.push_back({a, b});
        }
        std::sort(sorted.begin(), sorted.end());
        sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
        edges = sorted;
        for (std::size_t e = 0; e < input.edges.size(); ++e) {
            auto it = std::lower_bound(edges.begin(), edges.end(), input.edges[e]);
            if (it != edges.end() && *it == input.edges[e])
                edge_of_input[e] = static_cast<int>(it - edges.begin());
        }
    }
    std::vector<bool> reversed;
    auto dag = acyclic_edges(n, edges, reversed);
    for (auto [a, b] : dag) { w.succ[a].push_back(b); w.pred[b].push_back(a); }
    assign_layers(w);
    // A reversed edge between equal layers cannot happen (layers strictly increase along DAG edges).
    auto chains = add_dummies(w, dag);
    order_layers(w);
    assign_x(w, input.node_gap);

    // y per layer; x normalised to start at 0.
    std::vector<double> layer_y(w.layers.size(), 0), layer_h(w.layers.size(), 0);
    for (std::size_t l = 0; l < w.layers.size(); ++l)
        for (int v : w.layers[l]) layer_h[l] = std::max(layer_h[l], w.height[v]);
    double y = 0;
    for (std::size_t l = 0; l < w.layers.size(); ++l) { layer_y[l] = y; y += layer_h[l] + input.layer_gap; }
    double min_x = 1e300, max_x = -1e300;
    for (std::size_t v = 0; v < w.x.size(); ++v) {
        min_x = std::min(min_x, w.x[v] - w.width[v] / 2);
        max_x = std::max(max_x, w.x[v] + w.width[v] / 2);
    }
    for (int v = 0; v < n; ++v) {
        const int l = w.layer[v];
        // Centre each box vertically in its layer band.
        out.positions[v] = {w.x[v] - w.width[v] / 2 - min_x, layer_y[l] + (layer_h[l] - w.height[v]) / 2};
    }
    out.width = max_x - min_x;
    out.height = std::max(0.0, y - input.layer_gap);

    for (std::size_t e = 0; e < input.edges.size(); ++e) {
        const int k = edge_of_input[e];
        if (k < 0) continue;
        const auto& chain = chains[k];
        std::vector<LayoutPoint> pts;
        for (std::size_t i = 0; i < chain.size(); ++i) {
            const int v = chain[i];
            const double cx = w.x[v] - min_x;
            const int l = w.layer[v];
            if (v < n) {
                const auto& p = out.positions[v];
                // Leave a box from its bottom, enter it at its top (in DAG direction).
                pts.push_back({cx, i == 0 ? p.y + w.height[v] : p.y});
            } else {
                pts.push_back({cx, layer_y[l] + layer_h[l] / 2});
            }
        }
        if (reversed[k]) std::reverse(pts.begin(), pts.end());
        out.routes[e] = std::move(pts);
    }
    return out;
}

}  // namespace wb::views
