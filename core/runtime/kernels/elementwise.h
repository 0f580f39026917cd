// SPDX-License-Identifier: Apache-2.0
// The loops behind unary and binary elementwise kernels: flat when shapes agree (or one side is
// a scalar), otherwise a broadcast walk that keeps the innermost dimension as a tight loop.
#pragma once
#include <vector>

#include "runtime/kernels/kernel_util.h"
#include "runtime/thread_pool.h"

namespace wb::runtime::ku {

inline constexpr int64_t kElementGrain = 16384;

template <class T, class R, class Op>
void unary_loop(ThreadPool& pool, const T* in, R* out, int64_t n, Op op) {
    pool.parallel_for(n, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i) out[i] = op(in[i]);
    }, kElementGrain);
}

template <class T, class R, class Op>
void binary_loop(ThreadPool& pool, const T* a, const ir::Shape& sa, const T* b, const ir::Shape& sb,
                 R* out, const ir::Shape& so, Op op) {
    const int64_t n = so.num_elements().value_or(0);
    const int64_t na = sa.num_elements().value_or(0), nb = sb.num_elements().value_or(0);
    if (na == n && nb == n) {
        pool.parallel_for(n, [&](int64_t s, int64_t e) {
            for (int64_t i = s; i < e; ++i) out[i] = op(a[i], b[i]);
        }, kElementGrain);
        return;
    }
    if (nb == 1 && na == n) {
        const T y = b[0];
        pool.parallel_for(n, [&](int64_t s, int64_t e) {
            for (int64_t i = s; i < e; ++i) out[i] = op(a[i], y);
        }, kElementGrain);
        return;
    }
    if (na == 1 && nb == n) {
        const T x = a[0];
        pool.parallel_for(n, [&](int64_t s, int64_t e) {
            for (int64_t i = s; i < e; ++i) out[i] = op(x, b[i]);
        }, kElementGrain);
        return;
    }
    const int rank = so.rank();
    const auto st_a = broadcast_strides(sa, so), st_b = broadcast_strides(sb, so);
    const int64_t inner = so.dims[rank - 1];
    const int64_t ia = st_a[rank - 1], ib = st_b[rank - 1];
    const int64_t rows = n / std::max<int64_t>(inner, 1);
    pool.parallel_for(rows, [&](int64_t r0, int64_t r1) {
        std::vector<int64_t> idx(rank, 0);
        for (int64_t r = r0; r < r1; ++r) {
            int64_t rem = r, off_a = 0, off_b = 0;
            for (int d = rank - 2; d >= 0; --d) {
                const int64_t i = rem % so.dims[d];
                rem /= so.dims[d];
                off_a += i * st_a[d];
                off_b += i * st_b[d];
            }
            R* o = out + r * inner;
            for (int64_t i = 0; i < inner; ++i) o[i] = op(a[off_a + i * ia], b[off_b + i * ib]);
        }
    }, std::max<int64_t>(1, kElementGrain / std::max<int64_t>(inner, 1)));
}

}  // namespace wb::runtime::ku
