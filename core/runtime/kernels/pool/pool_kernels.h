// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "runtime/kernel.h"

namespace wb::runtime {

namespace pool {
Status max_pool_with_argmax(KernelContext& ctx);  // outputs: values, flattened indices
}

// MaxPool, MaxPoolV2 (ksize/strides as inputs), AvgPool, MaxPool3D, AvgPool3D,
// MaxPoolWithArgmax.
void register_pool_kernels(KernelRegistry& registry);

}  // namespace wb::runtime
