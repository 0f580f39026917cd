// SPDX-License-Identifier: Apache-2.0
// BatchNormalization (inference form, folded to one multiply-add) and LayerNormalization.
#include <cmath>

#include "formats/keras_h5/layers/layer_context.h"

namespace wb::formats::keras {
namespace {

using Outs = Expected<std::vector<KTensor>>;

int normalized_axis(LayerContext& ctx, int rank) {
    int axis = -1;
    const auto& j = ctx.cfg.contains("axis") ? ctx.cfg["axis"] : nlohmann::json();
    if (j.is_number_integer()) axis = j.get<int>();
    else if (j.is_array() && j.size() == 1 && j[0].is_number_integer()) axis = j[0].get<int>();
    return axis < 0 ? axis + rank : axis;
}

// y = x * s + o with s = gamma / sqrt(var + eps), o = beta - mean * s (Keras' inference formula,
// folded at load time).
Outs batch_norm(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1) return ctx.fail("expects one input");
    const int rank = in[0].rank();
    const int axis = normalized_axis(ctx, rank);
    if (axis <= 0 || axis >= rank) return ctx.fail("BatchNormalization axis out of range");
    const int gi = ctx.find_weight({"gamma"}), bi = ctx.find_weight({"beta"});
    const int mi = ctx.find_weight({"moving_mean", "running_mean"});
    const int vi = ctx.find_weight({"moving_variance", "running_std"});
    if (mi < 0 || vi < 0) return ctx.fail("moving mean/variance weights are missing");
    auto mean = ctx.weight_tensor(size_t(mi), 1), var = ctx.weight_tensor(size_t(vi), 1);
    if (!mean) return mean.error();
    if (!var) return var.error();
    const int64_t c = mean->num_elements();
    if (var->num_elements() != c || (in[0].dim(axis) >= 0 && in[0].dim(axis) != c))
        return ctx.fail("statistics size does not match the normalised axis");
    const float* g = nullptr;
    const float* be = nullptr;
    if (gi >= 0) {
        auto t = ctx.weight_tensor(size_t(gi), 1);
        if (!t || t->num_elements() != c) return ctx.fail("gamma has the wrong size");
        g = ctx.weights[size_t(gi)].value.data<float>();
    }
    if (bi >= 0) {
        auto t = ctx.weight_tensor(size_t(bi), 1);
        if (!t || t->num_elements() != c) return ctx.fail("beta has the wrong size");
        be = ctx.weights[size_t(bi)].value.data<float>();
    }
    const double eps = ctx.get_float("epsilon", 1e-3);
    std::vector<int64_t> bshape{c};
    for (int i = axis + 1; i < rank; ++i) bshape.push_back(1);
    ir::Tensor scale(ir::DType::Float32, ir::Shape(bshape)), offset(ir::DType::Float32, ir::Shape(bshape));
    for (int64_t i = 0; i < c; ++i) {
        float s = float((g ? g[i] : 1.f) / std::sqrt(double(var->data<float>()[i]) + eps));
        scale.data<float>()[i] = s;
        offset.data<float>()[i] = (be ? be[i] : 0.f) - mean->data<float>()[i] * s;
    }
    std::string sc = ctx.b.model().graph.find(ctx.node("scale")) ? ctx.node("scale") : ctx.b.constant(ctx.node("scale"), scale);
    std::string of = ctx.b.model().graph.find(ctx.node("offset")) ? ctx.node("offset") : ctx.b.constant(ctx.node("offset"), offset);
    std::string y = ctx.b.binary(ctx.node("mul"), "Mul", in[0].ref, sc);
    y = ctx.b.binary(ctx.node("add"), "AddV2", y, of);
    return std::vector<KTensor>{{y, in[0].shape}};
}

// (x - mean) * rsqrt(var + eps) * gamma + beta over the given (trailing) axes.
Outs layer_norm(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1) return ctx.fail("expects one input");
    const int rank = in[0].rank();
    std::vector<int32_t> axes;
    const auto& j = ctx.cfg.contains("axis") ? ctx.cfg["axis"] : nlohmann::json(-1);
    if (j.is_number_integer()) axes.push_back(j.get<int>());
    else if (j.is_array()) for (const auto& a : j) axes.push_back(a.get<int>());
    for (auto& a : axes) {
        if (a < 0) a += rank;
        if (a <= 0 || a >= rank) return ctx.fail("LayerNormalization axis out of range");
    }
    const double eps = ctx.get_float("epsilon", 1e-3);
    Builder& b = ctx.b;
    std::string mean = b.reduce(ctx.node("mean"), "Mean", in[0].ref, axes, true);
    std::string var = b.reduce(ctx.node("variance"), "Mean",
                               b.binary(ctx.node("SquaredDifference"), "SquaredDifference", in[0].ref, mean), axes, true);
    std::string inv = b.unary(ctx.node("Rsqrt"), "Rsqrt", b.binary(ctx.node("var_eps"), "AddV2", var, b.scalar(ctx.node("epsilon"), float(eps))));
    std::string y = b.binary(ctx.node("normalized"), "Mul", b.binary(ctx.node("centered"), "Sub", in[0].ref, mean), inv);
    int gi = ctx.find_weight({"gamma"}), bi = ctx.find_weight({"beta"});
    if (gi >= 0) {
        auto g = ctx.weight(size_t(gi), "gamma");
        if (!g) return g.error();
        y = b.binary(ctx.node("scaled"), "Mul", y, *g);
    }
    if (bi >= 0) {
        auto be = ctx.weight(size_t(bi), "beta");
        if (!be) return be.error();
        y = b.binary(ctx.node("shifted"), "AddV2", y, *be);
    }
    return std::vector<KTensor>{{y, in[0].shape}};
}

}  // namespace

void register_normalization_layers(LayerTable& t) {
    t.emplace_back("BatchNormalization", batch_norm);
    t.emplace_back("LayerNormalization", layer_norm);
}

}  // namespace wb::formats::keras
