// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>

namespace wb::runtime::conv {

// [N, C, P] <-> [N, P, C] copies, for NCHW / NCDHW nodes run by the channels-last kernels.
template <class T>
void channels_first_to_last(const T* src, T* dst, int64_t n, int64_t c, int64_t p) {
    for (int64_t b = 0; b < n; ++b)
        for (int64_t ch = 0; ch < c; ++ch)
            for (int64_t i = 0; i < p; ++i) dst[(b * p + i) * c + ch] = src[(b * c + ch) * p + i];
}

template <class T>
void channels_last_to_first(const T* src, T* dst, int64_t n, int64_t c, int64_t p) {
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < p; ++i)
            for (int64_t ch = 0; ch < c; ++ch) dst[(b * c + ch) * p + i] = src[(b * p + i) * c + ch];
}

}  // namespace wb::runtime::conv
