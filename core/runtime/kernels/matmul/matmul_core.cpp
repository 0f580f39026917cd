// SPDX-License-Identifier: Apache-2.0
#include "runtime/kernels/matmul/matmul_core.h"

#include <Eigen/Core>
#include <algorithm>

#include "runtime/thread_pool.h"

namespace wb::runtime::matmul {

namespace {

template <class T>
using RowMatrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class T>
using ConstMap = Eigen::Map<const RowMatrix<T>>;

// C[m0:m1, n0:n1] = op(A)[m0:m1, :] * op(B)[:, n0:n1] (single-threaded Eigen product).
template <class T>
void block_product(const T* a, const T* b, T* c, int64_t M, int64_t K, int64_t N, bool ta, bool tb, int64_t m0,
                   int64_t m1, int64_t n0, int64_t n1) {
    Eigen::Map<RowMatrix<T>> C(c, M, N);
    auto out = C.block(m0, n0, m1 - m0, n1 - n0);
    if (K == 0) {
        out.setZero();
        return;
    }
    const ConstMap<T> A(a, ta ? K : M, ta ? M : K), B(b, tb ? N : K, tb ? K : N);
    if (!ta && !tb)
        out.noalias() = A.middleRows(m0, m1 - m0) * B.middleCols(n0, n1 - n0);
    else if (!ta && tb)
        out.noalias() = A.middleRows(m0, m1 - m0) * B.middleRows(n0, n1 - n0).transpose();
    else if (ta && !tb)
        out.noalias() = A.middleCols(m0, m1 - m0).transpose() * B.middleCols(n0, n1 - n0);
    else
        out.noalias() = A.middleCols(m0, m1 - m0).transpose() * B.middleRows(n0, n1 - n0).transpose();
}

}  // namespace

template <class T>
void gemm(const T* a, const T* b, T* c, int64_t M, int64_t K, int64_t N, bool ta, bool tb, ThreadPool& pool) {
    if (M == 0 || N == 0) return;
    // Small products are not worth a parallel region.
    const bool tiny = M * N * std::max<int64_t>(K, 1) < 32768;
    if (tiny) {
        block_product(a, b, c, M, K, N, ta, tb, 0, M, 0, N);
    } else if (M >= 4 * pool.size()) {
        pool.parallel_for(M, [&](int64_t m0, int64_t m1) { block_product(a, b, c, M, K, N, ta, tb, m0, m1, 0, N); }, 4);
    } else {
        pool.parallel_for(N, [&](int64_t n0, int64_t n1) { block_product(a, b, c, M, K, N, ta, tb, 0, M, n0, n1); }, 16);
    }
}

template <class T>
void gemm_batched(const T* a, const T* b, T* c, const std::vector<int64_t>& a_off, const std::vector<int64_t>& b_off,
                  int64_t M, int64_t K, int64_t N, bool ta, bool tb, ThreadPool& pool) {
    const int64_t batch = static_cast<int64_t>(a_off.size());
    if (batch >= pool.size() * 2 || batch * M * N * std::max<int64_t>(K, 1) < 32768) {
        pool.parallel_for(batch, [&](int64_t b0, int64_t b1) {
            for (int64_t i = b0; i < b1; ++i)
                block_product(a + a_off[i], b + b_off[i], c + i * M * N, M, K, N, ta, tb, 0, M, 0, N);
        });
    } else {
        for (int64_t i = 0; i < batch; ++i) gemm(a + a_off[i], b + b_off[i], c + i * M * N, M, K, N, ta, tb, pool);
    }
}

template void gemm<float>(const float*, const float*, float*, int64_t, int64_t, int64_t, bool, bool, ThreadPool&);
template void gemm<double>(const double*, const double*, double*, int64_t, int64_t, int64_t, bool, bool, ThreadPool&);
template void gemm_batched<float>(const float*, const float*, float*, const std::vector<int64_t>&,
                                  const std::vector<int64_t>&, int64_t, int64_t, int64_t, bool, bool, ThreadPool&);
template void gemm_batched<double>(const double*, const double*, double*, const std::vector<int64_t>&,
                                   const std::vector<int64_t>&, int64_t, int64_t, int64_t, bool, bool, ThreadPool&);

}  // namespace wb::runtime::matmul
