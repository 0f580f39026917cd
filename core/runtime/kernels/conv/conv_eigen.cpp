// SPDX-License-Identifier: Apache-2.0
#include "runtime/kernels/conv/conv_eigen.h"

#include <Eigen/Core>
#include <algorithm>
#include <cstring>
#include <vector>

#include "runtime/thread_pool.h"

namespace wb::runtime::conv {

namespace {

template <class T>
using RowMatrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class T>
using ConstMap = Eigen::Map<const RowMatrix<T>>;
template <class T>
using MutMap = Eigen::Map<RowMatrix<T>>;

// Output rows per task: large enough for an efficient GEMM, small enough that the patch tile
// and the output tile stay in L2.
constexpr int64_t kTileRows = 96;

// Copies the receptive field of output row `row` into `dst` (K values, zeros where padded).
template <class T>
void gather_patch(const Geometry& g, const T* x, int64_t row, T* dst) {
    const int64_t C = g.in_channels;
    int64_t rem = row;
    const int64_t o2 = rem % g.out[2]; rem /= g.out[2];
    const int64_t o1 = rem % g.out[1]; rem /= g.out[1];
    const int64_t o0 = rem % g.out[0]; rem /= g.out[0];
    const int64_t n = rem;
    const T* xn = x + n * g.in_pixels() * C;
    for (int64_t k0 = 0; k0 < g.kernel[0]; ++k0) {
        const int64_t i0 = o0 * g.stride[0] - g.pad_before[0] + k0 * g.dilation[0];
        for (int64_t k1 = 0; k1 < g.kernel[1]; ++k1) {
            const int64_t i1 = o1 * g.stride[1] - g.pad_before[1] + k1 * g.dilation[1];
            const bool row_ok = i0 >= 0 && i0 < g.in[0] && i1 >= 0 && i1 < g.in[1];
            for (int64_t k2 = 0; k2 < g.kernel[2]; ++k2, dst += C) {
                const int64_t i2 = o2 * g.stride[2] - g.pad_before[2] + k2 * g.dilation[2];
                if (row_ok && i2 >= 0 && i2 < g.in[2])
                    std::memcpy(dst, xn + ((i0 * g.in[1] + i1) * g.in[2] + i2) * C, C * sizeof(T));
                else
                    std::fill(dst, dst + C, T(0));
            }
        }
    }
}

}  // namespace

template <class T>
void conv_forward_eigen(const Geometry& g, const T* x, const T* filter, T* y, const Epilogue<T>& e,
                        ThreadPool& pool) {
    const int64_t rows = g.batch * g.out_pixels();
    const int64_t K = g.kernel_size() * g.in_channels;
    const int64_t OC = g.out_channels;
    const ConstMap<T> w(filter, K, OC);
    const bool pointwise = g.is_pointwise();
    const int64_t tiles = (rows + kTileRows - 1) / kTileRows;
    pool.parallel_for(tiles, [&](int64_t t0, int64_t t1) {
        std::vector<T> patches;
        if (!pointwise) patches.resize(static_cast<size_t>(kTileRows * K));
        for (int64_t t = t0; t < t1; ++t) {
            const int64_t r0 = t * kTileRows;
            const int64_t m = std::min(kTileRows, rows - r0);
            const T* a = x + r0 * K;
            if (!pointwise) {
                for (int64_t r = 0; r < m; ++r) gather_patch(g, x, r0 + r, patches.data() + r * K);
                a = patches.data();
            }
            MutMap<T> out(y + r0 * OC, m, OC);
            out.noalias() = ConstMap<T>(a, m, K) * w;
            if (!e.empty()) e.apply(y + r0 * OC, r0, m, OC);
        }
    });
}

template <class T>
void depthwise_forward_eigen(const Geometry& g, int64_t M, const T* x, const T* filter, T* y,
                             const Epilogue<T>& e, ThreadPool& pool) {
    const int64_t C = g.in_channels, OC = C * M;
    const int64_t KH = g.kernel[0], KW = g.kernel[1];
    const int64_t lines = g.batch * g.out[0];
    pool.parallel_for(lines, [&](int64_t l0, int64_t l1) {
        for (int64_t l = l0; l < l1; ++l) {
            const int64_t n = l / g.out[0], oh = l % g.out[0];
            const T* xn = x + n * g.in_pixels() * C;
            T* yl = y + l * g.out[1] * OC;
            for (int64_t ow = 0; ow < g.out[1]; ++ow) {
                T* acc = yl + ow * OC;
                std::fill(acc, acc + OC, T(0));
                for (int64_t kh = 0; kh < KH; ++kh) {
                    const int64_t ih = oh * g.stride[0] - g.pad_before[0] + kh * g.dilation[0];
                    if (ih < 0 || ih >= g.in[0]) continue;
                    for (int64_t kw = 0; kw < KW; ++kw) {
                        const int64_t iw = ow * g.stride[1] - g.pad_before[1] + kw * g.dilation[1];
                        if (iw < 0 || iw >= g.in[1]) continue;
                        const T* xi = xn + (ih * g.in[1] + iw) * C;
                        const T* wk = filter + (kh * KW + kw) * OC;
                        if (M == 1) {
                            for (int64_t c = 0; c < C; ++c) acc[c] += xi[c] * wk[c];
                        } else {
                            for (int64_t c = 0; c < C; ++c)
                                for (int64_t m = 0; m < M; ++m) acc[c * M + m] += xi[c] * wk[c * M + m];
                        }
                    }
                }
            }
            if (!e.empty()) e.apply(yl, l * g.out[1], g.out[1], OC);
        }
    });
}

template <class T>
void conv_backprop_input_eigen(const Geometry& g, const T* dy, const T* filter, T* dx, ThreadPool& pool) {
    const int64_t C = g.in_channels, OC = g.out_channels;
    const int64_t K = g.kernel_size() * C;
    const int64_t P = g.out_pixels();
    const ConstMap<T> w(filter, K, OC);
    // One image per task: the col2im scatter of neighbouring output pixels overlaps.
    pool.parallel_for(g.batch, [&](int64_t n0, int64_t n1) {
        RowMatrix<T> cols(std::min<int64_t>(P, kTileRows), K);
        for (int64_t n = n0; n < n1; ++n) {
            T* dxn = dx + n * g.in_pixels() * C;
            std::fill(dxn, dxn + g.in_pixels() * C, T(0));
            for (int64_t p0 = 0; p0 < P; p0 += kTileRows) {
                const int64_t m = std::min(kTileRows, P - p0);
                cols.topRows(m).noalias() = ConstMap<T>(dy + (n * P + p0) * OC, m, OC) * w.transpose();
                for (int64_t r = 0; r < m; ++r) {
                    int64_t rem = p0 + r;
                    const int64_t o2 = rem % g.out[2]; rem /= g.out[2];
                    const int64_t o1 = rem % g.out[1]; rem /= g.out[1];
                    const int64_t o0 = rem;
                    const T* src = cols.data() + r * K;
                    for (int64_t k0 = 0; k0 < g.kernel[0]; ++k0) {
                        const int64_t i0 = o0 * g.stride[0] - g.pad_before[0] + k0 * g.dilation[0];
                        for (int64_t k1 = 0; k1 < g.kernel[1]; ++k1) {
                            const int64_t i1 = o1 * g.stride[1] - g.pad_before[1] + k1 * g.dilation[1];
                            for (int64_t k2 = 0; k2 < g.kernel[2]; ++k2, src += C) {
                                const int64_t i2 = o2 * g.stride[2] - g.pad_before[2] + k2 * g.dilation[2];
                                if (i0 < 0 || i0 >= g.in[0] || i1 < 0 || i1 >= g.in[1] || i2 < 0 || i2 >= g.in[2])
                                    continue;
                                T* d = dxn + ((i0 * g.in[1] + i1) * g.in[2] + i2) * C;
                                for (int64_t c = 0; c < C; ++c) d[c] += src[c];
                            }
                        }
                    }
                }
            }
        }
    });
}

#define WB_INSTANTIATE(T)                                                                            \
    template void conv_forward_eigen<T>(const Geometry&, const T*, const T*, T*, const Epilogue<T>&, \
                                        ThreadPool&);                                                \
    template void depthwise_forward_eigen<T>(const Geometry&, int64_t, const T*, const T*, T*,      \
                                             const Epilogue<T>&, ThreadPool&);                       \
    template void conv_backprop_input_eigen<T>(const Geometry&, const T*, const T*, T*, ThreadPool&);
WB_INSTANTIATE(float)
WB_INSTANTIATE(double)
#undef WB_INSTANTIATE

}  // namespace wb::runtime::conv
