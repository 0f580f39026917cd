// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "runtime/kernel.h"

namespace wb::runtime::conv {

// Conv2DBackpropInput, stateless.
Status conv2d_backprop_input(KernelContext& ctx);
// Prelu(x, alpha): x < 0 ? alpha * x : x, alpha broadcast against x's trailing dims.
Status prelu(KernelContext& ctx);

}  // namespace wb::runtime::conv
