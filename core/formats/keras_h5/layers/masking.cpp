// SPDX-License-Identifier: Apache-2.0
// Keras masks. Masking(mask_value) and Embedding(mask_zero=True) attach a bool [batch, time]
// mask to their output; layers with supports_masking pass it on unchanged, merge layers AND
// their inputs' masks, recurrent layers (and Bidirectional) skip the masked steps and pass the
// mask on when they return sequences (recurrent_layers.cpp). A layer without mask support
// drops it, as Keras 2.4+ does (Layer.compute_mask returns None); its result never depended
// on it. Layers that would use a mask we do not apply are refused by name.
#include <set>

#include "formats/keras_h5/layers/layer_context.h"

namespace wb::formats::keras {
namespace {

using Outs = Expected<std::vector<KTensor>>;

// mask = any(x != mask_value, axis=-1); out = x * mask[..., None] (reduced once, expanded back).
Outs masking(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1) return ctx.fail("expects one input");
    const KTensor& x = in[0];
    if (x.rank() < 3) return ctx.fail("expects a [batch, time, ...] input, got " + x.shape.to_string());
    Builder& b = ctx.b;
    const float value = float(ctx.get_float("mask_value", 0.0));
    std::string ne = b.binary(ctx.node("NotEqual"), "NotEqual", x.ref, b.scalar(ctx.node("mask_value"), value));
    const std::vector<int32_t> features{x.rank() - 1};  // Keras reduces the last axis only
    std::string mask = b.reduce(ctx.node("mask"), "Any", ne, features, false);
    b.model().graph.find(mask)->attrs.erase("T");  // Any has no T attr
    ir::AttrMap expand;
    expand["T"] = ir::DType::Bool;
    expand["Tdim"] = ir::DType::Int32;
    std::string last = b.constant(ctx.node("Any/dim"), ir::Tensor::scalar<int32_t>(ir::DType::Int32, -1));
    std::string keep = b.add(ctx.node("Any"), "ExpandDims", {mask, last}, std::move(expand), false);
    ir::AttrMap cast;
    cast["SrcT"] = ir::DType::Bool;
    cast["DstT"] = ir::DType::Float32;
    cast["Truncate"] = false;
    std::string keepf = b.add(ctx.node("Cast"), "Cast", {keep}, std::move(cast), false);
    std::string y = b.binary(ctx.node("mul"), "Mul", x.ref, keepf);
    return std::vector<KTensor>{{y, x.shape, mask}};
}

const std::set<std::string>& passes_mask_on() {
    static const std::set<std::string> s = {
        "InputLayer", "Dropout", "SpatialDropout1D", "AlphaDropout", "GaussianNoise", "GaussianDropout",
        "ActivityRegularization", "Activation", "Dense", "ReLU", "LeakyReLU", "PReLU", "ELU", "ThresholdedReLU",
        "Softmax", "BatchNormalization", "LayerNormalization"};
    return s;
}

const std::set<std::string>& handle_mask_themselves() {
    static const std::set<std::string> s = {"SimpleRNN", "LSTM", "GRU", "CuDNNLSTM", "CuDNNGRU", "Bidirectional",
                                            "Masking", "Embedding"};
    return s;
}

// Layers whose Keras call uses the mask to compute its result.
const std::set<std::string>& would_use_mask() {
    static const std::set<std::string> s = {"GlobalAveragePooling1D", "GlobalMaxPooling1D", "Attention",
                                            "AdditiveAttention", "MultiHeadAttention", "TimeDistributed", "Dot",
                                            "ConvLSTM2D", "ConvLSTM1D", "ConvLSTM3D", "RNN", "Merge"};
    return s;
}

}  // namespace

Status propagate_masks(LayerContext& ctx, const std::vector<KTensor>& in, std::vector<KTensor>& out) {
    std::vector<std::string> masks;
    for (const auto& t : in)
        if (!t.mask.empty()) masks.push_back(t.mask);
    if (masks.empty() || handle_mask_themselves().count(ctx.class_name)) return Ok{};
    const std::string& cls = ctx.class_name;
    if (would_use_mask().count(cls))
        return ctx.fail("receives a Keras mask (from Masking or Embedding(mask_zero=True)) and would use it; a masked " +
                        cls + " is not supported");
    static const std::set<std::string> merges = {"Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum",
                                                 "Concatenate"};
    if (merges.count(cls)) {
        if (cls == "Concatenate") {
            const int64_t axis = ctx.get_int("axis", -1);
            if (in.empty() || !(axis == -1 || axis == in[0].rank() - 1))
                return ctx.fail("a masked Concatenate is supported along the feature axis only, got axis " +
                                std::to_string(axis));
        }
        // Keras _Merge.compute_mask: all of the masks (an input without one counts as all-true).
        std::string all = masks[0];
        for (size_t i = 1; i < masks.size(); ++i)
            all = ctx.b.add(ctx.node("mask_and"), "LogicalAnd", {all, masks[i]}, {}, false);
        if (!out.empty()) out[0].mask = all;
        return Ok{};
    }
    if (passes_mask_on().count(cls)) {
        for (size_t k = 0; k < out.size() && k < in.size(); ++k)
            if (out[k].mask.empty()) out[k].mask = in[k].mask;
        return Ok{};
    }
    for (auto& o : out) o.mask.clear();  // no mask support: Keras drops it
    return Ok{};
}

void register_masking_layers(LayerTable& t) { t.emplace_back("Masking", masking); }

}  // namespace wb::formats::keras
