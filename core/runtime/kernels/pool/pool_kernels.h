// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "runtime/kernel.h"

namespace wb::runtime {

// MaxPool, MaxPoolV2 (ksize/strides as inputs), AvgPool, MaxPool3D, AvgPool3D.
void register_pool_kernels(KernelRegistry& registry);

}  // namespace wb::runtime
