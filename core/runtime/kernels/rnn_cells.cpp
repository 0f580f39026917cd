// SPDX-License-Identifier: Apache-2.0
// TF1 contrib.rnn fused cells (lstm_ops.cc, gru_ops.cc), float32/float64:
//  - LSTMBlockCell(x, cs_prev, h_prev, w, wci, wcf, wco, b) → i, cs, f, o, ci, co, h with the
//    gates laid out [i, ci, f, o] in w's columns, forget_bias added to f, optional peepholes,
//    cs clipped to ±cell_clip when cell_clip > 0 (the attribute defaults to 3).
//  - BlockLSTM(seq_len_max, x[T,B,I], cs_prev, h_prev, w, ...) runs the cell over time; steps
//    at or past seq_len_max are zero.
//  - GRUBlockCell(x, h_prev, w_ru, w_c, b_ru, b_c) → r, u, c, h = u·h_prev + (1-u)·c.
#include <cmath>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

template <class T> T sigmoid(T x) { return T(1) / (T(1) + std::exp(-x)); }

// out[b, :] = [a1[b, :], a2[b, :]] · w + bias, w of shape [n1 + n2, cols].
template <class T>
void affine(const T* a1, int64_t n1, const T* a2, int64_t n2, const T* w, const T* bias, int64_t batch, int64_t cols, T* out) {
    for (int64_t b = 0; b < batch; ++b)
        for (int64_t c = 0; c < cols; ++c) {
            T s = bias[c];
            for (int64_t k = 0; k < n1; ++k) s += a1[b * n1 + k] * w[k * cols + c];
            for (int64_t k = 0; k < n2; ++k) s += a2[b * n2 + k] * w[(n1 + k) * cols + c];
            out[b * cols + c] = s;
        }
}

struct LstmAttrs {
    double forget_bias, cell_clip;
    bool peephole;
};

// One LSTM step; outs = i, cs, f, o, ci, co, h (each batch x hidden).
template <class T>
void lstm_step(const T* x, const T* cs_prev, const T* h_prev, const T* w, const T* wci, const T* wcf, const T* wco, const T* b,
               int64_t batch, int64_t in, int64_t hidden, const LstmAttrs& a, T* const outs[7]) {
    std::vector<T> icfo(static_cast<std::size_t>(batch * 4 * hidden));
    affine(x, in, h_prev, hidden, w, b, batch, 4 * hidden, icfo.data());
    for (int64_t n = 0; n < batch; ++n)
        for (int64_t j = 0; j < hidden; ++j) {
            const T* g = icfo.data() + n * 4 * hidden;
            const int64_t e = n * hidden + j;
            const T c_prev = cs_prev[e];
            const T i = sigmoid(g[j] + (a.peephole ? wci[j] * c_prev : T(0)));
            const T ci = std::tanh(g[hidden + j]);
            const T f = sigmoid(g[2 * hidden + j] + static_cast<T>(a.forget_bias) + (a.peephole ? wcf[j] * c_prev : T(0)));
            T cs = ci * i + c_prev * f;
            if (a.cell_clip > 0) cs = std::min(std::max(cs, static_cast<T>(-a.cell_clip)), static_cast<T>(a.cell_clip));
            const T o = sigmoid(g[3 * hidden + j] + (a.peephole ? wco[j] * cs : T(0)));
            const T co = std::tanh(cs);
            const T values[7] = {i, cs, f, o, ci, co, co * o};
            for (int k = 0; k < 7; ++k) outs[k][e] = values[k];
        }
}

