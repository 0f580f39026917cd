// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "runtime/kernel.h"

namespace wb::runtime::matmul {

Status matmul(KernelContext& ctx);        // MatMul and _FusedMatMul
Status batch_matmul(KernelContext& ctx);  // BatchMatMul, BatchMatMulV2, BatchMatMulV3
Status einsum(KernelContext& ctx);        // Einsum with one or two operands

}  // namespace wb::runtime::matmul

namespace wb::runtime {
// MatMul, _FusedMatMul, BatchMatMul/V2/V3, Einsum.
void register_matmul_kernels(KernelRegistry& registry);
}  // namespace wb::runtime
