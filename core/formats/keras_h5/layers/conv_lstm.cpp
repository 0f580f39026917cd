// SPDX-License-Identifier: Apache-2.0
// ConvLSTM2D as Keras' ConvLSTM2DCell computes it: the input convolution (the layer's padding,
// strides, dilation) of all steps at once over [batch*time, rows, cols, channels], then per step
// the recurrent convolution of h ('same', stride 1), gates i,f,c,o split on the channel axis.
// A static time axis is unrolled; a dynamic one runs as a while loop (conv_lstm_loop.cpp) with
// the same step nodes. stateful=True keeps h and c in resource variables (recurrent_state.h).
// channels_first inputs are transposed to channels_last and back.
#include <algorithm>

#include "formats/keras_h5/layers/conv_common.h"
#include "formats/keras_h5/layers/conv_lstm.h"
#include "formats/keras_h5/layers/recurrent_state.h"

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

Expected<ConvLstmRun> unroll_conv_lstm(LayerContext& ctx, const ConvLstmInputs& p, const std::string& tag, int64_t T,
                                       bool go_backwards, bool time_ordered, bool return_sequences, CellState st) {
    Builder& b = ctx.b;
    std::string xw = b.reshape(ctx.node(rnn_suffix(tag, "unfold_time")), p.xw_flat, {-1, T, p.Ho, p.Wo, 4 * p.F});
    std::vector<std::string> outputs;
    for (int64_t step = 0; step < T; ++step) {
        const int64_t t = go_backwards ? T - 1 - step : step;
        const std::string prefix = rnn_suffix(tag, "step_" + std::to_string(step));
        auto next = conv_lstm_step(ctx, p, p.rk, b.slice_axis(ctx.node(prefix + "/x"), xw, 5, 1, t, t + 1, true), st, prefix);
        if (!next) return next.error();
        st = *next;
        outputs.push_back(st.h);
    }
    if (time_ordered) std::reverse(outputs.begin(), outputs.end());
    return ConvLstmRun{return_sequences ? b.pack(ctx.node(rnn_suffix(tag, "sequence")), outputs, 1) : st.h, st.h, st.c};
}

}  // namespace

