// SPDX-License-Identifier: Apache-2.0
// Image and block ops (NHWC): ResizeBilinear and ResizeNearestNeighbor with align_corners and
// half_pixel_centers exactly as TensorFlow computes source coordinates; DepthToSpace,
// SpaceToDepth, SpaceToBatchND and BatchToSpaceND as index maps.
#include <cmath>
#include <cstring>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

float resize_scale(int64_t in, int64_t out, bool align) {
    return (align && out > 1) ? static_cast<float>(in - 1) / (out - 1) : static_cast<float>(in) / out;
}

Status resize(KernelContext& ctx) {
    ir::Tensor x = ctx.input(0);
    const auto size = ku::ints(ctx.input(1));
    if (x.shape().rank() != 4 || size.size() != 2) return ku::fail(ctx, "expects NHWC images and a [2] size");
    const bool align = ir::attr_bool(ctx.node().attrs, "align_corners");
    const bool half = ir::attr_bool(ctx.node().attrs, "half_pixel_centers");
    const bool bilinear = ctx.node().op == "ResizeBilinear";
    const int64_t n = x.shape().dims[0], ih = x.shape().dims[1], iw = x.shape().dims[2], c = x.shape().dims[3];
    const int64_t oh = size[0], ow = size[1];
    if (oh <= 0 || ow <= 0) return ku::fail(ctx, "output size must be positive");
    const float sh = resize_scale(ih, oh, align), sw = resize_scale(iw, ow, align);
    const ir::DType in_type = x.dtype();
    if (in_type != ir::DType::Float32) {
        ir::Tensor f(ir::DType::Float32, x.shape());
        for (int64_t i = 0; i < x.num_elements(); ++i) f.data<float>()[i] = static_cast<float>(x.value_as_double(i));
        x = f;
    }
    const ir::DType out_type = bilinear ? ir::DType::Float32 : in_type;
    ir::Tensor out(ir::DType::Float32, ir::Shape{n, oh, ow, c});
    const float* in = x.data<float>();
    float* o = out.data<float>();
    for (int64_t b = 0; b < n; ++b)
        for (int64_t y = 0; y < oh; ++y)
            for (int64_t xx = 0; xx < ow; ++xx) {
                float* dst = o + ((b * oh + y) * ow + xx) * c;
                if (bilinear) {
                    const float fy = half ? (y + 0.5f) * sh - 0.5f : y * sh;
                    const float fx = half ? (xx + 0.5f) * sw - 0.5f : xx * sw;
                    const int64_t y0 = std::max<int64_t>(static_cast<int64_t>(std::floor(fy)), 0);
                    const int64_t y1 = std::min<int64_t>(static_cast<int64_t>(std::ceil(fy)), ih - 1);
                    const int64_t x0 = std::max<int64_t>(static_cast<int64_t>(std::floor(fx)), 0);
                    const int64_t x1 = std::min<int64_t>(static_cast<int64_t>(std::ceil(fx)), iw - 1);
                    const float ly = fy - std::floor(fy), lx = fx - std::floor(fx);
                    const int64_t yy0 = std::min(y0, ih - 1), xx0 = std::min(x0, iw - 1);
                    const int64_t yy1 = half ? y1 : std::min(yy0 + 1, ih - 1), xx1 = half ? x1 : std::min(xx0 + 1, iw - 1);
                    for (int64_t k = 0; k < c; ++k) {
                        const float tl = in[((b * ih + yy0) * iw + xx0) * c + k], tr = in[((b * ih + yy0) * iw + xx1) * c + k];
                        const float bl = in[((b * ih + yy1) * iw + xx0) * c + k], br = in[((b * ih + yy1) * iw + xx1) * c + k];
                        const float top = tl + (tr - tl) * lx, bottom = bl + (br - bl) * lx;
                        dst[k] = top + (bottom - top) * ly;
                    }
                } else {
                    auto src = [&](int64_t o_, float s, int64_t in_size) {
                        const float f = half ? (o_ + 0.5f) * s : o_ * s;
                        int64_t v = align ? static_cast<int64_t>(std::round(f)) : static_cast<int64_t>(std::floor(f));
                        v = std::min(v, in_size - 1);
                        return half ? std::max<int64_t>(v, 0) : v;
                    };
                    const int64_t sy = src(y, sh, ih), sx = src(xx, sw, iw);
                    std::memcpy(dst, in + ((b * ih + sy) * iw + sx) * c, c * sizeof(float));
                }
            }
    if (out_type == ir::DType::Float32) {
        ctx.set_output(0, out);
        return Ok{};
    }
    ir::Tensor& typed = ctx.allocate_output(0, out_type, out.shape());
    const bool ok = ku::dispatch(out_type, [&](auto tag) {
        using T = typename decltype(tag)::type;
        for (int64_t i = 0; i < out.num_elements(); ++i) typed.data<T>()[i] = static_cast<T>(out.data<float>()[i]);
    }, false);
    if (!ok) ctx.set_output(0, ku::is_half(out_type) ? ku::from_float32(out, out_type) : out);
    return Ok{};
}

// Copies element `src` of x to element `dst` of out (any fixed-size dtype).
inline void move_elem(const ir::Tensor& x, int64_t src, ir::Tensor& out, int64_t dst, std::size_t w) {
    std::memcpy(out.raw() + dst * w, x.raw() + src * w, w);
}

