// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>

#include "runtime/kernel.h"

namespace wb::runtime::conv {

// MobileNet's inverted-residual pair: a float32 convolution `a` (the 1×1 expansion, or the stem
// conv) whose only consumer is a 3×3 depthwise convolution `b` (stride 1 or 2, multiplier 1,
// NHWC). Run apart, the expanded tensor between them (e.g. 112×112×144 floats, 7 MB) goes to
// memory and back, which makes the early layers memory-bound. Run together, band by band of output rows,
// each band's expanded rows are computed into a small per-thread buffer that stays in cache
// (rows shared with the next band are kept, not recomputed) and consumed at once.

// WB_FUSE_BLOCKS=0 switches the pairing off; it is also off without oneDNN.
bool block_fusion_enabled();

// Attribute and filter checks for the pair (the caller checks the edges): fused_ops of both are
// [], [BiasAdd], [BiasAdd, Relu] or [BiasAdd, Relu6]; wa [1,1,Cin,E] and wb [3,3,E,1] constant.
bool expand_depthwise_candidate(const ir::Node& a, const ir::Node& b, const ir::Tensor& wa, const ir::Tensor& wb);

// The depthwise conv's output may go on, in the same bands, through a 1×1 stride-1 conv `c`
// (MobileNet's projection) that is its only consumer: wc [1,1,channels,OC], constant.
bool project_candidate(const ir::Node& c, const ir::Tensor& wc, int64_t channels);

// The pair's (or with c, the triple's) kernel. Inputs: a's inputs, then b's after the first,
// then c's after the first; output 0 is the last node's. The kernels are the nodes' own, used
// as they are when a run does not qualify (other dtypes or shapes, small images), so the group
// always computes what the nodes would.
std::unique_ptr<Kernel> make_expand_depthwise(const ir::Node& a, const ir::Node& b, const ir::Node* c,
                                              Kernel& a_kernel, Kernel& b_kernel, Kernel* c_kernel);

}  // namespace wb::runtime::conv
