// SPDX-License-Identifier: Apache-2.0
// Colour ops on the last dimension (channels) of images, computed in the input's floating type
// (half types in float32) with TensorFlow's formulas: RGBToHSV / HSVToRGB (colorspace_op.h),
// AdjustSaturation (adjust_saturation_op.cc: through HSV, saturation clamped to [0, 1]) and
// AdjustContrastv2 ((x - mean) * factor + mean, the mean per image and channel over H x W).
#include <algorithm>
#include <cmath>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

template <class T>
void rgb_to_hsv(T r, T g, T b, T& h, T& s, T& v) {
    v = std::max(r, std::max(g, b));
    const T range = v - std::min(r, std::min(g, b));
    s = v > 0 ? range / v : T(0);
    const T norm = T(1) / (T(6) * range);
    h = r == v ? norm * (g - b) : g == v ? norm * (b - r) + T(2) / T(6) : norm * (r - g) + T(4) / T(6);
    if (!(range > 0)) h = 0;
    if (h < 0) h += 1;
}

template <class T>
void hsv_to_rgb(T h, T s, T v, T& r, T& g, T& b, bool saturation_op) {
    const T c = s * v, m = v - c, dh = h * 6;
    const int category = static_cast<int>(dh);
    T fmodu = dh;
    if (saturation_op) {  // adjust_saturation_op.cc folds into [0, 2) with loops
        while (fmodu <= 0) fmodu += 2;
        while (fmodu >= 2) fmodu -= 2;
    } else {
        fmodu = std::abs(std::fmod(dh, T(2)));
    }
    const T x = c * (1 - std::abs(fmodu - 1));
    T rr = 0, gg = 0, bb = 0;
    switch (category) {
    case 0: rr = c; gg = x; break;
    case 1: rr = x; gg = c; break;
    case 2: gg = c; bb = x; break;
    case 3: gg = x; bb = c; break;
    case 4: rr = x; bb = c; break;
    case 5: rr = c; bb = x; break;
    default: break;
    }
    r = rr + m;
    g = gg + m;
    b = bb + m;
}

template <class T>
Status color_typed(KernelContext& ctx, const ir::Tensor& in, ir::Tensor& out) {
    const std::string& op = ctx.node().op;
    const T* x = in.data<T>();
    T* o = out.data<T>();
    const auto& dims = in.shape().dims;
    const int64_t channels = dims.back();
    if (op == "AdjustContrastv2") {
        if (dims.size() < 3) return ku::fail(ctx, "images must have rank >= 3 [..., height, width, channels]");
        const T factor = static_cast<T>(ctx.input(1).value_as_double(0));
        const int64_t pixels = dims[dims.size() - 3] * dims[dims.size() - 2];
        const int64_t images = pixels * channels != 0 ? in.num_elements() / (pixels * channels) : 0;
        for (int64_t n = 0; n < images; ++n) {
            const T* src = x + n * pixels * channels;
            T* dst = o + n * pixels * channels;
            for (int64_t c = 0; c < channels; ++c) {
                T sum = 0;
                for (int64_t p = 0; p < pixels; ++p) sum += src[p * channels + c];
                const T mean = sum / static_cast<T>(pixels);
                for (int64_t p = 0; p < pixels; ++p) dst[p * channels + c] = (src[p * channels + c] - mean) * factor + mean;
            }
        }
        return Ok{};
    }
    if (channels != 3) return ku::fail(ctx, "the last dimension must be 3 (RGB or HSV)");
    const T scale = op == "AdjustSaturation" ? static_cast<T>(ctx.input(1).value_as_double(0)) : T(1);
    for (int64_t i = 0; i + 2 < in.num_elements(); i += 3) {
        if (op == "RGBToHSV") {
            rgb_to_hsv(x[i], x[i + 1], x[i + 2], o[i], o[i + 1], o[i + 2]);
        } else if (op == "HSVToRGB") {
            hsv_to_rgb(x[i], x[i + 1], x[i + 2], o[i], o[i + 1], o[i + 2], false);
        } else {
            T h, s, v;
            rgb_to_hsv(x[i], x[i + 1], x[i + 2], h, s, v);
            s = std::min(T(1), std::max(T(0), s * scale));
            hsv_to_rgb(h, s, v, o[i], o[i + 1], o[i + 2], true);
        }
    }
    return Ok{};
}

Status color(KernelContext& ctx) {
    ir::Tensor in = ctx.input(0);
    const ir::DType dtype = in.dtype();
    if (ku::is_half(dtype)) in = ku::to_float32(in);
    if (in.shape().rank() < 1) return ku::fail(ctx, "images must have a channel dimension");
    ir::Tensor out(in.dtype(), in.shape());
    Status st = Ok{};
    if (in.dtype() == ir::DType::Float32) st = color_typed<float>(ctx, in, out);
    else if (in.dtype() == ir::DType::Float64) st = color_typed<double>(ctx, in, out);
    else return ku::fail(ctx, "images must be floating point, got " + std::string(ir::dtype_name(dtype)));
    if (!st) return st;
    ctx.set_output(0, ku::is_half(dtype) ? ku::from_float32(out, dtype) : out);
    return Ok{};
}

}  // namespace

void register_color_kernels(KernelRegistry& r) {
    for (const char* op : {"RGBToHSV", "HSVToRGB", "AdjustSaturation", "AdjustContrastv2"}) r.add(op, simple_kernel(color));
}

}  // namespace wb::runtime
