// SPDX-License-Identifier: Apache-2.0
// SimpleRNN, LSTM and GRU unrolled over the static time axis. The input projection of every
// step is one MatMul over [batch*time, features]; each step then adds h @ U and applies the
// gates exactly as Keras' cells do (LSTM i,f,c,o; GRU z,r,h with or without reset_after).
#include <algorithm>

#include "formats/keras_h5/layers/recurrent.h"

namespace wb::formats::keras {
namespace {

using Outs = Expected<std::vector<KTensor>>;

struct Unroller {
    LayerContext& ctx;
    const RnnSpec& s;
    std::string tag;

    std::string n(const std::string& suffix) const { return ctx.node(tag.empty() ? suffix : tag + "/" + suffix); }
    std::string sfx(const std::string& suffix) const { return tag.empty() ? suffix : tag + "/" + suffix; }

    std::string konst(const std::string& suffix, const ir::Tensor& t, bool is_weight = true) {
        std::string name = n(suffix);
        if (ctx.b.model().graph.find(name)) return name;  // shared layer: reuse
        return is_weight ? ctx.b.weight(name, t, ctx.layer_name) : ctx.b.constant(name, t);
    }
    Expected<std::string> act(const std::string& x, const std::string& a, const std::string& suffix) {
        return apply_activation(ctx, x, a, sfx(suffix));
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

}  // namespace

Expected<std::vector<KTensor>> unroll_rnn(LayerContext& ctx, const KTensor& x, const RnnSpec& s,
                                          const std::vector<KerasWeight>& ws, const std::string& tag,
                                          const std::vector<KTensor>& initial) {
    if (x.rank() != 3) return ctx.fail("recurrent input must be [batch, time, features], got " + x.shape.to_string());
    const int64_t T = x.dim(1), F = x.dim(2), U = s.units, G = s.gates();
    if (T <= 0) return ctx.fail("recurrent layers are unrolled: the time dimension must be static, got " + x.shape.to_string());
    auto w = fuse_rnn_weights(ctx, s, ws);
    if (!w) return w.error();
    if (F >= 0 && w->W.shape().dims[0] != F) return ctx.fail("kernel expects " + std::to_string(w->W.shape().dims[0]) + " features, input has " + std::to_string(F));
    Unroller u{ctx, s, tag};
    Builder& b = ctx.b;
    std::string W = u.konst("kernel", w->W), Uk = u.konst("recurrent_kernel", w->U);
    std::string xw = b.reshape(u.n("flatten_time"), x.ref, {-1, w->W.shape().dims[0]});
    xw = b.matmul(u.n("input_projection"), xw, W);
    if (w->b.valid()) xw = b.bias_add(u.n("input_bias"), xw, u.konst("bias", w->b));
    xw = b.reshape(u.n("restore_time"), xw, {-1, T, G * U});
    std::string brec = w->b_rec.valid() ? u.konst("recurrent_bias", w->b_rec) : std::string();
    // GRU without reset_after multiplies r*h before U_h: split U into [U_z U_r] and U_h.
    std::string U_zr, U_h;
    if (s.kind == RnnSpec::Kind::Gru && !s.reset_after) {
        ir::Tensor zr(ir::DType::Float32, ir::Shape{U, 2 * U}), hh(ir::DType::Float32, ir::Shape{U, U});
        for (int64_t r = 0; r < U; ++r)
            for (int64_t c = 0; c < 3 * U; ++c) {
                float v = w->U.data<float>()[r * 3 * U + c];
                if (c < 2 * U) zr.data<float>()[r * 2 * U + c] = v;
                else hh.data<float>()[r * U + c - 2 * U] = v;
            }
        U_zr = u.konst("recurrent_kernel_zr", zr, false);
        U_h = u.konst("recurrent_kernel_h", hh, false);
    }
    std::string h = initial.size() > 0 ? initial[0].ref : std::string();
    std::string c = initial.size() > 1 ? initial[1].ref : std::string();
    std::string one = (s.kind == RnnSpec::Kind::Gru) ? b.scalar(u.n("one"), 1.f) : std::string();
    std::vector<std::string> outputs;
    for (int64_t step = 0; step < T; ++step) {
        const int64_t t = s.go_backwards ? T - 1 - step : step;
        const std::string st = "step_" + std::to_string(step);
        std::string xt = b.slice_axis(u.n(st + "/x"), xw, 3, 1, t, t + 1, true);
        if (s.kind == RnnSpec::Kind::Simple) {
            std::string z = h.empty() ? xt : b.binary(u.n(st + "/add"), "AddV2", xt, b.matmul(u.n(st + "/recurrent"), h, Uk));
            auto hn = u.act(z, s.activation, st + "/h");
            if (!hn) return hn.error();
            h = *hn;
        } else if (s.kind == RnnSpec::Kind::Lstm) {
            std::string z = h.empty() ? xt : b.binary(u.n(st + "/add"), "AddV2", xt, b.matmul(u.n(st + "/recurrent"), h, Uk));
            auto g = u.split(z, 4, st + "/gates");
            auto i = u.act(g[0], s.recurrent_activation, st + "/i");
            auto f = u.act(g[1], s.recurrent_activation, st + "/f");
            auto cc = u.act(g[2], s.activation, st + "/c_candidate");
            auto o = u.act(g[3], s.recurrent_activation, st + "/o");
            for (auto* e : {&i, &f, &cc, &o}) if (!*e) return e->error();
            std::string ic = b.binary(u.n(st + "/i_c"), "Mul", *i, *cc);
            c = c.empty() ? ic : b.binary(u.n(st + "/c"), "AddV2", b.binary(u.n(st + "/f_c"), "Mul", *f, c), ic);
            auto ac = u.act(c, s.activation, st + "/c_act");
            if (!ac) return ac.error();
            h = b.binary(u.n(st + "/h"), "Mul", *o, *ac);
        } else {
            auto xg = u.split(xt, 3, st + "/x_gates");
            std::string rz, rr, rh;  // recurrent contributions (empty = zero)
            if (s.reset_after) {
                std::string inner = h.empty() ? brec : b.bias_add(u.n(st + "/recurrent_bias"), b.matmul(u.n(st + "/recurrent"), h, Uk), brec);
                if (h.empty()) {
                    // h = 0: the recurrent term is the bias alone, broadcast over the batch.
                    auto rg = u.split(b.reshape(u.n(st + "/bias_row"), brec, {1, 3 * U}), 3, st + "/r_gates");
                    rz = rg[0]; rr = rg[1]; rh = rg[2];
                } else {
                    auto rg = u.split(inner, 3, st + "/r_gates");
                    rz = rg[0]; rr = rg[1]; rh = rg[2];
                }
            } else if (!h.empty()) {
                auto rg = u.split(b.matmul(u.n(st + "/recurrent_zr"), h, U_zr), 2, st + "/r_gates");
                rz = rg[0]; rr = rg[1];
            }
            auto add = [&](const std::string& a, const std::string& r, const std::string& nm) {
                return r.empty() ? a : b.binary(u.n(st + "/" + nm), "AddV2", a, r);
            };
            auto z = u.act(add(xg[0], rz, "z_in"), s.recurrent_activation, st + "/z");
            auto r = u.act(add(xg[1], rr, "r_in"), s.recurrent_activation, st + "/r");
            if (!z) return z.error();
            if (!r) return r.error();
            std::string hin;
            if (s.reset_after) hin = b.binary(u.n(st + "/h_in"), "AddV2", xg[2], b.binary(u.n(st + "/r_rh"), "Mul", *r, rh));
            else if (!h.empty()) hin = b.binary(u.n(st + "/h_in"), "AddV2", xg[2], b.matmul(u.n(st + "/recurrent_h"), b.binary(u.n(st + "/r_h"), "Mul", *r, h), U_h));
            else hin = xg[2];
            auto hh = u.act(hin, s.activation, st + "/h_candidate");
            if (!hh) return hh.error();
            std::string keep = b.binary(u.n(st + "/one_minus_z"), "Sub", one, *z);
            std::string nh = b.binary(u.n(st + "/new_part"), "Mul", keep, *hh);
            h = h.empty() ? nh : b.binary(u.n(st + "/h"), "AddV2", b.binary(u.n(st + "/old_part"), "Mul", *z, h), nh);
        }
        outputs.push_back(h);
    }
    std::vector<KTensor> result;
    if (s.go_backwards && s.time_ordered_output) std::reverse(outputs.begin(), outputs.end());
    if (s.return_sequences) result.push_back({b.pack(u.n("sequence"), outputs, 1), ir::Shape{x.dim(0), T, U}});
    else result.push_back({h, ir::Shape{x.dim(0), U}});
    if (s.return_state) {
        result.push_back({h, ir::Shape{x.dim(0), U}});
        if (s.kind == RnnSpec::Kind::Lstm) result.push_back({c, ir::Shape{x.dim(0), U}});
    }
    return result;
}

namespace {

Outs recurrent(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.empty()) return ctx.fail("expects an input");
    auto s = rnn_spec(ctx, ctx.class_name, ctx.cfg);
    if (!s) return s.error();
    std::vector<KTensor> initial(in.begin() + 1, in.end());
    return unroll_rnn(ctx, in[0], *s, ctx.weights, "", initial);
}

}  // namespace

void register_recurrent_layers(LayerTable& t) {
    for (const char* n : {"SimpleRNN", "LSTM", "GRU", "CuDNNLSTM", "CuDNNGRU"}) t.emplace_back(n, recurrent);
}

}  // namespace wb::formats::keras
