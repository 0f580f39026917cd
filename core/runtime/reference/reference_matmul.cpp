// SPDX-License-Identifier: Apache-2.0
#include "runtime/reference/reference_matmul.h"

#include <algorithm>
#include <map>

namespace wb::runtime::reference {

namespace {

// Flat index of `idx` (right-aligned against dims, broadcasting size-1 dims).
int64_t flat(const std::vector<int64_t>& dims, const std::vector<int64_t>& idx) {
    int64_t f = 0;
    const size_t off = idx.size() - dims.size();
    for (size_t i = 0; i < dims.size(); ++i) f = f * dims[i] + (dims[i] == 1 ? 0 : idx[off + i]);
    return f;
}

}  // namespace

RefTensor batch_matmul(const RefTensor& a0, const RefTensor& b0, bool ta, bool tb) {
    auto transposed = [](const RefTensor& t) {
        RefTensor r = t;
        const size_t n = t.dims.size();
        std::swap(r.dims[n - 1], r.dims[n - 2]);
        const int64_t rows = t.dims[n - 2], cols = t.dims[n - 1], mats = t.size() / std::max<int64_t>(rows * cols, 1);
        for (int64_t m = 0; m < mats; ++m)
            for (int64_t i = 0; i < rows; ++i)
                for (int64_t j = 0; j < cols; ++j) r.v[m * rows * cols + j * rows + i] = t.v[m * rows * cols + i * cols + j];
        return r;
    };
    const RefTensor a = ta ? transposed(a0) : a0, b = tb ? transposed(b0) : b0;
    const size_t ra = a.dims.size(), rb = b.dims.size(), rbatch = std::max(ra, rb) - 2;
    const int64_t M = a.dims[ra - 2], K = a.dims[ra - 1], N = b.dims[rb - 1];
    std::vector<int64_t> ab(a.dims.begin(), a.dims.end() - 2), bb(b.dims.begin(), b.dims.end() - 2);
    RefTensor c;
    for (size_t i = 0; i < rbatch; ++i) {
        const int64_t da = i + ab.size() >= rbatch ? ab[i + ab.size() - rbatch] : 1;
        const int64_t db = i + bb.size() >= rbatch ? bb[i + bb.size() - rbatch] : 1;
        c.dims.push_back(std::max(da, db));
    }
    std::vector<int64_t> batch = c.dims;
    int64_t count = 1;
    for (auto d : batch) count *= d;
    c.dims.push_back(M);
    c.dims.push_back(N);
    c.v.assign(static_cast<size_t>(count * M * N), 0.0);
    std::vector<int64_t> idx(rbatch);
    for (int64_t bi = 0; bi < count; ++bi) {
        int64_t rem = bi;
        for (int d = static_cast<int>(rbatch) - 1; d >= 0; --d) {
            idx[d] = rem % batch[d];
            rem /= batch[d];
        }
        const int64_t fa = ab.empty() ? 0 : flat(ab, idx), fb = bb.empty() ? 0 : flat(bb, idx);
        for (int64_t i = 0; i < M; ++i)
            for (int64_t j = 0; j < N; ++j) {
                double s = 0;
                for (int64_t k = 0; k < K; ++k) s += a.v[(fa * M + i) * K + k] * b.v[(fb * K + k) * N + j];
                c.v[(bi * M + i) * N + j] = s;
            }
    }
    return c;
}

RefTensor einsum(const std::string& equation, const std::vector<RefTensor>& operands) {
    const auto arrow = equation.find("->");
    const std::string lhs = equation.substr(0, arrow), out = equation.substr(arrow + 2);
    std::vector<std::string> labels;
    for (size_t p = 0;;) {
        const size_t c = lhs.find(',', p);
        labels.push_back(lhs.substr(p, c == std::string::npos ? std::string::npos : c - p));
        if (c == std::string::npos) break;
        p = c + 1;
    }
    std::map<char, int64_t> size;
    for (size_t o = 0; o < labels.size(); ++o)
        for (size_t i = 0; i < labels[o].size(); ++i)
            size[labels[o][i]] = std::max(size[labels[o][i]], operands[o].dims[i]);
    std::vector<char> all;
    for (auto& [l, s] : size) all.push_back(l);
    RefTensor r;
    for (char l : out) r.dims.push_back(size[l]);
    r.v.assign(static_cast<size_t>(r.size()), 0.0);
    std::map<char, int64_t> at;
    for (char l : all) at[l] = 0;
    int64_t total = 1;
    for (char l : all) total *= size[l];
    for (int64_t step = 0; step < total; ++step) {
        int64_t rem = step;
        for (int i = static_cast<int>(all.size()) - 1; i >= 0; --i) {
            at[all[i]] = rem % size[all[i]];
            rem /= size[all[i]];
        }
        double p = 1;
        for (size_t o = 0; o < labels.size(); ++o) {
            int64_t f = 0;
            for (size_t i = 0; i < labels[o].size(); ++i) {
                const int64_t d = operands[o].dims[i];
                f = f * d + (d == 1 ? 0 : at[labels[o][i]]);
            }
            p *= operands[o].v[f];
        }
        int64_t f = 0;
        for (char l : out) f = f * size[l] + at[l];
        r.v[f] += p;
    }
    return r;
}

}  // namespace wb::runtime::reference
