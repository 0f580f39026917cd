// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>

#include "runtime/kernels/conv/conv_geometry.h"
#include "runtime/kernels/conv/fused_epilogue.h"

namespace wb::runtime {
class ThreadPool;
}

namespace wb::runtime::conv {

// True when oneDNN is compiled in and not switched off with WB_FORCE_EIGEN=1 (the switch keeps
// the Eigen path testable and benchmarkable on the same build).
bool onednn_enabled();

// A float32 2D convolution (regular, or depthwise when multiplier > 0) run by oneDNN with NHWC
// activations, weights reordered once into oneDNN's preferred layout, bias and activation fused
// as post-ops (PReLU is left to the caller). The work is split statically into one slice per
// pool thread (images, else output rows with their own padding), each a single-threaded oneDNN
// primitive run on our ThreadPool: no OpenMP team competes with the pool for the cores.
// One object per node: it caches the slices for the last geometry.
class OnednnConv {
public:
    OnednnConv();
    ~OnednnConv();
    OnednnConv(const OnednnConv&) = delete;
    OnednnConv& operator=(const OnednnConv&) = delete;

    // filter in TF layout ([KH,KW,C,OC] or [KH,KW,C,M]); when filter_constant, it is packed once.
    // accumulate: y already holds a residual and receives residual + conv (a sum post-op; only
    // with act None, where TF's Add after the conv gives the same).
    Status run(const Geometry& g, int64_t multiplier, const float* x, const float* filter,
               bool filter_constant, const float* bias, Activation act, float leaky_alpha, float* y,
               ThreadPool& pool, bool accumulate = false);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace wb::runtime::conv
