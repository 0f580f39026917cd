// SPDX-License-Identifier: Apache-2.0
// ExtractImagePatches: every ksize patch (dilated by rates, stepped by strides, SAME or VALID
// padding as for convolution) flattened into the depth dimension in (row, col, channel) order;
// padded positions are zero.
#include <cstring>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

Status extract_patches(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    const auto& attrs = ctx.node().attrs;
    const auto k = ir::attr_ints(attrs, "ksizes"), s = ir::attr_ints(attrs, "strides"), r = ir::attr_ints(attrs, "rates");
    const std::string padding = ir::attr_string(attrs, "padding", "VALID");
    if (x.shape().rank() != 4 || k.size() != 4 || s.size() != 4 || r.size() != 4) return ku::fail(ctx, "needs NHWC images and 4-element ksizes/strides/rates");
    if (padding != "SAME" && padding != "VALID") return ku::fail(ctx, "padding must be SAME or VALID");
    const int64_t n = x.shape().dims[0], h = x.shape().dims[1], w = x.shape().dims[2], c = x.shape().dims[3];
    const int64_t kh = k[1], kw = k[2], sh = s[1], sw = s[2], rh = r[1], rw = r[2];
    if (kh < 1 || kw < 1 || sh < 1 || sw < 1 || rh < 1 || rw < 1) return ku::fail(ctx, "ksizes, strides and rates must be positive");
    const int64_t ekh = kh + (kh - 1) * (rh - 1), ekw = kw + (kw - 1) * (rw - 1);
    int64_t oh, ow, top = 0, left = 0;
    if (padding == "VALID") {
        oh = h >= ekh ? (h - ekh) / sh + 1 : 0;
        ow = w >= ekw ? (w - ekw) / sw + 1 : 0;
    } else {
        oh = (h + sh - 1) / sh;
        ow = (w + sw - 1) / sw;
        top = std::max<int64_t>((oh - 1) * sh + ekh - h, 0) / 2;
        left = std::max<int64_t>((ow - 1) * sw + ekw - w, 0) / 2;
    }
    const std::size_t bytes = ir::dtype_size(x.dtype());
    if (!bytes) return ku::fail(ctx, ku::dtype_error(x.dtype()));
    ir::Tensor& out = ctx.allocate_output(0, x.dtype(), ir::Shape{n, oh, ow, kh * kw * c});
    std::memset(out.raw(), 0, out.byte_size());
    std::byte* o = out.raw();
    for (int64_t b = 0; b < n; ++b)
        for (int64_t y = 0; y < oh; ++y)
            for (int64_t xx = 0; xx < ow; ++xx)
                for (int64_t i = 0; i < kh; ++i)
                    for (int64_t j = 0; j < kw; ++j) {
                        const int64_t iy = y * sh - top + i * rh, ix = xx * sw - left + j * rw;
                        std::byte* dst = o + ((((b * oh + y) * ow + xx) * kh + i) * kw + j) * c * bytes;
                        if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                            std::memcpy(dst, x.raw() + ((b * h + iy) * w + ix) * c * bytes, c * bytes);
                    }
    return Ok{};
}

}  // namespace

void register_extract_patches_kernels(KernelRegistry& r) { r.add("ExtractImagePatches", simple_kernel(extract_patches)); }

}  // namespace wb::runtime
