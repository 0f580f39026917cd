// SPDX-License-Identifier: Apache-2.0
// Conv1D/2D/3D (causal, dilated, channels_first), DepthwiseConv2D, SeparableConv1D/2D, as
// TensorFlow's NHWC/NDHWC Conv2D, Conv3D and DepthwiseConv2dNative; 1D goes through 2D.
#include <algorithm>

#include "formats/keras_h5/layers/conv_common.h"

namespace wb::formats::keras {
namespace {

using Outs = Expected<std::vector<KTensor>>;

// Keras 1 "th" kernels are (out, in, k...) and, from the Theano backend, flipped: make them
// TensorFlow's (k..., in, out).
ir::Tensor keras1_th_kernel(const ir::Tensor& w, bool flip) {
    const auto& d = w.shape().dims;
    int r = int(d.size());
    std::vector<int64_t> out_dims;
    for (int i = 2; i < r; ++i) out_dims.push_back(d[size_t(i)]);
    out_dims.push_back(d[1]);
    out_dims.push_back(d[0]);
    ir::Tensor t(ir::DType::Float32, ir::Shape(out_dims));
    int64_t spatial = 1;
    for (int i = 2; i < r; ++i) spatial *= d[size_t(i)];
    const float* src = w.data<float>();
    float* dst = t.data<float>();
    for (int64_t o = 0; o < d[0]; ++o)
        for (int64_t c = 0; c < d[1]; ++c)
            for (int64_t s = 0; s < spatial; ++s) {
                int64_t ss = flip ? spatial - 1 - s : s;
                dst[(ss * d[1] + c) * d[0] + o] = src[(o * d[1] + c) * spatial + s];
            }
    return t;
}

Expected<std::string> kernel_const(LayerContext& ctx, size_t i, int spatial, bool is_1d_as_2d) {
    auto w = ctx.weight_tensor(i);
    if (!w) return w.error();
    ir::Tensor t = *w;
    // Keras 1 Convolution1D kept its kernel as a 2D one: (length, 1, in, out).
    if (spatial == 1 && t.shape().rank() == 4 && t.shape().dims[1] == 1)
        t = t.reshaped(ir::Shape{t.shape().dims[0], t.shape().dims[2], t.shape().dims[3]});
    if (t.shape().rank() != spatial + 2)
        return ctx.fail("weight '" + ctx.weights[i].name + "' has shape " + t.shape().to_string() + ", expected rank " +
                        std::to_string(spatial + 2));
    if (ctx.cfg.contains("dim_ordering") && ctx.get_string("dim_ordering", "tf") == "th" && spatial == 2)
        t = keras1_th_kernel(t, ctx.b.model().generated_by.find("theano") != std::string::npos);
    if (is_1d_as_2d) {
        std::vector<int64_t> d{1};
        for (auto v : t.shape().dims) d.push_back(v);
        t = t.reshaped(ir::Shape(d));
    }
    std::string name = ctx.node(i == 0 ? "kernel" : "weight_" + std::to_string(i));
    if (ctx.b.model().graph.find(name)) return name;
    return ctx.b.weight(name, t, ctx.layer_name);
}

Expected<std::string> add_bias(LayerContext& ctx, const std::string& y, size_t index) {
    bool use_bias = ctx.get_bool("use_bias", ctx.get_bool("bias", true));
    if (!use_bias) return y;
    int bi = ctx.find_weight({"bias", "_b"});
    auto b = ctx.weight(bi >= 0 ? size_t(bi) : index, "bias");
    if (!b) return b.error();
    return ctx.b.bias_add(ctx.node("BiasAdd"), y, *b);
}

// Conv1D/2D/3D and DepthwiseConv2D / SeparableConv (kind selects the op sequence).
enum class Kind { Plain, Depthwise, Separable };

Outs conv(LayerContext& ctx, const std::vector<KTensor>& in, int spatial, Kind kind) {
    if (in.size() != 1) return ctx.fail("expects one input");
    if (in[0].rank() != spatial + 2)
        return ctx.fail("input rank " + std::to_string(in[0].rank()) + " does not fit a " + std::to_string(spatial) + "D convolution");
    auto p = conv_params(ctx, spatial);
    if (!p) return p.error();
    KTensor x = to_channels_last(ctx, in[0], p->channels_first);
    if (p->padding == "causal") {
        // Causal: left-pad the time axis by dilation * (kernel - 1), then a VALID convolution.
        int32_t left = int32_t(p->dilation[0] * (p->kernel[0] - 1));
        x.ref = ctx.b.pad(ctx.node("causal_pad"), x.ref, {0, 0, left, 0, 0, 0});
        if (x.shape.dims[1] >= 0) x.shape.dims[1] += left;
        p->padding = "valid";
    }
    const bool as_2d = spatial == 1;
    std::vector<int64_t> k = p->kernel, s = p->strides, d = p->dilation;
    if (as_2d) {
        x = expand_1d(ctx, x);
        k.insert(k.begin(), 1);
        s.insert(s.begin(), 1);
        d.insert(d.begin(), 1);
    }
    const int sp = as_2d ? 2 : spatial;
    ir::AttrMap a;
    a["strides"] = ints_attr(attr_list(1, s));
    a["dilations"] = ints_attr(attr_list(1, d));
    a["padding"] = tf_padding(p->padding);
    a["data_format"] = std::string(sp == 3 ? "NDHWC" : "NHWC");
    std::vector<int64_t> out_dims{x.dim(0)};
    for (int i = 0; i < sp; ++i)
        out_dims.push_back(conv_out_len(x.shape.dims[size_t(i + 1)], k[size_t(i)], s[size_t(i)], d[size_t(i)], p->padding));
    std::string y;
    int64_t channels = 0;
    if (kind == Kind::Plain) {
        int ki = ctx.find_weight({"kernel", "_W"});
        auto kc = kernel_const(ctx, ki >= 0 ? size_t(ki) : 0, spatial, as_2d);
        if (!kc) return kc.error();
        a["use_cudnn_on_gpu"] = true;
        if (sp == 3) a.erase("use_cudnn_on_gpu");
        y = ctx.b.add(ctx.node(sp == 3 ? "Conv3D" : "Conv2D"), sp == 3 ? "Conv3D" : "Conv2D", {x.ref, *kc}, a);
        const ir::Tensor* kt = &ctx.b.model().graph.find(*kc)->attrs.at("value").get_if<ir::Tensor>()[0];
        channels = kt->shape().dims.back();
    } else {
        if (sp != 2) return ctx.fail("depthwise convolution needs 1D or 2D input");
        auto dk = kernel_const(ctx, 0, spatial, as_2d);
        if (!dk) return dk.error();
        y = ctx.b.add(ctx.node("depthwise"), "DepthwiseConv2dNative", {x.ref, *dk}, a);
        const ir::Tensor* kt = ctx.b.model().graph.find(*dk)->attrs.at("value").get_if<ir::Tensor>();
        channels = kt->shape().dims[2] * kt->shape().dims[3];
        if (kind == Kind::Separable) {
            auto pk = kernel_const(ctx, 1, spatial, as_2d);
            if (!pk) return pk.error();
            ir::AttrMap pa;
            pa["strides"] = ints_attr({1, 1, 1, 1});
            pa["dilations"] = ints_attr({1, 1, 1, 1});
            pa["padding"] = std::string("VALID");
            pa["data_format"] = std::string("NHWC");
            pa["use_cudnn_on_gpu"] = true;
            y = ctx.b.add(ctx.node("pointwise"), "Conv2D", {y, *pk}, std::move(pa));
            channels = ctx.b.model().graph.find(*pk)->attrs.at("value").get_if<ir::Tensor>()->shape().dims.back();
        }
    }
    out_dims.push_back(channels);
    auto yb = add_bias(ctx, y, kind == Kind::Separable ? 2 : 1);
    if (!yb) return yb.error();
    auto act = apply_activation(ctx, *yb, ctx.get_string("activation", "linear"));
    if (!act) return act.error();
    KTensor out{*act, ir::Shape(out_dims)};
    if (as_2d) out = squeeze_1d(ctx, out);
    return std::vector<KTensor>{from_channels_last(ctx, out, p->channels_first)};
}

}  // namespace

void register_conv_layers(LayerTable& t) {
    auto add = [&](const char* name, int spatial, Kind kind) {
        t.emplace_back(name, [spatial, kind](LayerContext& c, const std::vector<KTensor>& in) { return conv(c, in, spatial, kind); });
    };
    add("Conv1D", 1, Kind::Plain);
    add("Convolution1D", 1, Kind::Plain);
    add("Conv2D", 2, Kind::Plain);
    add("Convolution2D", 2, Kind::Plain);
    add("Conv3D", 3, Kind::Plain);
    add("Convolution3D", 3, Kind::Plain);
    add("DepthwiseConv2D", 2, Kind::Depthwise);
    add("SeparableConv1D", 1, Kind::Separable);
    add("SeparableConv2D", 2, Kind::Separable);
    add("SeparableConvolution2D", 2, Kind::Separable);
}

}  // namespace wb::formats::keras
