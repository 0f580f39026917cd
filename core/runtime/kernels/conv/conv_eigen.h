// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "runtime/kernels/conv/conv_geometry.h"
#include "runtime/kernels/conv/fused_epilogue.h"

namespace wb::runtime {
class ThreadPool;
}

namespace wb::runtime::conv {

// Channels-last convolution (1-3 spatial dims) as blocked im2col + GEMM: each task gathers a
// tile of output rows' patches and multiplies it with the [K, OC] filter (TF's HWIO / DHWIO
// layout already is row-major [K, OC]), then applies the epilogue while the tile is in cache.
template <class T>
void conv_forward_eigen(const Geometry& g, const T* x, const T* filter, T* y, const Epilogue<T>& e,
                        ThreadPool& pool);

// Depthwise 2D convolution, filter [KH, KW, C, M], output channel c*M+m.
template <class T>
void depthwise_forward_eigen(const Geometry& g, int64_t multiplier, const T* x, const T* filter, T* y,
                             const Epilogue<T>& e, ThreadPool& pool);

// Gradient of a convolution w.r.t. its input (Conv2DBackpropInput): y is the input-shaped
// result [N, in..., C], dy the output gradient [N, out..., OC].
template <class T>
void conv_backprop_input_eigen(const Geometry& g, const T* dy, const T* filter, T* dx, ThreadPool& pool);

}  // namespace wb::runtime::conv
