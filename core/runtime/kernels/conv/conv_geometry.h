// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <cstdint>
#include <string>

#include "ir/node.h"
#include "ir/shape.h"
#include "util/error.h"

namespace wb::runtime::conv {

// Sliding-window geometry for 1-3 spatial dims, in channels-last order, resolved from a TF node's
// strides / dilations / padding / explicit_paddings / data_format (or ksize for pools).
struct WindowAttrs {
    int spatial = 2;
    bool channels_first = false;  // NCHW / NCDHW
    std::string padding;          // SAME, VALID or EXPLICIT
    std::array<int64_t, 3> strides{1, 1, 1};
    std::array<int64_t, 3> dilations{1, 1, 1};
    std::array<int64_t, 3> ksize{1, 1, 1};          // pools only
    std::array<int64_t, 3> explicit_before{0, 0, 0};
    std::array<int64_t, 3> explicit_after{0, 0, 0};
};

struct Geometry {
    int spatial = 2;
    int64_t batch = 1, in_channels = 1, out_channels = 1;
    std::array<int64_t, 3> in{1, 1, 1}, kernel{1, 1, 1}, out{1, 1, 1};
    std::array<int64_t, 3> stride{1, 1, 1}, dilation{1, 1, 1};
    std::array<int64_t, 3> pad_before{0, 0, 0}, pad_after{0, 0, 0};
    int64_t in_pixels() const { return in[0] * in[1] * in[2]; }
    int64_t out_pixels() const { return out[0] * out[1] * out[2]; }
    int64_t kernel_size() const { return kernel[0] * kernel[1] * kernel[2]; }
    bool is_pointwise() const;  // 1x1 kernel, stride 1, no padding: a plain GEMM
    bool operator==(const Geometry&) const = default;
};

// Reads the window attrs. `with_ksize` for pools (ksize/strides as rank-length lists).
Expected<WindowAttrs> read_window_attrs(const ir::Node& node, int spatial, bool with_ksize);

// Output extent along one dim and the padding TF applies (SAME: ceil(in/stride), extra pad after).
Status resolve_dim(const WindowAttrs& a, int dim, int64_t in, int64_t k, int64_t& out,
                   int64_t& before, int64_t& after);

// Full geometry from a channels-last input shape and kernel extents; fills out/pads.
Expected<Geometry> make_geometry(const ir::Node& node, const WindowAttrs& a, const ir::Shape& input_nhwc,
                                 const std::array<int64_t, 3>& kernel, int64_t out_channels);

// Channels-last shape of an input given the attrs' data_format (NCHW -> NHWC dims).
ir::Shape to_channels_last(const ir::Shape& s, bool channels_first);
ir::Shape to_channels_first(const ir::Shape& s, bool channels_first);

}  // namespace wb::runtime::conv
