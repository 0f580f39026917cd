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

// One run of the conv → depthwise pair (expand_depthwise.h). `ga` is the first conv's geometry
// (x → the expanded tensor, E channels), `g` the depthwise one (E → E channels).
struct BandJob {
    Geometry ga, g;
    const float* x = nullptr;
    const float* wa = nullptr;  // [KH,KW,Cin,E], TF layout
    const float* bias_a = nullptr;
    Activation act_a = Activation::None;
    const float* wb = nullptr;  // [3,3,E,1]
    const float* bias_b = nullptr;
    Activation act_b = Activation::None;
    int64_t project_channels = 0;  // > 0: the depthwise rows go on through the 1×1 wc
    const float* wc = nullptr;     // [1,1,E,OC]
    const float* bias_c = nullptr;
    Activation act_c = Activation::None;
    const float* residual = nullptr;  // with a projection: added to its output (y's shape)
    float* y = nullptr;
};

// The band pipeline on oneDNN: each pool thread takes a contiguous range of output rows and
// walks it in bands sized so that the band's expanded rows fit in about WB_BAND_KB (512) KB; per
// band it runs a single-threaded primitive of the first conv for the expanded rows not yet
// computed, then the depthwise primitive over them (and the projection over its rows). Primitives are cached per (thread, band geometry); weights are packed
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
