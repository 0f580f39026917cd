// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <vector>


namespace wb::runtime {
class ThreadPool;
}

namespace wb::runtime::matmul {

// One product C[M,N] = op(A) op(B) of row-major matrices; A is stored [K,M] when trans_a and
// B [N,K] when trans_b. Split over rows (or columns when M is small) across the pool.
template <class T>
void gemm(const T* a, const T* b, T* c, int64_t M, int64_t K, int64_t N, bool trans_a, bool trans_b,
          ThreadPool& pool);

// `batch` products with per-product element offsets into A, B (broadcast batches repeat an
// offset) and consecutive outputs. Parallel over products when there are enough of them.
template <class T>
void gemm_batched(const T* a, const T* b, T* c, const std::vector<int64_t>& a_offsets,
                  const std::vector<int64_t>& b_offsets, int64_t M, int64_t K, int64_t N, bool trans_a,
                  bool trans_b, ThreadPool& pool);

}  // namespace wb::runtime::matmul
