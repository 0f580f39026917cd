// SPDX-License-Identifier: Apache-2.0
// Advanced activation layers: ReLU, LeakyReLU, PReLU, ELU, ThresholdedReLU, Softmax.
#include "formats/keras_h5/layers/layer_context.h"

namespace wb::formats::keras {
namespace {

using Outs = Expected<std::vector<KTensor>>;

Outs one(const std::string& ref, const KTensor& x) { return std::vector<KTensor>{{ref, x.shape}}; }

// ReLU(max_value, negative_slope, threshold):
//   x >= threshold ? min(x, max_value) : negative_slope * (x - threshold)
Outs relu(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1) return ctx.fail("expects one input");
    Builder& b = ctx.b;
    const std::string x = in[0].ref;
    const double maxv = ctx.get_float("max_value", -1.0);
    const double slope = ctx.get_float("negative_slope", 0.0);
    const double th = ctx.get_float("threshold", 0.0);
    std::string y;
    if (th == 0.0 && slope == 0.0) {
        if (maxv == 6.0) return one(b.unary(ctx.node("Relu6"), "Relu6", x), in[0]);
        y = b.unary(ctx.node("Relu"), "Relu", x);
    } else if (th == 0.0) {
        ir::AttrMap a;
        a["alpha"] = float(slope);
        y = b.add(ctx.node("LeakyRelu"), "LeakyRelu", {x}, std::move(a));
    } else {
        std::string mask = b.add(ctx.node("GreaterEqual"), "GreaterEqual", {x, b.scalar(ctx.node("threshold"), float(th))});
        ir::AttrMap c;
        c["SrcT"] = ir::DType::Bool;
        c["DstT"] = ir::DType::Float32;
        c["Truncate"] = false;
        std::string m = b.add(ctx.node("mask"), "Cast", {mask}, std::move(c), false);
        std::string pos = b.binary(ctx.node("pos"), "Mul", m, x);
        std::string shifted = b.binary(ctx.node("shifted"), "Sub", x, ctx.node("threshold"));
        std::string inv = b.binary(ctx.node("inv_mask"), "Sub", b.scalar(ctx.node("one"), 1.f), m);
        std::string neg = b.binary(ctx.node("neg"), "Mul", inv,
                                   b.binary(ctx.node("neg_scaled"), "Mul", shifted, b.scalar(ctx.node("slope"), float(slope))));
        y = b.binary(ctx.node("combine"), "AddV2", pos, neg);
    }
    if (maxv >= 0.0) y = b.binary(ctx.node("Minimum"), "Minimum", y, b.scalar(ctx.node("max_value"), float(maxv)));
    return one(y, in[0]);
}

Outs leaky_relu(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1) return ctx.fail("expects one input");
    ir::AttrMap a;
    // Keras 2 calls it alpha (default 0.3); Keras 3 negative_slope (same default).
    a["alpha"] = float(ctx.get_float("alpha", ctx.get_float("negative_slope", 0.3)));
    return one(ctx.b.add(ctx.node("LeakyRelu"), "LeakyRelu", {in[0].ref}, std::move(a)), in[0]);
}

// PReLU: relu(x) - alpha * relu(-x), alpha broadcast over the shared axes as stored.
Outs prelu(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1) return ctx.fail("expects one input");
    auto alpha = ctx.weight(0, "alpha");
    if (!alpha) return alpha.error();
    Builder& b = ctx.b;
    std::string pos = b.unary(ctx.node("Relu"), "Relu", in[0].ref);
    std::string neg = b.unary(ctx.node("Relu_neg"), "Relu", b.unary(ctx.node("Neg"), "Neg", in[0].ref));
    std::string scaled = b.binary(ctx.node("mul"), "Mul", *alpha, neg);
    return one(b.binary(ctx.node("sub"), "Sub", pos, scaled), in[0]);
}

// ELU(alpha): x > 0 ? x : alpha (exp(x) - 1) = relu(x) + alpha * elu(min(x, 0)).
Outs elu(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1) return ctx.fail("expects one input");
    const double alpha = ctx.get_float("alpha", 1.0);
    Builder& b = ctx.b;
    if (alpha == 1.0) return one(b.unary(ctx.node("Elu"), "Elu", in[0].ref), in[0]);
    std::string neg = b.unary(ctx.node("Elu"), "Elu", b.binary(ctx.node("Minimum"), "Minimum", in[0].ref, b.scalar(ctx.node("zero"), 0.f)));
    neg = b.binary(ctx.node("scaled"), "Mul", neg, b.scalar(ctx.node("alpha"), float(alpha)));
    return one(b.binary(ctx.node("add"), "AddV2", b.unary(ctx.node("Relu"), "Relu", in[0].ref), neg), in[0]);
}

// ThresholdedReLU(theta): x * (x > theta).
Outs thresholded_relu(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1) return ctx.fail("expects one input");
    Builder& b = ctx.b;
    std::string g = b.add(ctx.node("Greater"), "Greater", {in[0].ref, b.scalar(ctx.node("theta"), float(ctx.get_float("theta", 1.0)))});
    ir::AttrMap c;
    c["SrcT"] = ir::DType::Bool;
    c["DstT"] = ir::DType::Float32;
    c["Truncate"] = false;
    std::string m = b.add(ctx.node("Cast"), "Cast", {g}, std::move(c), false);
    return one(b.binary(ctx.node("mul"), "Mul", in[0].ref, m), in[0]);
}

// Softmax over `axis`: TF's Softmax works on the last axis, so other axes are transposed there.
Outs softmax(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1) return ctx.fail("expects one input");
    int rank = in[0].rank();
    int axis = int(ctx.get_int("axis", -1));
    if (axis < 0) axis += rank;
    if (axis < 0 || axis >= rank) return ctx.fail("softmax axis out of range");
    if (axis == rank - 1) return one(ctx.b.unary(ctx.node("Softmax"), "Softmax", in[0].ref), in[0]);
    std::vector<int32_t> perm;
    for (int i = 0; i < rank; ++i) perm.push_back(i);
    std::swap(perm[size_t(axis)], perm.back());
    std::string t = ctx.b.transpose(ctx.node("to_last"), in[0].ref, perm);
    t = ctx.b.unary(ctx.node("Softmax"), "Softmax", t);
    return one(ctx.b.transpose(ctx.node("from_last"), t, perm), in[0]);
}

}  // namespace

void register_activation_layers(LayerTable& t) {
    t.emplace_back("ReLU", relu);
    t.emplace_back("LeakyReLU", leaky_relu);
    t.emplace_back("PReLU", prelu);
    t.emplace_back("ELU", elu);
    t.emplace_back("ThresholdedReLU", thresholded_relu);
    t.emplace_back("Softmax", softmax);
}

}  // namespace wb::formats::keras