Status depth_space(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    const int64_t bs = ir::attr_int(ctx.node().attrs, "block_size");
    if (x.shape().rank() != 4 || bs < 2) return ku::fail(ctx, "expects NHWC input and block_size >= 2");
    if (ir::attr_string(ctx.node().attrs, "data_format", "NHWC") != "NHWC") return ku::fail(ctx, "only NHWC is supported");
    const auto& d = x.shape().dims;
    const bool to_space = ctx.node().op == "DepthToSpace";
    if (to_space ? d[3] % (bs * bs) : (d[1] % bs || d[2] % bs)) return ku::fail(ctx, "dimensions not divisible by block size");
    const ir::Shape shape = to_space ? ir::Shape{d[0], d[1] * bs, d[2] * bs, d[3] / (bs * bs)}
                                     : ir::Shape{d[0], d[1] / bs, d[2] / bs, d[3] * bs * bs};
    ir::Tensor& out = ctx.allocate_output(0, x.dtype(), shape);
    const std::size_t w = ir::dtype_size(x.dtype());
    // Walk the space-shaped side; compute the matching depth-shaped index.
    const auto& sp = to_space ? shape.dims : d;  // [N, H, W, C] with small C
    for (int64_t b = 0; b < sp[0]; ++b)
        for (int64_t h = 0; h < sp[1]; ++h)
            for (int64_t ww = 0; ww < sp[2]; ++ww)
                for (int64_t c = 0; c < sp[3]; ++c) {
                    const int64_t space_i = ((b * sp[1] + h) * sp[2] + ww) * sp[3] + c;
                    const int64_t dc = ((h % bs) * bs + ww % bs) * sp[3] + c;
                    const int64_t depth_i = ((b * (sp[1] / bs) + h / bs) * (sp[2] / bs) + ww / bs) * (sp[3] * bs * bs) + dc;
                    if (to_space) move_elem(x, depth_i, out, space_i, w);
                    else move_elem(x, space_i, out, depth_i, w);
                }
    return Ok{};
}

Status space_batch(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    const auto block = ku::ints(ctx.input(1));
    const auto pads = ku::ints(ctx.input(2));
    const int m = static_cast<int>(block.size());
    const bool to_batch = ctx.node().op == "SpaceToBatchND";
    const auto& d = x.shape().dims;
    if (x.shape().rank() < m + 1 || static_cast<int>(pads.size()) != 2 * m) return ku::fail(ctx, "bad block or paddings");
    int64_t prod = 1;
    for (auto b : block) prod *= b;
    if (prod <= 0) return ku::fail(ctx, "block sizes must be positive");
    std::vector<int64_t> od = d;
    if (to_batch) {
        od[0] = d[0] * prod;
        for (int i = 0; i < m; ++i) {
            const int64_t padded = d[1 + i] + pads[2 * i] + pads[2 * i + 1];
            if (padded % block[i]) return ku::fail(ctx, "padded size not divisible by block");
            od[1 + i] = padded / block[i];
        }
    } else {
        if (d[0] % prod) return ku::fail(ctx, "batch not divisible by block product");
        od[0] = d[0] / prod;
        for (int i = 0; i < m; ++i) od[1 + i] = d[1 + i] * block[i] - pads[2 * i] - pads[2 * i + 1];
    }
    ir::Tensor& out = ctx.allocate_output(0, x.dtype(), ir::Shape(od));
    const std::size_t w = ir::dtype_size(x.dtype());
    if (to_batch && out.byte_size()) std::memset(out.raw(), 0, out.byte_size());  // pooled buffers are not cleared
    // Iterate the batch-shaped tensor (x for BatchToSpace, out for SpaceToBatch).
    const auto& bd = to_batch ? od : d;
    const auto& sd = to_batch ? d : od;
    const int64_t space_batch = sd[0];
    int64_t inner = 1;
    for (std::size_t k = 1 + m; k < bd.size(); ++k) inner *= bd[k];
    const auto bst = ku::strides_of(ir::Shape(bd)), sst = ku::strides_of(ir::Shape(sd));
    std::vector<int64_t> pos(m);
    for (int64_t ob = 0; ob < bd[0]; ++ob) {
        const int64_t b = ob % space_batch;
        int64_t blk = ob / space_batch;
        std::vector<int64_t> off(m);
        for (int i = m - 1; i >= 0; --i) {
            off[i] = blk % block[i];
            blk /= block[i];
        }
        int64_t count = 1;
        for (int i = 0; i < m; ++i) count *= bd[1 + i];
        for (int64_t s = 0; s < count; ++s) {
            int64_t rem = s, bi = ob * bst[0], si = b * sst[0];
            bool inside = true;
            for (int i = m - 1; i >= 0; --i) {
                const int64_t p = rem % bd[1 + i];
                rem /= bd[1 + i];
                const int64_t sp = p * block[i] + off[i] - pads[2 * i];
                if (sp < 0 || sp >= sd[1 + i]) inside = false;
                bi += p * bst[1 + i];
                si += sp * sst[1 + i];
            }
            if (!inside) continue;  // padding: out stays zero (SpaceToBatch) / cropped (BatchToSpace)
            if (to_batch) std::memcpy(out.raw() + bi * w, x.raw() + si * w, inner * w);
            else std::memcpy(out.raw() + si * w, x.raw() + bi * w, inner * w);
        }
    }
    return Ok{};
}

}  // namespace

void register_image_kernels(KernelRegistry& r) {
    r.add("ResizeBilinear", simple_kernel(resize));
    r.add("ResizeNearestNeighbor", simple_kernel(resize));
    r.add("DepthToSpace", simple_kernel(depth_space));
    r.add("SpaceToDepth", simple_kernel(depth_space));
    r.add("SpaceToBatchND", simple_kernel(space_batch));
    r.add("BatchToSpaceND", simple_kernel(space_batch));
}

}  // namespace wb::runtime
