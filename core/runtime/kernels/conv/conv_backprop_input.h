// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "runtime/kernel.h"

namespace wb::runtime::conv {

// Conv2DBackpropInput (spatial 2) and Conv3DBackpropInputV2 (spatial 3), stateless.
Status conv_backprop_input(KernelContext& ctx, int spatial);
// Dilation2D: grey-scale morphological dilation, max over the window of x + filter.
Status dilation2d(KernelContext& ctx);
// Prelu(x, alpha): x < 0 ? alpha * x : x, alpha broadcast against x's trailing dims.
Status prelu(KernelContext& ctx);

}  // namespace wb::runtime::conv
