// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>

#include "runtime/kernels/conv/conv_geometry.h"
#include "runtime/kernels/conv/fused_epilogue.h"
#include "util/error.h"

namespace wb::runtime {
class ThreadPool;
}

namespace wb::runtime::conv {

// One run of the expand → depthwise pair (expand_depthwise.h). `g` is the depthwise geometry
// (its input is the expanded tensor, `g.in_channels` = E channels); x has `in_channels` channels.
struct BandJob {
    Geometry g;
    int64_t in_channels = 0;
    const float* x = nullptr;
    const float* wa = nullptr;  // [1,1,Cin,E], TF layout
    const float* bias_a = nullptr;
    Activation act_a = Activation::None;
    const float* wb = nullptr;  // [3,3,E,1]
    const float* bias_b = nullptr;
    Activation act_b = Activation::None;
    float* y = nullptr;
};

// The band pipeline on oneDNN: each pool thread takes a contiguous range of output rows and
// walks it in bands sized so that the band's expanded rows fit in about 384 KB; per band it runs
// a single-threaded 1×1 primitive for the expanded rows not yet computed, then the depthwise
// primitive over them. Primitives are cached per (thread, band geometry); weights are packed
// once (the filters are constants).
class BandPipeline {
public:
    BandPipeline();
    ~BandPipeline();
    static bool available();  // compiled with oneDNN
    Status run(const BandJob& job, ThreadPool& pool);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace wb::runtime::conv
