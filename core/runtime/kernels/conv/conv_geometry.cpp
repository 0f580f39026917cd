// SPDX-License-Identifier: Apache-2.0
#include "runtime/kernels/conv/conv_geometry.h"

#include "runtime/kernel.h"

namespace wb::runtime::conv {

bool Geometry::is_pointwise() const {
    for (int d = 0; d < 3; ++d)
        if (kernel[d] != 1 || stride[d] != 1 || pad_before[d] != 0 || pad_after[d] != 0) return false;
    return true;
}

namespace {

// A rank-length attr list (N, spatial..., C in data_format order) -> the spatial entries.
Status spatial_of(const ir::Node& node, const std::string& key, const WindowAttrs& a,
                  std::array<int64_t, 3>& dst) {
    const auto v = ir::attr_ints(node.attrs, key);
    if (v.empty()) return Ok{};  // TF default: all ones
    const size_t rank = static_cast<size_t>(a.spatial + 2);
    if (v.size() != rank)
        return kernel_error(node, "attribute '" + key + "' must have " + std::to_string(rank) +
                                      " entries, has " + std::to_string(v.size()));
    const size_t first = a.channels_first ? 2 : 1;
    const size_t channel = a.channels_first ? 1 : rank - 1;
    if (v[0] != 1 || v[channel] != 1)
        return kernel_error(node, "attribute '" + key + "' must be 1 in the batch and channel dimensions");
    for (int d = 0; d < a.spatial; ++d) {
        dst[d] = v[first + d];
        if (dst[d] < 1) return kernel_error(node, "attribute '" + key + "' must be positive");
    }
    return Ok{};
}

}  // namespace

Expected<WindowAttrs> read_window_attrs(const ir::Node& node, int spatial, bool with_ksize) {
    WindowAttrs a;
    a.spatial = spatial;
    const std::string fmt = ir::attr_string(node.attrs, "data_format", spatial == 3 ? "NDHWC" : "NHWC");
    a.channels_first = fmt == "NCHW" || fmt == "NCDHW";
    if (!a.channels_first && fmt != "NHWC" && fmt != "NDHWC")
        return kernel_error(node, "unsupported data_format '" + fmt + "'");
    a.padding = ir::attr_string(node.attrs, "padding", "VALID");
    if (a.padding != "SAME" && a.padding != "VALID" && a.padding != "EXPLICIT")
        return kernel_error(node, "unsupported padding '" + a.padding + "'");
    if (auto s = spatial_of(node, "strides", a, a.strides); !s) return s.error();
    if (auto s = spatial_of(node, "dilations", a, a.dilations); !s) return s.error();
    if (with_ksize)
        if (auto s = spatial_of(node, "ksize", a, a.ksize); !s) return s.error();
    if (a.padding == "EXPLICIT") {
        const auto p = ir::attr_ints(node.attrs, "explicit_paddings");
        if (p.size() != static_cast<size_t>(2 * (spatial + 2)))
            return kernel_error(node, "padding EXPLICIT needs " + std::to_string(2 * (spatial + 2)) +
                                          " explicit_paddings, has " + std::to_string(p.size()));
        const size_t first = a.channels_first ? 2 : 1;
        for (int d = 0; d < spatial; ++d) {
            a.explicit_before[d] = p[2 * (first + d)];
            a.explicit_after[d] = p[2 * (first + d) + 1];
            if (a.explicit_before[d] < 0 || a.explicit_after[d] < 0)
                return kernel_error(node, "explicit_paddings must be non-negative");
        }
    }
    return a;
}

Status resolve_dim(const WindowAttrs& a, int d, int64_t in, int64_t k, int64_t& out, int64_t& before,
                   int64_t& after) {
    const int64_t s = a.strides[d];
    const int64_t eff_k = (k - 1) * a.dilations[d] + 1;
    if (a.padding == "SAME") {
        out = (in + s - 1) / s;
        const int64_t total = std::max<int64_t>((out - 1) * s + eff_k - in, 0);
        before = total / 2;
        after = total - before;
    } else {
        before = a.padding == "EXPLICIT" ? a.explicit_before[d] : 0;
        after = a.padding == "EXPLICIT" ? a.explicit_after[d] : 0;
        const int64_t span = in + before + after - eff_k;
        if (span < 0) return Error{{}, {}, "window larger than padded input"};
        out = span / s + 1;
    }
    return Ok{};
}

Expected<Geometry> make_geometry(const ir::Node& node, const WindowAttrs& a, const ir::Shape& x,
                                 const std::array<int64_t, 3>& kernel, int64_t out_channels) {
    if (x.rank() != a.spatial + 2 || !x.fully_defined())
        return kernel_error(node, "input must have rank " + std::to_string(a.spatial + 2) + ", got " +
                                      x.to_string());
    Geometry g;
    g.spatial = a.spatial;
    g.batch = x.dims[0];
    g.in_channels = x.dims[a.spatial + 1];
    g.out_channels = out_channels;
    for (int d = 0; d < a.spatial; ++d) {
        g.in[d] = x.dims[1 + d];
        g.kernel[d] = kernel[d];
        g.stride[d] = a.strides[d];
        g.dilation[d] = a.dilations[d];
        auto s = resolve_dim(a, d, g.in[d], g.kernel[d], g.out[d], g.pad_before[d], g.pad_after[d]);
        if (!s)
            return kernel_error(node, "spatial dim " + std::to_string(d) + ": " + s.error().message +
                                          " (input " + x.to_string() + ")");
    }
    return g;
}

ir::Shape to_channels_last(const ir::Shape& s, bool channels_first) {
    if (!channels_first || s.rank() < 3) return s;
    std::vector<int64_t> d{s.dims[0]};
    for (int i = 2; i < s.rank(); ++i) d.push_back(s.dims[i]);
    d.push_back(s.dims[1]);
    return ir::Shape(d);
}

ir::Shape to_channels_first(const ir::Shape& s, bool channels_first) {
    if (!channels_first || s.rank() < 3) return s;
    std::vector<int64_t> d{s.dims[0], s.dims.back()};
    for (int i = 1; i + 1 < s.rank(); ++i) d.push_back(s.dims[i]);
    return ir::Shape(d);
}

}  // namespace wb::runtime::conv
