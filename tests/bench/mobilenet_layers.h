// SPDX-License-Identifier: Apache-2.0
// The convolution layers of tfjs/nsfwjs/mobilenet_v2_mid (MobileNetV2, width 1.4) at 224x224,
// in graph order, as read from its model.json: kernel, channels, stride, fused activation.
#pragma once
#include <cstdint>
#include <vector>

namespace wb::bench {

// Conv + matmul FLOPs of one 224x224 inference (2 x multiply-adds), as tfjs_wasm_bench.js counts.
inline constexpr double kMobilenetV2MidFlops = 1.160825568e9;

struct Layer {
    bool depthwise;
    int64_t k, in_c, out_c, stride;
    bool relu6;
    bool residual;  // an AddV2 with the block input follows (not timed by the kernel bench)
};

inline std::vector<Layer> mobilenet_v2_mid_layers() {
    std::vector<Layer> l{{false, 3, 3, 48, 2, true, false}, {true, 3, 48, 48, 1, true, false},
                         {false, 1, 48, 24, 1, false, false}};
    // Inverted residual blocks: expansion t, output channels c, repeats n, first stride s.
    struct Block { int64_t t, c, n, s; };
    const Block blocks[] = {{6, 32, 2, 2}, {6, 48, 3, 2}, {6, 88, 4, 2}, {6, 136, 3, 1}, {6, 224, 3, 2}, {6, 448, 1, 1}};
    int64_t c = 24;
    for (const Block& b : blocks)
        for (int64_t i = 0; i < b.n; ++i) {
            const int64_t e = c * b.t, s = i == 0 ? b.s : 1;
            l.push_back({false, 1, c, e, 1, true, false});
            l.push_back({true, 3, e, e, s, true, false});
            l.push_back({false, 1, e, b.c, 1, false, i > 0});
            c = b.c;
        }
    l.push_back({false, 1, c, 1792, 1, true, false});
    return l;
}

}  // namespace wb::bench
