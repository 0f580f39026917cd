// SPDX-License-Identifier: Apache-2.0
#include "runtime/reference/reference_elementwise.h"

#include <cmath>

namespace wb::runtime::reference {

namespace {

std::vector<int64_t> unravel(int64_t i, const std::vector<int64_t>& dims) {
    std::vector<int64_t> idx(dims.size());
    for (int d = static_cast<int>(dims.size()) - 1; d >= 0; --d) {
        idx[d] = dims[d] ? i % dims[d] : 0;
        i = dims[d] ? i / dims[d] : 0;
    }
    return idx;
}

int64_t ravel_broadcast(const std::vector<int64_t>& out_idx, const std::vector<int64_t>& dims) {
    int64_t flat = 0;
    const std::size_t off = out_idx.size() - dims.size();
    for (std::size_t d = 0; d < dims.size(); ++d) flat = flat * dims[d] + (dims[d] == 1 ? 0 : out_idx[off + d]);
    return flat;
}

}  // namespace

ir::Tensor binary(const ir::Tensor& a, const ir::Tensor& b, const std::function<double(double, double)>& f) {
    const auto& da = a.shape().dims;
    const auto& db = b.shape().dims;
    const std::size_t rank = std::max(da.size(), db.size());
    std::vector<int64_t> out(rank);
    for (std::size_t i = 0; i < rank; ++i) {
        const int64_t x = i + da.size() >= rank ? da[i + da.size() - rank] : 1;
        const int64_t y = i + db.size() >= rank ? db[i + db.size() - rank] : 1;
        out[i] = x == 1 ? y : x;
    }
    ir::Tensor r(ir::DType::Float64, ir::Shape(out));
    for (int64_t i = 0; i < r.num_elements(); ++i) {
        const auto idx = unravel(i, out);
        r.data<double>()[i] = f(a.value_as_double(ravel_broadcast(idx, da)), b.value_as_double(ravel_broadcast(idx, db)));
    }
    return r;
}

ir::Tensor reduce_sum(const ir::Tensor& x, const std::vector<int64_t>& axes) {
    const auto& d = x.shape().dims;
    std::vector<char> reduced(d.size(), 0);
    for (int64_t a : axes) reduced[a < 0 ? a + d.size() : a] = 1;
    std::vector<int64_t> out;
    for (std::size_t i = 0; i < d.size(); ++i)
        if (!reduced[i]) out.push_back(d[i]);
    ir::Tensor r(ir::DType::Float64, ir::Shape(out));
    for (int64_t i = 0; i < x.num_elements(); ++i) {
        const auto idx = unravel(i, d);
        int64_t flat = 0;
        for (std::size_t k = 0, o = 0; k < d.size(); ++k)
            if (!reduced[k]) flat = flat * out[o++] + idx[k];
        r.data<double>()[flat] += x.value_as_double(i);
    }
    return r;
}

ir::Tensor softmax(const ir::Tensor& x) {
    ir::Tensor r(ir::DType::Float64, x.shape());
    const int64_t n = x.shape().dims.back();
    for (int64_t row = 0; row < x.num_elements() / n; ++row) {
        double m = -INFINITY, s = 0;
        for (int64_t i = 0; i < n; ++i) m = std::max(m, x.value_as_double(row * n + i));
        for (int64_t i = 0; i < n; ++i) s += std::exp(x.value_as_double(row * n + i) - m);
        for (int64_t i = 0; i < n; ++i) r.data<double>()[row * n + i] = std::exp(x.value_as_double(row * n + i) - m) / s;
    }
    return r;
}

}  // namespace wb::runtime::reference
