// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "runtime/reference/reference_conv.h"

namespace wb::runtime::reference {

// [..., M, K] x [..., K, N] with NumPy-broadcast batch dims; trans_* swap an operand's last two
// dims first. Rank-2 inputs make plain MatMul.
RefTensor batch_matmul(const RefTensor& a, const RefTensor& b, bool trans_a, bool trans_b);

// Einsum by enumerating every assignment of every label (sizes of 1 broadcast).
RefTensor einsum(const std::string& equation, const std::vector<RefTensor>& operands);

}  // namespace wb::runtime::reference
