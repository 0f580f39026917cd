// SPDX-License-Identifier: Apache-2.0
// ConvLSTM2D unrolled over its static time axis, as Keras' ConvLSTM2DCell computes it: the input
// convolution (the layer's padding, strides, dilation) of all steps at once over
// [batch*time, rows, cols, channels], then per step the recurrent convolution of h ('same',
// stride 1), gates i,f,c,o split on the channel axis. channels_first inputs are transposed to
// channels_last and back.
#include <algorithm>

#include "formats/keras_h5/layers/conv_common.h"
#include "formats/keras_h5/layers/recurrent.h"

namespace wb::formats::keras {
namespace {

std::string conv2d(Builder& b, const std::string& name, const std::string& x, const std::string& k,
                   const std::vector<int64_t>& strides, const std::vector<int64_t>& dilation, const std::string& padding) {
    ir::AttrList st, dl;
    st.i = attr_list(1, strides);
    dl.i = attr_list(1, dilation);
    ir::AttrMap a;
    a["strides"] = st;
    a["dilations"] = dl;
    a["padding"] = tf_padding(padding);
    a["data_format"] = std::string("NHWC");
    a["use_cudnn_on_gpu"] = true;
    return b.add(name, "Conv2D", {x, k}, std::move(a));
}

}  // namespace

Expected<std::vector<KTensor>> conv_lstm2d(LayerContext& ctx, const KTensor& in, const std::vector<KerasWeight>& ws,
                                           const std::string& tag, bool go_backwards, bool time_ordered) {
    auto p = conv_params(ctx, 2);
    if (!p) return p.error();
    if (p->padding == "causal") return ctx.fail("ConvLSTM2D has no causal padding");
    if (in.rank() != 5) return ctx.fail("ConvLSTM2D input must be rank 5, got " + in.shape.to_string());
    Builder& b = ctx.b;
    auto n = [&](const std::string& s) { return ctx.node(rnn_suffix(tag, s)); };
    KTensor x = in;
    if (p->channels_first)
        x = {b.transpose(n("to_channels_last"), in.ref, {0, 1, 3, 4, 2}), ir::Shape{in.dim(0), in.dim(1), in.dim(3), in.dim(4), in.dim(2)}};
    const int64_t T = x.dim(1), H = x.dim(2), W = x.dim(3), C = x.dim(4);
    if (T <= 0 || H < 0 || W < 0 || C < 0) return ctx.fail("ConvLSTM2D needs static time, rows, columns and channels, got " + in.shape.to_string());
    if (ws.size() < 2) return ctx.fail("ConvLSTM2D has " + std::to_string(ws.size()) + " weights, expected kernel, recurrent kernel and bias");
    const ir::Tensor &K = ws[0].value, &RK = ws[1].value;
    if (K.shape().rank() != 4 || K.shape().dims[2] != C || K.shape().dims[3] % 4 != 0)
        return ctx.fail("kernel has shape " + K.shape().to_string() + " for " + std::to_string(C) + " input channels");
    const int64_t F = K.shape().dims[3] / 4;
    if (RK.shape() != ir::Shape{RK.shape().dims[0], RK.shape().dims[1], F, 4 * F}) return ctx.fail("recurrent kernel has shape " + RK.shape().to_string());
    auto konst = [&](const std::string& s, const ir::Tensor& t) {
        std::string name = n(s);
        return b.model().graph.find(name) ? name : b.weight(name, t, ctx.layer_name);
    };
    std::string k = konst("kernel", K), rk = konst("recurrent_kernel", RK);
    const int64_t Ho = conv_out_len(H, p->kernel[0], p->strides[0], p->dilation[0], p->padding);
    const int64_t Wo = conv_out_len(W, p->kernel[1], p->strides[1], p->dilation[1], p->padding);
    std::string xw = conv2d(b, n("input_conv"), b.reshape(n("fold_time"), x.ref, {-1, H, W, C}), k, p->strides, p->dilation, p->padding);
    if (ws.size() >= 3) xw = b.bias_add(n("input_bias"), xw, konst("bias", ws[2].value));
    xw = b.reshape(n("unfold_time"), xw, {-1, T, Ho, Wo, 4 * F});
    const std::string act = ctx.get_string("activation", "tanh"), rec = ctx.get_string("recurrent_activation", "hard_sigmoid");
    std::string h, c;
    std::vector<std::string> outputs;
    for (int64_t step = 0; step < T; ++step) {
        const int64_t t = go_backwards ? T - 1 - step : step;
        const std::string st = rnn_suffix(tag, "step_" + std::to_string(step));
        std::string z = b.slice_axis(ctx.node(st + "/x"), xw, 5, 1, t, t + 1, true);
        if (!h.empty()) z = b.binary(ctx.node(st + "/add"), "AddV2", z, conv2d(b, ctx.node(st + "/recurrent_conv"), h, rk, {1, 1}, {1, 1}, "same"));
        ir::AttrMap sa;
        sa["num_split"] = int64_t(4);
        std::string g = b.add(ctx.node(st + "/gates"), "Split", {b.constant(ctx.node(st + "/gates/axis"), ir::Tensor::scalar<int32_t>(ir::DType::Int32, 3)), z}, std::move(sa));
        auto i = apply_activation(ctx, g, rec, st + "/i");
        auto f = apply_activation(ctx, g + ":1", rec, st + "/f");
        auto cc = apply_activation(ctx, g + ":2", act, st + "/c_candidate");
        auto o = apply_activation(ctx, g + ":3", rec, st + "/o");
        for (auto* e : {&i, &f, &cc, &o})
            if (!*e) return e->error();
        std::string ic = b.binary(ctx.node(st + "/i_c"), "Mul", *i, *cc);
        c = c.empty() ? ic : b.binary(ctx.node(st + "/c"), "AddV2", b.binary(ctx.node(st + "/f_c"), "Mul", *f, c), ic);
        auto ac = apply_activation(ctx, c, act, st + "/c_act");
        if (!ac) return ac.error();
        h = b.binary(ctx.node(st + "/h"), "Mul", *o, *ac);
        outputs.push_back(h);
    }
    if (time_ordered) std::reverse(outputs.begin(), outputs.end());
    const bool cf = p->channels_first;
    auto state = [&](const std::string& ref, const std::string& s) -> KTensor {
        if (!cf) return {ref, ir::Shape{x.dim(0), Ho, Wo, F}};
        return {b.transpose(n(s + "_channels_first"), ref, {0, 3, 1, 2}), ir::Shape{x.dim(0), F, Ho, Wo}};
    };
    std::vector<KTensor> result;
    if (ctx.cfg.value("return_sequences", false)) {
        std::string seq = b.pack(n("sequence"), outputs, 1);
        if (cf) result.push_back({b.transpose(n("sequence_channels_first"), seq, {0, 1, 4, 2, 3}), ir::Shape{x.dim(0), T, F, Ho, Wo}});
        else result.push_back({seq, ir::Shape{x.dim(0), T, Ho, Wo, F}});
    } else {
        result.push_back(state(h, "output"));
    }
    if (ctx.cfg.value("return_state", false)) {
        result.push_back(state(h, "h"));
        result.push_back(state(c, "c"));
    }
    return result;
}

namespace {

Expected<std::vector<KTensor>> conv_lstm_layer(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1) return ctx.fail("ConvLSTM2D with initial states is not supported");
    return conv_lstm2d(ctx, in[0], ctx.weights, "", ctx.get_bool("go_backwards", false), false);
}

}  // namespace

void register_conv_lstm_layers(LayerTable& t) { t.emplace_back("ConvLSTM2D", conv_lstm_layer); }

}  // namespace wb::formats::keras
