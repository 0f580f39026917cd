// SPDX-License-Identifier: Apache-2.0
// Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot and Keras 1 Merge.
#include "formats/keras_h5/layers/layer_context.h"

namespace wb::formats::keras {
namespace {

using Outs = Expected<std::vector<KTensor>>;

ir::Shape merged_shape(const std::vector<KTensor>& in) {
    ir::Shape s = in[0].shape;
    for (const auto& t : in)
        for (size_t i = 0; i < s.dims.size() && i < t.shape.dims.size(); ++i)
            if (s.dims[i] < 0 || s.dims[i] == 1) s.dims[i] = t.shape.dims[i];
    return s;
}

Outs elementwise(LayerContext& ctx, const std::vector<KTensor>& in, const std::string& op, bool average) {
    if (in.size() < 2) return ctx.fail("a merge layer needs at least two inputs");
    std::string y = in[0].ref;
    for (size_t i = 1; i < in.size(); ++i) y = ctx.b.binary(ctx.node(op + (i > 1 ? "_" + std::to_string(i - 1) : "")), op, y, in[i].ref);
    if (average) y = ctx.b.binary(ctx.node("mean"), "Mul", y, ctx.b.scalar(ctx.node("inv_n"), 1.f / float(in.size())));
    return std::vector<KTensor>{{y, merged_shape(in)}};
}

Outs subtract(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 2) return ctx.fail("Subtract needs exactly two inputs");
    return std::vector<KTensor>{{ctx.b.binary(ctx.node("Sub"), "Sub", in[0].ref, in[1].ref), merged_shape(in)}};
}

Outs concat_axis(LayerContext& ctx, const std::vector<KTensor>& in, int axis) {
    if (in.empty()) return ctx.fail("Concatenate needs inputs");
    int rank = in[0].rank();
    if (axis < 0) axis += rank;
    if (axis < 0 || axis >= rank) return ctx.fail("concat axis out of range");
    std::vector<std::string> refs;
    ir::Shape s = in[0].shape;
    s.dims[size_t(axis)] = 0;
    for (const auto& t : in) {
        if (t.rank() != rank) return ctx.fail("Concatenate inputs differ in rank");
        refs.push_back(t.ref);
        int64_t d = t.shape.dims[size_t(axis)];
        s.dims[size_t(axis)] = (s.dims[size_t(axis)] < 0 || d < 0) ? -1 : s.dims[size_t(axis)] + d;
    }
    return std::vector<KTensor>{{ctx.b.concat(ctx.node("concat"), refs, axis), s}};
}

Outs concatenate(LayerContext& ctx, const std::vector<KTensor>& in) {
    return concat_axis(ctx, in, int(ctx.get_int("axis", -1)));
}

// Dot of two [batch, n] vectors (the common case): sum(a * b, axis 1, keepdims) → [batch, 1];
// rank-3 inputs use BatchMatMulV2 with the contracted axes moved into place.
Outs dot(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 2) return ctx.fail("Dot needs exactly two inputs");
    auto axes = ctx.get_ints("axes", 2, -1);
    if (!axes) return axes.error();
    int ra = in[0].rank(), rb = in[1].rank();
    int a0 = int((*axes)[0]), a1 = int((*axes)[1]);
    if (a0 < 0) a0 += ra;
    if (a1 < 0) a1 += rb;
    std::string x = in[0].ref, y = in[1].ref;
    if (ctx.get_bool("normalize", false)) {
        for (std::string* t : {&x, &y}) {
            int ax = t == &x ? a0 : a1;
            std::string sq = ctx.b.reduce(ctx.node("sumsq"), "Sum", ctx.b.unary(ctx.node("Square"), "Square", *t), {ax}, true);
            sq = ctx.b.binary(ctx.node("clamp"), "Maximum", sq, ctx.b.scalar(ctx.node("eps"), 1e-12f));
            *t = ctx.b.binary(ctx.node("l2norm"), "Mul", *t, ctx.b.unary(ctx.node("Rsqrt"), "Rsqrt", sq));
        }
    }
    if (ra == 2 && rb == 2 && a0 == 1 && a1 == 1) {
        std::string p = ctx.b.binary(ctx.node("Mul"), "Mul", x, y);
        return std::vector<KTensor>{{ctx.b.reduce(ctx.node("Sum"), "Sum", p, {1}, true), ir::Shape{in[0].dim(0), 1}}};
    }
    if (ra == 3 && rb == 3 && (a0 == 1 || a0 == 2) && (a1 == 1 || a1 == 2)) {
        ir::AttrMap at;
        at["adj_x"] = a0 == 1;
        at["adj_y"] = a1 == 2;
        std::string r = ctx.b.add(ctx.node("BatchMatMulV2"), "BatchMatMulV2", {x, y}, std::move(at));
        int64_t m = in[0].dim(a0 == 1 ? 2 : 1), n = in[1].dim(a1 == 1 ? 2 : 1);
        return std::vector<KTensor>{{r, ir::Shape{in[0].dim(0), m, n}}};
    }
    return ctx.fail("Dot over these axes/ranks is not supported");
}

// Keras 1 Merge(mode=...).
Outs keras1_merge(LayerContext& ctx, const std::vector<KTensor>& in) {
    std::string mode = ctx.get_string("mode", "sum");
    if (mode == "sum") return elementwise(ctx, in, "AddV2", false);
    if (mode == "mul") return elementwise(ctx, in, "Mul", false);
    if (mode == "ave") return elementwise(ctx, in, "AddV2", true);
    if (mode == "max") return elementwise(ctx, in, "Maximum", false);
    if (mode == "concat") return concat_axis(ctx, in, int(ctx.get_int("concat_axis", -1)));
    return ctx.fail("Merge mode '" + mode + "' is not supported");
}

}  // namespace

void register_merge_layers(LayerTable& t) {
    auto ew = [](const char* op, bool avg) {
        return [op, avg](LayerContext& c, const std::vector<KTensor>& in) { return elementwise(c, in, op, avg); };
    };
    t.emplace_back("Add", ew("AddV2", false));
    t.emplace_back("Multiply", ew("Mul", false));
    t.emplace_back("Average", ew("AddV2", true));
    t.emplace_back("Maximum", ew("Maximum", false));
    t.emplace_back("Minimum", ew("Minimum", false));
    t.emplace_back("Subtract", subtract);
    t.emplace_back("Concatenate", concatenate);
    t.emplace_back("Dot", dot);
    t.emplace_back("Merge", keras1_merge);
}

}  // namespace wb::formats::keras