Expected<CellState> conv_lstm_step(LayerContext& ctx, const ConvLstmInputs& p, const std::string& rk, const std::string& z_in,
                                   const CellState& prev, const std::string& prefix) {
    Builder& b = ctx.b;
    auto n = [&](const std::string& s) { return ctx.node(prefix + "/" + s); };
    std::string z = z_in;
    if (!prev.h.empty()) z = b.binary(n("add"), "AddV2", z, conv2d(b, n("recurrent_conv"), prev.h, rk, {1, 1}, {1, 1}, "same"));
    ir::AttrMap sa;
    sa["num_split"] = int64_t(4);
    std::string g = b.add(n("gates"), "Split", {b.constant(n("gates/axis"), ir::Tensor::scalar<int32_t>(ir::DType::Int32, 3)), z}, std::move(sa));
    auto i = apply_activation(ctx, g, p.recurrent_activation, prefix + "/i");
    auto f = apply_activation(ctx, g + ":1", p.recurrent_activation, prefix + "/f");
    auto cc = apply_activation(ctx, g + ":2", p.activation, prefix + "/c_candidate");
    auto o = apply_activation(ctx, g + ":3", p.recurrent_activation, prefix + "/o");
    for (auto* e : {&i, &f, &cc, &o})
        if (!*e) return e->error();
    std::string ic = b.binary(n("i_c"), "Mul", *i, *cc);
    std::string c = prev.c.empty() ? ic : b.binary(n("c"), "AddV2", b.binary(n("f_c"), "Mul", *f, prev.c), ic);
    auto ac = apply_activation(ctx, c, p.activation, prefix + "/c_act");
    if (!ac) return ac.error();
    return CellState{b.binary(n("h"), "Mul", *o, *ac), c};
}

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
    if (T == 0 || H < 0 || W < 0 || C < 0)
        return ctx.fail("ConvLSTM2D needs static rows, columns and channels and a non-empty time axis, got " + in.shape.to_string());
    if (ws.size() < 2) return ctx.fail("ConvLSTM2D has " + std::to_string(ws.size()) + " weights, expected kernel, recurrent kernel and bias");
    const ir::Tensor &K = ws[0].value, &RK = ws[1].value;
    if (K.shape().rank() != 4 || K.shape().dims[2] != C || K.shape().dims[3] % 4 != 0)
        return ctx.fail("kernel has shape " + K.shape().to_string() + " for " + std::to_string(C) + " input channels");
    ConvLstmInputs cl;
    cl.F = K.shape().dims[3] / 4;
    const int64_t F = cl.F;
    if (RK.shape() != ir::Shape{RK.shape().dims[0], RK.shape().dims[1], F, 4 * F}) return ctx.fail("recurrent kernel has shape " + RK.shape().to_string());
    auto konst = [&](const std::string& s, const ir::Tensor& t) {
        std::string name = n(s);
        return b.model().graph.find(name) ? name : b.weight(name, t, ctx.layer_name);
    };
    std::string k = konst("kernel", K);
    cl.rk = konst("recurrent_kernel", RK);
    cl.Ho = conv_out_len(H, p->kernel[0], p->strides[0], p->dilation[0], p->padding);
    cl.Wo = conv_out_len(W, p->kernel[1], p->strides[1], p->dilation[1], p->padding);
    cl.xw_flat = conv2d(b, n("input_conv"), b.reshape(n("fold_time"), x.ref, {-1, H, W, C}), k, p->strides, p->dilation, p->padding);
    if (ws.size() >= 3) cl.xw_flat = b.bias_add(n("input_bias"), cl.xw_flat, konst("bias", ws[2].value));
    cl.activation = ctx.get_string("activation", "tanh");
    cl.recurrent_activation = ctx.get_string("recurrent_activation", "hard_sigmoid");
    const bool sequences = ctx.cfg.value("return_sequences", false), return_state = ctx.cfg.value("return_state", false);
    const int64_t batch = x.dim(0);
    const ir::Shape state_shape{batch, cl.Ho, cl.Wo, F};
    const ir::Shape out_shape = sequences ? ir::Shape{batch, T, cl.Ho, cl.Wo, F} : state_shape;
    // [output, h, c], channels last.
    auto run = [&](const std::vector<KTensor>& start) -> Expected<std::vector<KTensor>> {
        CellState init{start.size() > 0 ? start[0].ref : std::string(), start.size() > 1 ? start[1].ref : std::string()};
        auto r = T < 0 ? loop_conv_lstm(ctx, x, cl, tag, go_backwards, time_ordered, sequences, init)
                       : unroll_conv_lstm(ctx, cl, tag, T, go_backwards, time_ordered, sequences, init);
        if (!r) return r.error();
        return std::vector<KTensor>{{r->output, out_shape}, {r->h, state_shape}, {r->c, state_shape}};
    };
    Expected<std::vector<KTensor>> outs = Error{};
    if (ctx.cfg.value("stateful", false)) {
        if (batch < 0) return ctx.fail("a stateful ConvLSTM2D needs a fixed batch size (batch_input_shape), as Keras requires");
        outs = with_kept_states(ctx, tag, state_shape, 2, {}, true, run);
    } else {
        outs = run({});
    }
    if (!outs) return outs.error();
    if (!p->channels_first) {
        if (!return_state) outs->resize(1);
        return outs;
    }
    std::vector<KTensor> result;
    const char* names[] = {"output", "h", "c"};
    for (size_t i = 0; i < (return_state ? 3u : 1u); ++i) {
        const KTensor& t = (*outs)[i];
        if (t.rank() == 5)
            result.push_back({b.transpose(n("sequence_channels_first"), t.ref, {0, 1, 4, 2, 3}), ir::Shape{batch, T, F, cl.Ho, cl.Wo}});
        else
            result.push_back({b.transpose(n(std::string(names[i]) + "_channels_first"), t.ref, {0, 3, 1, 2}), ir::Shape{batch, F, cl.Ho, cl.Wo}});
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
