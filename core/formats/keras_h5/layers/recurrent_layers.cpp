// SPDX-License-Identifier: Apache-2.0
// SimpleRNN, LSTM and GRU. The input projection of every step is one MatMul over
// [batch*time, features]; each step then adds h @ U and applies the gates exactly as Keras'
// cells do (LSTM i,f,c,o; GRU z,r,h with or without reset_after). A static time axis is
// unrolled (what TensorFlow's own unroll=True graphs look like); a dynamic one becomes a while
// loop (recurrent_loop.cpp).
#include <algorithm>

#include "formats/keras_h5/layers/recurrent.h"

namespace wb::formats::keras {
namespace {

using Outs = Expected<std::vector<KTensor>>;

struct Step {
    LayerContext& ctx;
    std::string prefix;
    std::string n(const std::string& suffix) const { return ctx.node(prefix + "/" + suffix); }
    Expected<std::string> act(const std::string& x, const std::string& a, const std::string& suffix) {
        return apply_activation(ctx, x, a, prefix + "/" + suffix);
    }
    std::vector<std::string> split(const std::string& x, int parts, const std::string& suffix) {
        std::string axis = ctx.b.constant(n(suffix + "/axis"), ir::Tensor::scalar<int32_t>(ir::DType::Int32, 1));
        ir::AttrMap a;
        a["num_split"] = int64_t(parts);
        std::string sp = ctx.b.add(n(suffix), "Split", {axis, x}, std::move(a));
        std::vector<std::string> out;
        for (int i = 0; i < parts; ++i) out.push_back(i == 0 ? sp : sp + ":" + std::to_string(i));
        return out;
    }
};

std::string konst(LayerContext& ctx, const std::string& name, const ir::Tensor& t, bool is_weight) {
    if (ctx.b.model().graph.find(name)) return name;  // shared layer: reuse
    return is_weight ? ctx.b.weight(name, t, ctx.layer_name) : ctx.b.constant(name, t);
}

}  // namespace

Expected<CellState> rnn_cell_step(LayerContext& ctx, const RnnSpec& s, const CellRefs& w, const std::string& xt,
                                  const CellState& prev, const std::string& prefix) {
    Step u{ctx, prefix};
    Builder& b = ctx.b;
    const std::string& h = prev.h;
    const std::string& c = prev.c;
    const int64_t U = s.units;
    if (s.kind == RnnSpec::Kind::Simple) {
        std::string z = h.empty() ? xt : b.binary(u.n("add"), "AddV2", xt, b.matmul(u.n("recurrent"), h, w.U));
        auto hn = u.act(z, s.activation, "h");
        if (!hn) return hn.error();
        return CellState{*hn, {}};
    }
    if (s.kind == RnnSpec::Kind::Lstm) {
        std::string z = h.empty() ? xt : b.binary(u.n("add"), "AddV2", xt, b.matmul(u.n("recurrent"), h, w.U));
        auto g = u.split(z, 4, "gates");
        auto i = u.act(g[0], s.recurrent_activation, "i");
        auto f = u.act(g[1], s.recurrent_activation, "f");
        auto cc = u.act(g[2], s.activation, "c_candidate");
        auto o = u.act(g[3], s.recurrent_activation, "o");
        for (auto* e : {&i, &f, &cc, &o})
            if (!*e) return e->error();
        std::string ic = b.binary(u.n("i_c"), "Mul", *i, *cc);
        std::string cn = c.empty() ? ic : b.binary(u.n("c"), "AddV2", b.binary(u.n("f_c"), "Mul", *f, c), ic);
        auto ac = u.act(cn, s.activation, "c_act");
        if (!ac) return ac.error();
        return CellState{b.binary(u.n("h"), "Mul", *o, *ac), cn};
    }
    auto xg = u.split(xt, 3, "x_gates");
    std::string rz, rr, rh;  // recurrent contributions (empty = zero)
    if (s.reset_after) {
        // h = 0: the recurrent term is the bias alone, broadcast over the batch.
        auto rg = h.empty() ? u.split(b.reshape(u.n("bias_row"), w.b_rec, {1, 3 * U}), 3, "r_gates")
                            : u.split(b.bias_add(u.n("recurrent_bias"), b.matmul(u.n("recurrent"), h, w.U), w.b_rec), 3, "r_gates");
        rz = rg[0], rr = rg[1], rh = rg[2];
    } else if (!h.empty()) {
        auto rg = u.split(b.matmul(u.n("recurrent_zr"), h, w.U_zr), 2, "r_gates");
        rz = rg[0], rr = rg[1];
    }
    auto add = [&](const std::string& a, const std::string& r, const std::string& nm) {
        return r.empty() ? a : b.binary(u.n(nm), "AddV2", a, r);
    };
    auto z = u.act(add(xg[0], rz, "z_in"), s.recurrent_activation, "z");
    auto r = u.act(add(xg[1], rr, "r_in"), s.recurrent_activation, "r");
    if (!z) return z.error();
    if (!r) return r.error();
    std::string hin;
    if (s.reset_after) hin = b.binary(u.n("h_in"), "AddV2", xg[2], b.binary(u.n("r_rh"), "Mul", *r, rh));
    else if (!h.empty()) hin = b.binary(u.n("h_in"), "AddV2", xg[2], b.matmul(u.n("recurrent_h"), b.binary(u.n("r_h"), "Mul", *r, h), w.U_h));
    else hin = xg[2];
    auto hh = u.act(hin, s.activation, "h_candidate");
    if (!hh) return hh.error();
    std::string keep = b.binary(u.n("one_minus_z"), "Sub", w.one, *z);
    std::string nh = b.binary(u.n("new_part"), "Mul", keep, *hh);
    return CellState{h.empty() ? nh : b.binary(u.n("h"), "AddV2", b.binary(u.n("old_part"), "Mul", *z, h), nh), {}};
}

Expected<RnnProjection> project_rnn_inputs(LayerContext& ctx, const KTensor& x, const RnnSpec& s,
                                           const std::vector<KerasWeight>& ws, const std::string& tag) {
    const int64_t F = x.dim(2), U = s.units;
    auto w = fuse_rnn_weights(ctx, s, ws);
    if (!w) return w.error();
    if (F >= 0 && w->W.shape().dims[0] != F)
        return ctx.fail("kernel expects " + std::to_string(w->W.shape().dims[0]) + " features, input has " + std::to_string(F));
    auto n = [&](const std::string& suffix) { return ctx.node(rnn_suffix(tag, suffix)); };
    Builder& b = ctx.b;
    RnnProjection p;
    p.features = w->W.shape().dims[0];
    std::string W = konst(ctx, n("kernel"), w->W, true);
    p.refs.U = konst(ctx, n("recurrent_kernel"), w->U, true);
    p.xw_flat = b.matmul(n("input_projection"), b.reshape(n("flatten_time"), x.ref, {-1, p.features}), W);
    if (w->b.valid()) p.xw_flat = b.bias_add(n("input_bias"), p.xw_flat, konst(ctx, n("bias"), w->b, true));
    if (w->b_rec.valid()) p.refs.b_rec = konst(ctx, n("recurrent_bias"), w->b_rec, true);
    // GRU without reset_after multiplies r*h before U_h: split U into [U_z U_r] and U_h.
    if (s.kind == RnnSpec::Kind::Gru && !s.reset_after) {
        ir::Tensor zr(ir::DType::Float32, ir::Shape{U, 2 * U}), hh(ir::DType::Float32, ir::Shape{U, U});
        for (int64_t r = 0; r < U; ++r)
            for (int64_t c = 0; c < 3 * U; ++c) {
                float v = w->U.data<float>()[r * 3 * U + c];
                if (c < 2 * U) zr.data<float>()[r * 2 * U + c] = v;
                else hh.data<float>()[r * U + c - 2 * U] = v;
            }
        p.refs.U_zr = konst(ctx, n("recurrent_kernel_zr"), zr, false);
        p.refs.U_h = konst(ctx, n("recurrent_kernel_h"), hh, false);
    }
    if (s.kind == RnnSpec::Kind::Gru) p.refs.one = b.scalar(n("one"), 1.f);
    return p;
}

std::string mask_as_float(LayerContext& ctx, const std::string& mask, const std::string& name) {
    ir::AttrMap a;
    a["SrcT"] = ir::DType::Bool;
    a["DstT"] = ir::DType::Float32;
    a["Truncate"] = false;
    return ctx.b.add(name, "Cast", {mask}, std::move(a), false);
}

std::string mask_blend(LayerContext& ctx, const std::string& m, const std::string& x, const std::string& prev,
                       const std::string& prefix) {
    Builder& b = ctx.b;
    std::string kept = b.binary(ctx.node(prefix + "/new"), "Mul", x, m);
    if (prev.empty()) return kept;
    std::string inv = b.binary(ctx.node(prefix + "/not_mask"), "Sub", b.scalar(ctx.node(prefix + "/one"), 1.f), m);
    return b.binary(ctx.node(prefix), "AddV2", kept, b.binary(ctx.node(prefix + "/old"), "Mul", prev, inv));
}

Expected<std::vector<KTensor>> unroll_rnn(LayerContext& ctx, const KTensor& x, const RnnSpec& s,
                                          const std::vector<KerasWeight>& ws, const std::string& tag,
                                          const std::vector<KTensor>& initial) {
    if (x.rank() != 3) return ctx.fail("recurrent input must be [batch, time, features], got " + x.shape.to_string());
    auto p = project_rnn_inputs(ctx, x, s, ws, tag);
    if (!p) return p.error();
    const int64_t T = x.dim(1), U = s.units, G = s.gates();
    if (T < 0) return loop_rnn(ctx, x, s, *p, tag, initial);
    if (T == 0) return ctx.fail("recurrent input has an empty time dimension");
    Builder& b = ctx.b;
    std::string xw = b.reshape(ctx.node(rnn_suffix(tag, "restore_time")), p->xw_flat, {-1, T, G * U});
    CellState st{initial.size() > 0 ? initial[0].ref : std::string(), initial.size() > 1 ? initial[1].ref : std::string()};
    const std::string maskf = x.mask.empty() ? std::string() : mask_as_float(ctx, x.mask, ctx.node(rnn_suffix(tag, "mask")));
    // Keras' previous output starts at zeros, the state at initial_state: apart only then.
    const bool own_output = !maskf.empty() && !initial.empty();
    std::string prev_out;
    std::vector<std::string> outputs;
    for (int64_t step = 0; step < T; ++step) {
        const int64_t t = s.go_backwards ? T - 1 - step : step;
        const std::string prefix = rnn_suffix(tag, "step_" + std::to_string(step));
        std::string xt = b.slice_axis(ctx.node(prefix + "/x"), xw, 3, 1, t, t + 1, true);
        auto next = rnn_cell_step(ctx, s, p->refs, xt, st, prefix);
        if (!next) return next.error();
        std::string out = next->h;
        if (!maskf.empty()) {
            std::string m = b.slice_axis(ctx.node(prefix + "/mask"), maskf, 2, 1, t, t + 1, false);
            const std::string fresh = next->h;
            next->h = mask_blend(ctx, m, fresh, st.h, prefix + "/masked_h");
            if (!next->c.empty()) next->c = mask_blend(ctx, m, next->c, st.c, prefix + "/masked_c");
            out = s.zero_output_for_mask ? mask_blend(ctx, m, fresh, {}, prefix + "/masked_output")
                  : own_output           ? mask_blend(ctx, m, fresh, prev_out, prefix + "/masked_output")
                                         : next->h;
            prev_out = out;
        }
        st = *next;
        outputs.push_back(out);
    }
    std::vector<KTensor> result;
    const std::string last = outputs.back();
    if (s.time_ordered_output) std::reverse(outputs.begin(), outputs.end());
    if (s.return_sequences) result.push_back({b.pack(ctx.node(rnn_suffix(tag, "sequence")), outputs, 1), ir::Shape{x.dim(0), T, U}});
    else result.push_back({last, ir::Shape{x.dim(0), U}});
    if (s.return_state) {
        result.push_back({st.h, ir::Shape{x.dim(0), U}});
        if (s.kind == RnnSpec::Kind::Lstm) result.push_back({st.c, ir::Shape{x.dim(0), U}});
    }
    return result;
}

namespace {

Outs recurrent(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.empty()) return ctx.fail("expects an input");
    auto s = rnn_spec(ctx, ctx.class_name, ctx.cfg);
    if (!s) return s.error();
    std::vector<KTensor> initial(in.begin() + 1, in.end());
    auto out = run_rnn(ctx, in[0], *s, ctx.weights, "", initial);
    if (out && s->return_sequences) out->front().mask = in[0].mask;  // Keras RNN.compute_mask
    return out;
}

}  // namespace

void register_recurrent_layers(LayerTable& t) {
    for (const char* n : {"SimpleRNN", "LSTM", "GRU", "CuDNNLSTM", "CuDNNGRU"}) t.emplace_back(n, recurrent);
}

}  // namespace wb::formats::keras