template <class T>
Status rnn_typed(KernelContext& ctx) {
    const std::string& op = ctx.node().op;
    auto in = [&](int i) { return ctx.input(i).data<T>(); };
    const ir::DType t = ctx.input(op == "BlockLSTM" ? 1 : 0).dtype();
    if (op == "GRUBlockCell") {
        const auto& xs = ctx.input(0).shape().dims;
        const int64_t batch = xs.at(0), input = xs.at(1), hidden = ctx.input(1).shape().dims.at(1);
        if (ctx.input(2).num_elements() != (input + hidden) * 2 * hidden) return ku::fail(ctx, "w_ru must be [input + hidden, 2 * hidden]");
        if (ctx.input(3).num_elements() != (input + hidden) * hidden) return ku::fail(ctx, "w_c must be [input + hidden, hidden]");
        ir::Tensor* o[4];
        for (int k = 0; k < 4; ++k) o[k] = &ctx.allocate_output(k, t, ir::Shape{batch, hidden});
        std::vector<T> ru(static_cast<std::size_t>(batch * 2 * hidden)), hr(static_cast<std::size_t>(batch * hidden));
        affine(in(0), input, in(1), hidden, in(2), in(4), batch, 2 * hidden, ru.data());
        for (int64_t n = 0; n < batch; ++n)
            for (int64_t j = 0; j < hidden; ++j) {
                const T r = sigmoid(ru[n * 2 * hidden + j]), u = sigmoid(ru[n * 2 * hidden + hidden + j]);
                o[0]->data<T>()[n * hidden + j] = r;
                o[1]->data<T>()[n * hidden + j] = u;
                hr[n * hidden + j] = r * in(1)[n * hidden + j];
            }
        affine(in(0), input, hr.data(), hidden, in(3), in(5), batch, hidden, o[2]->data<T>());
        for (int64_t e = 0; e < batch * hidden; ++e) {
            T& c = o[2]->data<T>()[e];
            c = std::tanh(c);
            const T u = o[1]->data<T>()[e];
            o[3]->data<T>()[e] = u * in(1)[e] + (T(1) - u) * c;
        }
        return Ok{};
    }
    const LstmAttrs a{ir::attr_float(ctx.node().attrs, "forget_bias", 1.f), ir::attr_float(ctx.node().attrs, "cell_clip", 3.f),
                      ir::attr_bool(ctx.node().attrs, "use_peephole")};
    const int first = op == "BlockLSTM" ? 1 : 0;  // x, cs_prev, h_prev, w, wci, wcf, wco, b follow
    const auto& xs = ctx.input(first).shape().dims;
    const bool seq = op == "BlockLSTM";
    if (xs.size() != (seq ? 3u : 2u)) return ku::fail(ctx, seq ? "x must be [time, batch, input]" : "x must be [batch, input]");
    const int64_t steps = seq ? xs[0] : 1, batch = xs[seq ? 1 : 0], input = xs.back();
    const int64_t hidden = ctx.input(first + 1).shape().dims.back();
    if (ctx.input(first + 3).num_elements() != (input + hidden) * 4 * hidden) return ku::fail(ctx, "w must be [input + hidden, 4 * hidden]");
    const int64_t limit = seq ? std::min<int64_t>(steps, ku::ints(ctx.input(0)).at(0)) : 1;
    ir::Tensor* o[7];
    for (int k = 0; k < 7; ++k) o[k] = &ctx.allocate_output(k, t, seq ? ir::Shape{steps, batch, hidden} : ir::Shape{batch, hidden});
    for (int k = 0; k < 7; ++k) std::fill_n(o[k]->data<T>(), o[k]->num_elements(), T(0));
    const T* cs_prev = in(first + 1);
    const T* h_prev = in(first + 2);
    for (int64_t s = 0; s < limit; ++s) {
        const int64_t step = s * batch * hidden;
        T* outs[7];
        for (int k = 0; k < 7; ++k) outs[k] = o[k]->data<T>() + step;
        lstm_step(in(first) + s * batch * input, cs_prev, h_prev, in(first + 3), in(first + 4), in(first + 5), in(first + 6),
                  in(first + 7), batch, input, hidden, a, outs);
        cs_prev = outs[1];
        h_prev = outs[6];
    }
    return Ok{};
}

Status rnn(KernelContext& ctx) {
    const ir::DType t = ctx.input(ctx.node().op == "BlockLSTM" ? 1 : 0).dtype();
    for (int i = ctx.node().op == "BlockLSTM" ? 1 : 0; i < ctx.num_inputs(); ++i)
        if (ctx.input(i).dtype() != t) return ku::fail(ctx, "inputs differ in dtype");
    if (t == ir::DType::Float32) return rnn_typed<float>(ctx);
    if (t == ir::DType::Float64) return rnn_typed<double>(ctx);
    return ku::fail(ctx, "needs float32 or float64, got " + std::string(ir::dtype_name(t)));
}

}  // namespace

void register_rnn_cell_kernels(KernelRegistry& r) {
    for (const char* op : {"LSTMBlockCell", "BlockLSTM", "GRUBlockCell"}) r.add(op, simple_kernel(rnn));
}

}  // namespace wb::runtime
