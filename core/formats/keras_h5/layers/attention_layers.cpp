// SPDX-License-Identifier: Apache-2.0
// Attention (Luong, dot-product or 'concat' scores) and AdditiveAttention (Bahdanau), as Keras'
// dense-attention layers compute them at inference on [query, value] or [query, value, key]
// (key defaults to value), all rank 3 (batch, time, dim):
//   Attention dot:      scores = (query · keyᵀ) [* scale]
//   Attention concat:   scores = concat_score_weight * sum(tanh([scale *] (q[:, :, None] + k[:, None])), -1)
//   AdditiveAttention:  scores = sum([scale *] tanh(q[:, :, None] + k[:, None]), -1)  (scale per dim)
//   causal:             scores -= 1e9 where the value step is after the query step
//   output = softmax(scores, -1) · value      (dropout is the identity at inference)
// Masks and return_attention_scores are refused rather than silently ignored.
#include "formats/keras_h5/layers/layer_context.h"

namespace wb::formats::keras {
namespace {

using Outs = Expected<std::vector<KTensor>>;

// Keras' padding value for float32 scores.
constexpr float kMaskedScore = 1e9f;

// The call's keyword arguments that change the result, or an error for those we do not support.
Expected<bool> causal_from_call(const LayerContext& ctx) {
    bool causal = ctx.get_bool("causal", false);  // Keras <= 2.9 kept it in the config
    if (!ctx.call_kwargs || !ctx.call_kwargs->is_object()) return causal;
    for (const auto& [key, value] : ctx.call_kwargs->items()) {
        if (key == "use_causal_mask") {
            causal = causal || (value.is_boolean() && value.get<bool>());
        } else if (key == "mask" && !value.is_null()) {
            return ctx.fail("call with a 'mask' is not supported (masked attention)");
        } else if (key == "return_attention_scores" && value.is_boolean() && value.get<bool>()) {
            return ctx.fail("return_attention_scores=True is not supported");
        }
    }
    return causal;
}

std::string expand_dims(LayerContext& ctx, const std::string& x, int axis, const std::string& suffix) {
    ir::AttrMap a;
    a["Tdim"] = ir::DType::Int32;
    std::string dim = ctx.b.constant(ctx.node(suffix + "/dim"), ir::Tensor::scalar<int32_t>(ir::DType::Int32, axis));
    return ctx.b.add(ctx.node(suffix), "ExpandDims", {x, dim}, std::move(a));
}

std::string batch_matmul(LayerContext& ctx, const std::string& suffix, const std::string& a, const std::string& b, bool adj_y) {
    ir::AttrMap mm;
    mm["adj_x"] = false;
    mm["adj_y"] = adj_y;
    return ctx.b.add(ctx.node(suffix), "BatchMatMulV2", {a, b}, std::move(mm));
}

// A scalar or per-dim weight by leaf name, checked against the expected element count.
Expected<std::string> score_weight(LayerContext& ctx, const char* leaf, int64_t elements) {
    const int i = ctx.find_weight({leaf});
    if (i < 0) return ctx.fail(std::string("has no '") + leaf + "' weight");
    if (ctx.weights[size_t(i)].value.num_elements() != elements)
        return ctx.fail(std::string("weight '") + ctx.weights[size_t(i)].name + "' has shape " +
                        ctx.weights[size_t(i)].value.shape().to_string() + ", expected " + std::to_string(elements) + " values");
    return ctx.weight(size_t(i), leaf);
}

Outs attention(LayerContext& ctx, const std::vector<KTensor>& in, bool additive) {
    if (in.size() != 2 && in.size() != 3) return ctx.fail("expects [query, value] or [query, value, key], got " + std::to_string(in.size()) + " inputs");
    for (const auto& t : in)
        if (t.rank() != 3) return ctx.fail("inputs must have rank 3 (batch, time, dim), got " + t.shape.to_string());
    const KTensor& query = in[0];
    const KTensor& value = in[1];
    const KTensor& key = in.size() == 3 ? in[2] : in[1];
    auto causal = causal_from_call(ctx);
    if (!causal) return causal.error();
    const std::string mode = additive ? "concat" : ctx.get_string("score_mode", "dot");
    if (mode != "dot" && mode != "concat") return ctx.fail("score_mode '" + mode + "' is not supported (dot or concat)");
    const bool use_scale = ctx.get_bool("use_scale", additive);  // AdditiveAttention defaults to True

    std::string scores;
    if (mode == "dot") {
        scores = batch_matmul(ctx, "scores", query.ref, key.ref, true);
        if (use_scale) {
            auto s = score_weight(ctx, "scale", 1);
            if (!s) return s.error();
            scores = ctx.b.binary(ctx.node("scores/scaled"), "Mul", scores, *s);
        }
    } else {
        const std::string q = expand_dims(ctx, query.ref, 2, "query_expanded");
        const std::string k = expand_dims(ctx, key.ref, 1, "key_expanded");
        std::string sum = ctx.b.binary(ctx.node("scores/add"), "AddV2", q, k);
        Expected<std::string> s = std::string();
        if (use_scale) {
            const int64_t dim = query.dim(2);
            if (additive && dim < 0) return ctx.fail("needs a static query dim for its per-dim scale");
            s = score_weight(ctx, "scale", additive ? dim : 1);
            if (!s) return s.error();
        }
        if (use_scale && !additive) sum = ctx.b.binary(ctx.node("scores/scaled"), "Mul", *s, sum);
        std::string t = ctx.b.unary(ctx.node("scores/tanh"), "Tanh", sum);
        if (use_scale && additive) t = ctx.b.binary(ctx.node("scores/scaled"), "Mul", *s, t);
        scores = ctx.b.reduce(ctx.node("scores/sum"), "Sum", t, {3}, false);
        if (!additive) {
            auto w = score_weight(ctx, "concat_score_weight", 1);
            if (!w) return w.error();
            scores = ctx.b.binary(ctx.node("scores/weighted"), "Mul", *w, scores);
        }
    }
    if (*causal) {
        const int64_t tq = query.dim(1), tv = key.dim(1);
        if (tq < 0 || tv < 0) return ctx.fail("a causal mask needs static query and value lengths, got " + query.shape.to_string() + " and " + key.shape.to_string());
        ir::Tensor mask(ir::DType::Float32, ir::Shape{tq, tv});
        for (int64_t i = 0; i < tq; ++i)
            for (int64_t j = i + 1; j < tv; ++j) mask.data<float>()[i * tv + j] = kMaskedScore;
        scores = ctx.b.binary(ctx.node("scores/causal"), "Sub", scores, ctx.b.constant(ctx.node("causal_mask"), mask));
    }
    const std::string weights = ctx.b.unary(ctx.node("attention_weights"), "Softmax", scores);
    const std::string out = batch_matmul(ctx, "output", weights, value.ref, false);
    return std::vector<KTensor>{{out, ir::Shape{query.dim(0), query.dim(1), value.dim(2)}}};
}

}  // namespace

void register_attention_layers(LayerTable& t) {
    t.emplace_back("Attention", [](LayerContext& c, const std::vector<KTensor>& in) { return attention(c, in, false); });
    t.emplace_back("AdditiveAttention", [](LayerContext& c, const std::vector<KTensor>& in) { return attention(c, in, true); });
}

}  // namespace wb::formats::keras
