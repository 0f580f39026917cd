// SPDX-License-Identifier: Apache-2.0
// oneDNN pieces shared by the conv kernels that use it (conv_onednn.cpp, expand_depthwise.cpp).
// Only included where WB_HAVE_ONEDNN is defined.
#pragma once
#include <functional>

#include <oneapi/dnnl/dnnl.hpp>

#include "runtime/kernels/conv/conv_geometry.h"
#include "runtime/kernels/conv/fused_epilogue.h"

namespace wb::runtime {
class ThreadPool;
}

namespace wb::runtime::conv::dnnl_detail {

using dnnl::memory;
using Dims = memory::dims;

dnnl::engine& cpu_engine();
// oneDNN runs single-threaded inside our pool threads; call before creating or running a primitive.
void single_threaded_here();
// Runs fn(0..n-1) on the pool; a dnnl::error in any becomes the returned error (exceptions
// cannot cross the pool's threads).
Status parallel_dnnl(ThreadPool& pool, int64_t n, const std::function<void(int64_t)>& fn);
// NHWC float32 convolution (depthwise when m > 0) with bias, activation and optional sum post-ops.
dnnl::convolution_forward::primitive_desc make_pd(const Geometry& g, int64_t m, bool with_bias, Activation a,
                                                  float leaky, bool accumulate);
// The TF filter layout as a oneDNN memory descriptor (hwio, or grouped for depthwise).
memory::desc tf_filter_desc(const Geometry& g, int64_t m);

}  // namespace wb::runtime::conv::dnnl_detail
