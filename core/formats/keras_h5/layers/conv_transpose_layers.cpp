// SPDX-License-Identifier: Apache-2.0
// Conv2DTranspose / Conv3DTranspose as TensorFlow's Conv2DBackpropInput / Conv3DBackpropInputV2,
// with the output size of Keras' deconv_output_length.
#include <algorithm>

#include "formats/keras_h5/layers/conv_common.h"

namespace wb::formats::keras {
namespace {

using Outs = Expected<std::vector<KTensor>>;

int64_t deconv_len(int64_t len, int64_t k, int64_t s, int64_t d, const std::string& padding, int64_t out_pad) {
    if (len < 0) return -1;
    k = k + (k - 1) * (d - 1);
    if (out_pad < 0) return padding == "same" ? len * s : len * s + std::max<int64_t>(k - s, 0);
    int64_t pad = padding == "same" ? k / 2 : 0;
    return (len - 1) * s + k - 2 * pad + out_pad;
}

Outs conv_transpose(LayerContext& ctx, const std::vector<KTensor>& in, int spatial) {
    if (in.size() != 1 || in[0].rank() != spatial + 2) return ctx.fail("unexpected input rank");
    auto p = conv_params(ctx, spatial);
    if (!p) return p.error();
    if (p->padding == "causal") return ctx.fail("causal padding is not valid for a transposed convolution");
    auto op = ctx.get_ints("output_padding", size_t(spatial), -1);
    if (!op) return op.error();
    auto kt = ctx.weight_tensor(0, spatial + 2);
    if (!kt) return kt.error();
    const int64_t filters = kt->shape().dims[size_t(spatial)];
    KTensor x = to_channels_last(ctx, in[0], p->channels_first);
    std::vector<int64_t> out{x.dim(0)};
    for (int i = 0; i < spatial; ++i) {
        int64_t l = deconv_len(x.dim(i + 1), p->kernel[size_t(i)], p->strides[size_t(i)], p->dilation[size_t(i)],
                               p->padding, (*op)[size_t(i)]);
        if (l < 0) return ctx.fail("transposed convolution needs static spatial dims");
        out.push_back(l);
    }
    out.push_back(filters);
    // input_sizes = [batch, spatial..., filters]; the batch comes from the input at run time.
    std::vector<int32_t> tail;
    for (size_t i = 1; i < out.size(); ++i) tail.push_back(int32_t(out[i]));
    std::string sizes;
    if (x.dim(0) > 0) {
        std::vector<int32_t> all{int32_t(x.dim(0))};
        all.insert(all.end(), tail.begin(), tail.end());
        sizes = ctx.b.ints(ctx.node("output_shape"), all);
    } else {
        ir::AttrMap sa;
        sa["out_type"] = ir::DType::Int32;
        std::string shape = ctx.b.add(ctx.node("Shape"), "Shape", {x.ref}, std::move(sa));
        ir::AttrMap ss;
        ss["Index"] = ir::DType::Int32;
        ss["T"] = ir::DType::Int32;
        ss["begin_mask"] = int64_t(0);
        ss["end_mask"] = int64_t(0);
        ss["ellipsis_mask"] = int64_t(0);
        ss["new_axis_mask"] = int64_t(0);
        ss["shrink_axis_mask"] = int64_t(0);
        std::string batch = ctx.b.add(ctx.node("batch"), "StridedSlice",
                                      {shape, ctx.b.ints(ctx.node("batch/begin"), {0}), ctx.b.ints(ctx.node("batch/end"), {1}),
                                       ctx.b.ints(ctx.node("batch/strides"), {1})}, std::move(ss));
        std::string rest = ctx.b.ints(ctx.node("spatial_shape"), tail);
        ir::AttrMap ca;
        ca["N"] = int64_t(2);
        ca["Tidx"] = ir::DType::Int32;
        ca["T"] = ir::DType::Int32;
        sizes = ctx.b.add(ctx.node("output_shape"), "ConcatV2",
                          {batch, rest, ctx.b.constant(ctx.node("output_shape/axis"), ir::Tensor::scalar<int32_t>(ir::DType::Int32, 0))},
                          std::move(ca));
    }
    auto k = ctx.weight(0, "kernel");
    if (!k) return k.error();
    ir::AttrMap a;
    ir::AttrList st, dl;
    st.i = attr_list(1, p->strides);
    dl.i = attr_list(1, p->dilation);
    a["strides"] = st;
    a["dilations"] = dl;
    a["padding"] = tf_padding(p->padding);
    a["data_format"] = std::string(spatial == 3 ? "NDHWC" : "NHWC");
    if (spatial == 2) a["use_cudnn_on_gpu"] = true;
    const char* opname = spatial == 3 ? "Conv3DBackpropInputV2" : "Conv2DBackpropInput";
    if (spatial == 3) a["Tshape"] = ir::DType::Int32;
    std::string y = ctx.b.add(ctx.node(opname), opname, {sizes, *k, x.ref}, std::move(a));
    if (ctx.get_bool("use_bias", true)) {
        auto b = ctx.weight(1, "bias");
        if (!b) return b.error();
        y = ctx.b.bias_add(ctx.node("BiasAdd"), y, *b);
    }
    auto act = apply_activation(ctx, y, ctx.get_string("activation", "linear"));
    if (!act) return act.error();
    return std::vector<KTensor>{from_channels_last(ctx, KTensor{*act, ir::Shape(out)}, p->channels_first)};
}

}  // namespace

void register_conv_transpose_layers(LayerTable& t) {
    t.emplace_back("Conv2DTranspose", [](LayerContext& c, const std::vector<KTensor>& in) { return conv_transpose(c, in, 2); });
    t.emplace_back("Deconvolution2D", [](LayerContext& c, const std::vector<KTensor>& in) { return conv_transpose(c, in, 2); });
    t.emplace_back("Conv3DTranspose", [](LayerContext& c, const std::vector<KTensor>& in) { return conv_transpose(c, in, 3); });
}

}  // namespace wb::formats::keras
