// SPDX-License-Identifier: Apache-2.0
// RNN configs and weights: Keras 2 fused (kernel, recurrent_kernel, bias) and Keras 1 per-gate
// (W_i, U_i, b_i, ...) forms, both turned into fused matrices in Keras 2 gate order.
#include "formats/keras_h5/layers/recurrent.h"

namespace wb::formats::keras {

Expected<RnnSpec> rnn_spec(LayerContext& ctx, const std::string& cls, const nlohmann::json& cfg) {
    RnnSpec s;
    if (cls == "SimpleRNN") s.kind = RnnSpec::Kind::Simple;
    else if (cls == "LSTM" || cls == "CuDNNLSTM") s.kind = RnnSpec::Kind::Lstm;
    else if (cls == "GRU" || cls == "CuDNNGRU") s.kind = RnnSpec::Kind::Gru;
    else return ctx.fail("'" + cls + "' is not a recurrent layer we can unroll");
    auto get = [&](const char* k) -> const nlohmann::json* {
        auto it = cfg.find(k);
        return it == cfg.end() || it->is_null() ? nullptr : &*it;
    };
    auto str = [&](const char* k, const char* k1, const std::string& d) {
        const auto* j = get(k);
        if (!j) j = get(k1);
        if (j && j->is_string()) return j->get<std::string>();
        if (j && j->is_object() && j->contains("config")) return (*j)["config"].value("name", d);
        return d;
    };
    const auto* u = get("units");
    if (!u) u = get("output_dim");
    if (!u || !u->is_number_integer() || u->get<int64_t>() <= 0) return ctx.fail("recurrent layer without positive 'units'");
    s.units = u->get<int64_t>();
    s.activation = str("activation", "activation", "tanh");
    s.recurrent_activation = str("recurrent_activation", "inner_activation", "hard_sigmoid");
    if (cls.rfind("CuDNN", 0) == 0) s.recurrent_activation = "sigmoid";
    auto flag = [&](const char* k, bool d) { const auto* j = get(k); return j && j->is_boolean() ? j->get<bool>() : d; };
    s.reset_after = flag("reset_after", cls == "CuDNNGRU");
    s.return_sequences = flag("return_sequences", false);
    s.return_state = flag("return_state", false);
    s.go_backwards = flag("go_backwards", false);
    s.stateful = flag("stateful", false);
    return s;
}

}  // namespace wb::formats::keras

namespace wb::formats::keras {
namespace {

// Concatenates same-row-count tensors along their last axis (1-D or 2-D).
ir::Tensor concat_last(const std::vector<const ir::Tensor*>& parts) {
    int64_t rows = parts[0]->shape().rank() == 2 ? parts[0]->shape().dims[0] : 1;
    int64_t cols = 0;
    for (auto* p : parts) cols += p->num_elements() / rows;
    ir::Shape shape = parts[0]->shape().rank() == 2 ? ir::Shape{rows, cols} : ir::Shape{cols};
    ir::Tensor out(ir::DType::Float32, shape);
    int64_t off = 0;
    for (auto* p : parts) {
        int64_t c = p->num_elements() / rows;
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t j = 0; j < c; ++j) out.data<float>()[r * cols + off + j] = p->data<float>()[r * c + j];
        off += c;
    }
    return out;
}

int find(const std::vector<KerasWeight>& ws, const std::string& suffix) {
    for (size_t i = 0; i < ws.size(); ++i) {
        const auto& n = ws[i].name;
        if (n.size() >= suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0) return int(i);
    }
    return -1;
}

}  // namespace

Expected<RnnWeights> fuse_rnn_weights(LayerContext& ctx, const RnnSpec& spec, const std::vector<KerasWeight>& ws) {
    RnnWeights w;
    const int64_t gu = spec.gates() * spec.units;
    if (find(ws, "_W_i") >= 0 || find(ws, "_W_z") >= 0) {
        // Keras 1 per-gate weights: LSTM stored i, c, f, o; GRU z, r, h.
        std::vector<std::string> gates = spec.kind == RnnSpec::Kind::Lstm ? std::vector<std::string>{"i", "f", "c", "o"}
                                                                           : std::vector<std::string>{"z", "r", "h"};
        std::vector<const ir::Tensor*> W, U, b;
        for (const auto& g : gates) {
            int wi = find(ws, "_W_" + g), ui = find(ws, "_U_" + g), bi = find(ws, "_b_" + g);
            if (wi < 0 || ui < 0 || bi < 0) return ctx.fail("Keras 1 recurrent weights for gate '" + g + "' are missing");
            W.push_back(&ws[size_t(wi)].value);
            U.push_back(&ws[size_t(ui)].value);
            b.push_back(&ws[size_t(bi)].value);
        }
        w.W = concat_last(W);
        w.U = concat_last(U);
        w.b = concat_last(b);
    } else {
        if (ws.size() < 2) return ctx.fail("recurrent layer has " + std::to_string(ws.size()) + " weights, expected 2 or 3");
        w.W = ws[0].value;
        w.U = ws[1].value;
        if (ws.size() >= 3) {
            const ir::Tensor& b = ws[2].value;
            if (b.shape().rank() == 2 && b.shape().dims[0] == 2) {  // GRU reset_after: [input; recurrent]
                w.b = ir::Tensor::from_bytes(ir::DType::Float32, ir::Shape{gu}, b.bytes().subspan(0, size_t(gu) * 4));
                w.b_rec = ir::Tensor::from_bytes(ir::DType::Float32, ir::Shape{gu}, b.bytes().subspan(size_t(gu) * 4, size_t(gu) * 4));
            } else if (b.num_elements() == 2 * gu) {  // CuDNN layouts store input and recurrent biases flat
                w.b = ir::Tensor::from_bytes(ir::DType::Float32, ir::Shape{gu}, b.bytes().subspan(0, size_t(gu) * 4));
                w.b_rec = ir::Tensor::from_bytes(ir::DType::Float32, ir::Shape{gu}, b.bytes().subspan(size_t(gu) * 4, size_t(gu) * 4));
                if (spec.kind == RnnSpec::Kind::Lstm) {  // CuDNN LSTM adds both biases: fold them
                    for (int64_t i = 0; i < gu; ++i) w.b.data<float>()[i] += w.b_rec.data<float>()[i];
                    w.b_rec = {};
                }
            } else {
                w.b = b;
            }
        }
    }
    if (w.W.shape().rank() != 2 || w.W.shape().dims[1] != gu) return ctx.fail("kernel has shape " + w.W.shape().to_string() + ", expected [features, " + std::to_string(gu) + "]");
    if (w.U.shape() != ir::Shape{spec.units, gu}) return ctx.fail("recurrent kernel has shape " + w.U.shape().to_string());
    if (w.b.valid() && w.b.num_elements() != gu) return ctx.fail("bias has " + std::to_string(w.b.num_elements()) + " elements, expected " + std::to_string(gu));
    if (spec.kind == RnnSpec::Kind::Gru && spec.reset_after && !w.b_rec.valid()) w.b_rec = ir::Tensor(ir::DType::Float32, ir::Shape{gu});
    return w;
}

}  // namespace wb::formats::keras
