// SPDX-License-Identifier: Apache-2.0
// CropAndResize (crop_and_resize_op.cc): each box (y1, x1, y2, x2 in normalised coordinates,
// corners map to pixel centres 0 and size-1) is sampled on a crop_h x crop_w grid, bilinear
// or nearest; grid points outside the image get extrapolation_value. Computed in float32 as
// TensorFlow does (source coordinates included), output float32.
#include <cmath>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

Status crop_and_resize(KernelContext& ctx) {
    ir::Tensor image = ctx.input(0);
    const ir::Tensor& boxes = ctx.input(1);
    const auto box_index = ku::ints(ctx.input(2));
    const auto crop = ku::ints(ctx.input(3));
    if (image.shape().rank() != 4) return ku::fail(ctx, "image must be [batch, height, width, depth]");
    const int64_t nb = static_cast<int64_t>(box_index.size());
    if (boxes.shape().rank() != 2 || boxes.shape().dims[1] != 4 || boxes.shape().dims[0] != nb)
        return ku::fail(ctx, "boxes must be [num_boxes, 4] with one box_ind per box");
    if (crop.size() != 2 || crop[0] <= 0 || crop[1] <= 0) return ku::fail(ctx, "crop_size must be two positive sizes");
    const std::string method = ir::attr_string(ctx.node().attrs, "method", "bilinear");
    if (method != "bilinear" && method != "nearest") return ku::fail(ctx, "method must be bilinear or nearest");
    const float extrapolation = ir::attr_float(ctx.node().attrs, "extrapolation_value", 0.f);
    const int64_t batch = image.shape().dims[0], ih = image.shape().dims[1], iw = image.shape().dims[2],
                  depth = image.shape().dims[3];
    const int64_t ch = crop[0], cw = crop[1];
    if (image.dtype() != ir::DType::Float32) {
        ir::Tensor f(ir::DType::Float32, image.shape());
        for (int64_t i = 0; i < image.num_elements(); ++i) f.data<float>()[i] = static_cast<float>(image.value_as_double(i));
        image = f;
    }
    ir::Tensor& out = ctx.allocate_output(0, ir::DType::Float32, ir::Shape{nb, ch, cw, depth});
    const float* in = image.data<float>();
    float* o = out.data<float>();
    auto px = [&](int64_t b, int64_t y, int64_t x) { return in + ((b * ih + y) * iw + x) * depth; };
    for (int64_t n = 0; n < nb; ++n) {
        const float y1 = static_cast<float>(boxes.value_as_double(n * 4)), x1 = static_cast<float>(boxes.value_as_double(n * 4 + 1));
        const float y2 = static_cast<float>(boxes.value_as_double(n * 4 + 2)), x2 = static_cast<float>(boxes.value_as_double(n * 4 + 3));
        const int64_t b = box_index[n];
        if (b < 0 || b >= batch) return ku::fail(ctx, "box_ind " + std::to_string(b) + " is not in [0, batch)");
        const float hs = ch > 1 ? (y2 - y1) * (ih - 1) / (ch - 1) : 0.f;
        const float ws = cw > 1 ? (x2 - x1) * (iw - 1) / (cw - 1) : 0.f;
        for (int64_t y = 0; y < ch; ++y) {
            const float in_y = ch > 1 ? y1 * (ih - 1) + y * hs : 0.5f * (y1 + y2) * (ih - 1);
            float* row = o + ((n * ch + y) * cw) * depth;
            if (in_y < 0 || in_y > ih - 1) {
                for (int64_t k = 0; k < cw * depth; ++k) row[k] = extrapolation;
                continue;
            }
            const int64_t top = static_cast<int64_t>(std::floor(in_y)), bottom = static_cast<int64_t>(std::ceil(in_y));
            const float ly = in_y - top;
            for (int64_t x = 0; x < cw; ++x) {
                const float in_x = cw > 1 ? x1 * (iw - 1) + x * ws : 0.5f * (x1 + x2) * (iw - 1);
                float* dst = row + x * depth;
                if (in_x < 0 || in_x > iw - 1) {
                    for (int64_t k = 0; k < depth; ++k) dst[k] = extrapolation;
                    continue;
                }
                if (method == "nearest") {
                    const float* s = px(b, static_cast<int64_t>(std::round(in_y)), static_cast<int64_t>(std::round(in_x)));
                    for (int64_t k = 0; k < depth; ++k) dst[k] = s[k];
                    continue;
                }
                const int64_t left = static_cast<int64_t>(std::floor(in_x)), right = static_cast<int64_t>(std::ceil(in_x));
                const float lx = in_x - left;
                const float *tl = px(b, top, left), *tr = px(b, top, right), *bl = px(b, bottom, left), *br = px(b, bottom, right);
                for (int64_t k = 0; k < depth; ++k) {
                    const float t = tl[k] + (tr[k] - tl[k]) * lx, btm = bl[k] + (br[k] - bl[k]) * lx;
                    dst[k] = t + (btm - t) * ly;
                }
            }
        }
    }
    return Ok{};
}

}  // namespace

void register_crop_and_resize_kernels(KernelRegistry& r) { r.add("CropAndResize", simple_kernel(crop_and_resize)); }

}  // namespace wb::runtime
