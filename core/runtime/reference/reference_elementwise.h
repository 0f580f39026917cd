// SPDX-License-Identifier: Apache-2.0
// Naive reference kernels for tests: every element computed in double through explicit
// multi-index arithmetic, no fast paths, so they check the optimised loops independently.
#pragma once
#include <functional>
#include <vector>

#include "ir/tensor.h"

namespace wb::runtime::reference {

// out[i] = f(a[bcast(i)], b[bcast(i)]) with NumPy broadcasting; result in float64.
ir::Tensor binary(const ir::Tensor& a, const ir::Tensor& b, const std::function<double(double, double)>& f);
// Sum over `axes` (keep_dims false); result in float64.
ir::Tensor reduce_sum(const ir::Tensor& x, const std::vector<int64_t>& axes);
// Softmax over the last axis; result in float64.
ir::Tensor softmax(const ir::Tensor& x);

}  // namespace wb::runtime::reference
