// SPDX-License-Identifier: Apache-2.0
// LocallyConnected1D/2D (implementation 1): a convolution whose weights are not shared, one
// (features, filters) matrix per output position. Keras' backend.local_conv slices one patch per
// position, flattens it in the input's axis order ((kh, kw, C) channels_last, (C, kh, kw)
// channels_first), and batch-multiplies the P patches with the kernel (P, features, filters).
// Lowered with TensorFlow.js-supported ops: the patches come from one Conv2D with a one-hot
// kernel (exact: each output sums one x·1 and zeros), then Transpose / BatchMatMulV2 / Transpose.
#include "formats/keras_h5/layers/conv_common.h"

namespace wb::formats::keras {
namespace {

using Outs = Expected<std::vector<KTensor>>;

// kernel[i, j, c, (i*kw + j)*C + c] = 1: a VALID Conv2D with it lays each patch out as (kh, kw, C).
ir::Tensor one_hot_patch_kernel(int64_t kh, int64_t kw, int64_t c) {
    const int64_t f = kh * kw * c;
    ir::Tensor t(ir::DType::Float32, ir::Shape{kh, kw, c, f});
    float* d = t.data<float>();
    for (int64_t i = 0; i < f; ++i) d[i * f + i] = 1.f;  // row (i, j, c) flattens to the same index
    return t;
}

// channels_first kernels number features (C, kh, kw); the patches come as (kh, kw, C).
ir::Tensor features_to_channels_last(const ir::Tensor& w, int64_t kh, int64_t kw, int64_t c) {
    const auto& d = w.shape().dims;
    ir::Tensor t(ir::DType::Float32, w.shape());
    const float* src = w.data<float>();
    float* dst = t.data<float>();
    for (int64_t p = 0; p < d[0]; ++p)
        for (int64_t ch = 0; ch < c; ++ch)
            for (int64_t i = 0; i < kh; ++i)
                for (int64_t j = 0; j < kw; ++j)
                    for (int64_t o = 0; o < d[2]; ++o)
                        dst[(p * d[1] + (i * kw + j) * c + ch) * d[2] + o] = src[(p * d[1] + (ch * kh + i) * kw + j) * d[2] + o];
    return t;
}

Outs locally_connected(LayerContext& ctx, const std::vector<KTensor>& in, int spatial) {
    if (in.size() != 1) return ctx.fail("expects one input");
    if (in[0].rank() != spatial + 2)
        return ctx.fail("input rank " + std::to_string(in[0].rank()) + " does not fit LocallyConnected" + std::to_string(spatial) + "D");
    if (ctx.get_int("implementation", 1) != 1)
        return ctx.fail("implementation " + std::to_string(ctx.get_int("implementation", 1)) +
                        " (dense or sparse masked kernel) is not supported, only implementation 1");
    auto p = conv_params(ctx, spatial);
    if (!p) return p.error();
    if (p->padding != "valid") return ctx.fail("padding '" + p->padding + "' is not supported (Keras allows only 'valid')");
    KTensor x = to_channels_last(ctx, in[0], p->channels_first);
    std::vector<int64_t> k = p->kernel, s = p->strides;
    if (spatial == 1) {
        x = expand_1d(ctx, x);
        k.insert(k.begin(), 1);
        s.insert(s.begin(), 1);
    }
    const int64_t h = x.dim(1), w = x.dim(2), c = x.dim(3);
    if (h < 0 || w < 0 || c < 0) return ctx.fail("needs a fully defined input shape, got " + in[0].shape.to_string());
    const int64_t oh = conv_out_len(h, k[0], s[0], 1, "valid"), ow = conv_out_len(w, k[1], s[1], 1, "valid");
    const int64_t positions = oh * ow, features = k[0] * k[1] * c;
    if (oh <= 0 || ow <= 0) return ctx.fail("kernel larger than the input " + in[0].shape.to_string());

    int ki = ctx.find_weight({"kernel", "_W"});
    auto kernel = ctx.weight_tensor(ki >= 0 ? size_t(ki) : 0, 3);
    if (!kernel) return kernel.error();
    const auto& kd = kernel->shape().dims;
    if (kd[0] != positions || kd[1] != features)
        return ctx.fail("kernel shape " + kernel->shape().to_string() + " does not fit " + std::to_string(positions) +
                        " output positions of " + std::to_string(features) + " features");
    const int64_t filters = kd[2];
    ir::Tensor kt = p->channels_first ? features_to_channels_last(*kernel, k[0], k[1], c) : *kernel;

    ir::AttrMap a;
    a["strides"] = ints_attr(attr_list(1, s));
    a["dilations"] = ints_attr({1, 1, 1, 1});
    a["padding"] = std::string("VALID");
    a["data_format"] = std::string("NHWC");
    a["use_cudnn_on_gpu"] = true;
    std::string patches = ctx.b.add(ctx.node("patches"), "Conv2D",
                                    {x.ref, ctx.b.constant(ctx.node("patches/one_hot"), one_hot_patch_kernel(k[0], k[1], c))}, a);
    std::string y = ctx.b.reshape(ctx.node("patches/flat"), patches, {-1, positions, features});
    y = ctx.b.transpose(ctx.node("patches/position_major"), y, {1, 0, 2});
    ir::AttrMap mm;
    mm["adj_x"] = false;
    mm["adj_y"] = false;
    y = ctx.b.add(ctx.node("BatchMatMulV2"), "BatchMatMulV2", {y, ctx.b.weight(ctx.node("kernel"), kt, ctx.layer_name)}, mm);
    y = ctx.b.transpose(ctx.node("batch_major"), y, {1, 0, 2});
    KTensor out{ctx.b.reshape(ctx.node("output"), y, {-1, oh, ow, filters}), ir::Shape{x.dim(0), oh, ow, filters}};
    if (spatial == 1) out = squeeze_1d(ctx, out);
    out = from_channels_last(ctx, out, p->channels_first);

    if (ctx.get_bool("use_bias", ctx.get_bool("bias", true))) {
        int bi = ctx.find_weight({"bias", "_b"});
        auto bias = ctx.weight_tensor(bi >= 0 ? size_t(bi) : 1);
        if (!bias) return bias.error();
        if (bias->num_elements() != positions * filters)
            return ctx.fail("bias shape " + bias->shape().to_string() + " does not fit " + std::to_string(positions) +
                            " positions of " + std::to_string(filters) + " filters");
        // backend.bias_add: the (positions..., filters) bias is reshaped, not transposed, to
        // (filters, positions...) for channels_first outputs.
        std::vector<int64_t> dims(out.shape.dims.begin() + 1, out.shape.dims.end());
        out.ref = ctx.b.binary(ctx.node("bias_add"), "AddV2", out.ref,
                               ctx.b.weight(ctx.node("bias"), bias->reshaped(ir::Shape(dims)), ctx.layer_name));
    }
    auto act = apply_activation(ctx, out.ref, ctx.get_string("activation", "linear"));
    if (!act) return act.error();
    out.ref = *act;
    return std::vector<KTensor>{out};
}

}  // namespace

void register_locally_connected_layers(LayerTable& t) {
    t.emplace_back("LocallyConnected1D", [](LayerContext& c, const std::vector<KTensor>& in) { return locally_connected(c, in, 1); });
    t.emplace_back("LocallyConnected2D", [](LayerContext& c, const std::vector<KTensor>& in) { return locally_connected(c, in, 2); });
}

}  // namespace wb::formats::keras
