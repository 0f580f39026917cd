// SPDX-License-Identifier: Apache-2.0
// Bidirectional (two unrolled passes, merged) and TimeDistributed (inner layer over
// [batch*time, ...]).
#include "formats/keras_h5/layers/recurrent.h"

namespace wb::formats::keras {
namespace {

using Outs = Expected<std::vector<KTensor>>;
using json = nlohmann::json;

bool fwd_returns_sequences(LayerContext& ctx, const std::string& cls, const json& inner_cfg) {
    if (cls == "ConvLSTM2D") return false;
    auto spec = rnn_spec(ctx, cls, inner_cfg);
    return spec && spec->return_sequences;
}

Outs bidirectional(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.empty()) return ctx.fail("expects an input");
    const json inner = ctx.cfg.value("layer", json());
    if (!inner.is_object() || !inner.contains("class_name")) return ctx.fail("config 'layer' missing");
    const std::string cls = inner["class_name"].get<std::string>();
    const json inner_cfg = inner.value("config", json::object());
    // Forward weights come first; names say so from Keras 2.1 on ("forward_lstm_1/kernel").
    std::vector<KerasWeight> fw, bw;
    for (const auto& w : ctx.weights) {
        if (w.name.find("backward") != std::string::npos) bw.push_back(w);
        else if (w.name.find("forward") != std::string::npos) fw.push_back(w);
    }
    if (fw.empty() || bw.empty() || fw.size() != bw.size()) {
        fw.assign(ctx.weights.begin(), ctx.weights.begin() + long(ctx.weights.size() / 2));
        bw.assign(ctx.weights.begin() + long(ctx.weights.size() / 2), ctx.weights.end());
    }
    // initial_state: the forward layer's states, then the backward layer's (Keras and tfjs split
    // the list in halves).
    const std::vector<KTensor> states(in.begin() + 1, in.end());
    if (states.size() % 2) return ctx.fail("initial_state must list as many backward states as forward ones");
    const std::vector<KTensor> fw_init(states.begin(), states.begin() + long(states.size() / 2));
    const std::vector<KTensor> bw_init(states.begin() + long(states.size() / 2), states.end());
    // Keras reverses the backward pass's sequence back into time order.
    Outs f = Error{}, b = Error{};
    if (cls == "ConvLSTM2D") {
        if (!in[0].mask.empty()) return ctx.fail("a masked ConvLSTM2D is not supported");
        if (!states.empty()) return ctx.fail("ConvLSTM2D with an initial_state is not supported");
        LayerContext sub{ctx.b, cls, ctx.layer_name, ctx.position, inner_cfg, ctx.scope, {}, ctx.file, ctx.keras_major};
        const bool back = sub.get_bool("go_backwards", false);
        f = conv_lstm2d(sub, in[0], fw, "forward", back, false);
        b = conv_lstm2d(sub, in[0], bw, "backward", !back, true);
    } else {
        auto fwd = rnn_spec(ctx, cls, inner_cfg);
        if (!fwd) return fwd.error();
        RnnSpec bwd = *fwd;
        bwd.go_backwards = !fwd->go_backwards;
        bwd.time_ordered_output = true;
        // Keras' Bidirectional: masked steps of returned sequences are zeros in both passes.
        fwd->zero_output_for_mask = bwd.zero_output_for_mask = fwd->return_sequences;
        f = run_rnn(ctx, in[0], *fwd, fw, "forward", fw_init);
        b = run_rnn(ctx, in[0], bwd, bw, "backward", bw_init);
    }
    if (!f) return f.error();
    if (!b) return b.error();
    const std::string mode = ctx.get_string("merge_mode", "concat");
    const KTensor& yf = (*f)[0];
    const KTensor& yb = (*b)[0];
    std::vector<KTensor> out;
    if (mode == "concat") {
        ir::Shape s = yf.shape;
        s.dims.back() *= 2;
        out.push_back({ctx.b.concat(ctx.node("concat"), {yf.ref, yb.ref}, yf.rank() - 1), s});
    } else if (mode == "sum") {
        out.push_back({ctx.b.binary(ctx.node("sum"), "AddV2", yf.ref, yb.ref), yf.shape});
    } else if (mode == "mul") {
        out.push_back({ctx.b.binary(ctx.node("mul"), "Mul", yf.ref, yb.ref), yf.shape});
    } else if (mode == "ave") {
        std::string s = ctx.b.binary(ctx.node("sum"), "AddV2", yf.ref, yb.ref);
        out.push_back({ctx.b.binary(ctx.node("ave"), "Mul", s, ctx.b.scalar(ctx.node("half"), 0.5f)), yf.shape});
    } else if (mode.empty() || mode == "None") {
        out.push_back(yf);
        out.push_back(yb);
    } else {
        return ctx.fail("merge_mode '" + mode + "' is not supported");
    }
    if (fwd_returns_sequences(ctx, cls, inner_cfg))
        for (size_t k = 0; k < out.size(); ++k) out[k].mask = in[0].mask;  // the merged sequence(s)
    out.insert(out.end(), f->begin() + 1, f->end());
    out.insert(out.end(), b->begin() + 1, b->end());
    return out;
}

Outs time_distributed(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1 || in[0].rank() < 3) return ctx.fail("expects one [batch, time, ...] input");
    const json inner = ctx.cfg.value("layer", json());
    if (!inner.is_object() || !inner.contains("class_name") || !inner["class_name"].is_string())
        return ctx.fail("config 'layer' missing");
    const std::string cls = inner["class_name"].get<std::string>();
    const LowerFn* fn = find_lowering(cls);
    if (!fn) return ctx.fail("wrapped layer class '" + cls + "' is not supported");
    const int64_t T = in[0].dim(1);
    if (T < 0) return ctx.fail("TimeDistributed needs a static time dimension");
    std::vector<int64_t> folded{-1};
    for (int i = 2; i < in[0].rank(); ++i) {
        if (in[0].dim(i) < 0) return ctx.fail("TimeDistributed needs static inner dims");
        folded.push_back(in[0].dim(i));
    }
    KTensor x{ctx.b.reshape(ctx.node("fold_time"), in[0].ref, folded), ir::Shape(folded)};
    const json cfg = inner.value("config", json::object());
    LayerContext sub{ctx.b, cls, ctx.layer_name, ctx.position, cfg, ctx.scope + "/" + cfg.value("name", cls),
                     ctx.weights, ctx.file, ctx.keras_major};
    auto y = (*fn)(sub, {x});
    if (!y) return y.error();
    std::vector<int64_t> out{-1, T};
    for (int i = 1; i < (*y)[0].rank(); ++i) out.push_back((*y)[0].dim(i));
    std::string r = ctx.b.reshape(ctx.node("unfold_time"), (*y)[0].ref, out);
    out[0] = in[0].dim(0);
    return std::vector<KTensor>{{r, ir::Shape(out)}};
}

}  // namespace

void register_wrapper_layers(LayerTable& t) {
    t.emplace_back("Bidirectional", bidirectional);
    t.emplace_back("TimeDistributed", time_distributed);
}

}  // namespace wb::formats::keras
