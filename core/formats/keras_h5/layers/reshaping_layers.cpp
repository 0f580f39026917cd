// SPDX-License-Identifier: Apache-2.0
// Flatten, Reshape, Permute, RepeatVector, ZeroPadding/Cropping/UpSampling 1D–3D.
#include "formats/keras_h5/layers/conv_common.h"

namespace wb::formats::keras {
namespace {

using Outs = Expected<std::vector<KTensor>>;
using json = nlohmann::json;

Expected<int64_t> static_size(LayerContext& ctx, const KTensor& x, int from) {
    int64_t n = 1;
    for (int i = from; i < x.rank(); ++i) {
        if (x.shape.dims[size_t(i)] < 0) return ctx.fail("needs a static input shape, got " + x.shape.to_string());
        n *= x.shape.dims[size_t(i)];
    }
    return n;
}

Outs flatten(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1) return ctx.fail("expects one input");
    // Keras moves channels last before flattening a channels_first tensor.
    KTensor x = in[0].rank() > 2 ? to_channels_last(ctx, in[0], ctx.get_string("data_format", "") == "channels_first") : in[0];
    auto n = static_size(ctx, x, 1);
    if (!n) return n.error();
    return std::vector<KTensor>{{ctx.b.reshape(ctx.node("Reshape"), x.ref, {-1, *n}), ir::Shape{x.dim(0), *n}}};
}

Outs reshape(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1) return ctx.fail("expects one input");
    const json& ts = ctx.cfg.contains("target_shape") ? ctx.cfg["target_shape"] : ctx.cfg.value("dims", json());
    if (!ts.is_array()) return ctx.fail("config 'target_shape' missing");
    auto total = static_size(ctx, in[0], 1);
    if (!total) return total.error();
    std::vector<int64_t> dims{-1};
    int64_t known = 1;
    int unknown = -1;
    for (const auto& d : ts) {
        int64_t v = d.is_number_integer() ? d.get<int64_t>() : -1;
        if (v < 0) {
            if (unknown >= 0) return ctx.fail("target_shape has more than one unknown dimension");
            unknown = int(dims.size());
        } else {
            known *= v;
        }
        dims.push_back(v);
    }
    if (unknown >= 0) {
        if (known == 0 || *total % known) return ctx.fail("target_shape does not divide the input size");
        dims[size_t(unknown)] = *total / known;
    } else if (known != *total) {
        return ctx.fail("target_shape holds " + std::to_string(known) + " elements, the input " + std::to_string(*total));
    }
    std::string y = ctx.b.reshape(ctx.node("Reshape"), in[0].ref, dims);
    dims[0] = in[0].dim(0);
    return std::vector<KTensor>{{y, ir::Shape(dims)}};
}

Outs permute(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1) return ctx.fail("expects one input");
    const json dj = ctx.cfg.value("dims", json());
    if (!dj.is_array() || int(dj.size()) != in[0].rank() - 1) return ctx.fail("config 'dims' does not match the input rank");
    std::vector<int32_t> perm{0};
    std::vector<int64_t> dims{in[0].dim(0)};
    for (const auto& d : dj) {
        int v = d.is_number_integer() ? d.get<int>() : -1;
        if (v < 1 || v >= in[0].rank()) return ctx.fail("config 'dims' entry out of range");
        perm.push_back(v);
        dims.push_back(in[0].dim(v));
    }
    return std::vector<KTensor>{{ctx.b.transpose(ctx.node("transpose"), in[0].ref, perm), ir::Shape(dims)}};
}

Outs repeat_vector(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1 || in[0].rank() != 2 || in[0].dim(1) < 0) return ctx.fail("expects one [batch, features] input");
    int64_t n = ctx.get_int("n", -1);
    if (n <= 0) return ctx.fail("config 'n' must be positive");
    std::string y = ctx.b.reshape(ctx.node("expand"), in[0].ref, {-1, 1, in[0].dim(1)});
    y = ctx.b.tile(ctx.node("Tile"), y, {1, int32_t(n), 1});
    return std::vector<KTensor>{{y, ir::Shape{in[0].dim(0), n, in[0].dim(1)}}};
}

// Reads padding/cropping as per-spatial-dim (before, after) pairs from int, [a, b] or [[a, b], ...].
Expected<std::vector<std::pair<int64_t, int64_t>>> pairs(LayerContext& ctx, const char* key, int spatial, int64_t dflt) {
    std::vector<std::pair<int64_t, int64_t>> out(size_t(spatial), {dflt, dflt});
    if (!ctx.cfg.contains(key) || ctx.cfg[key].is_null()) return out;
    const json& j = ctx.cfg[key];
    if (j.is_number_integer()) {
        for (auto& p : out) p = {j.get<int64_t>(), j.get<int64_t>()};
        return out;
    }
    if (!j.is_array()) return ctx.fail(std::string("config '") + key + "' has an unknown form");
    if (spatial == 1 && j.size() == 2 && j[0].is_number_integer()) return std::vector<std::pair<int64_t, int64_t>>{{j[0].get<int64_t>(), j[1].get<int64_t>()}};
    if (int(j.size()) != spatial) return ctx.fail(std::string("config '") + key + "' has the wrong length");
    for (int i = 0; i < spatial; ++i) {
        const json& e = j[size_t(i)];
        if (e.is_number_integer()) out[size_t(i)] = {e.get<int64_t>(), e.get<int64_t>()};
        else if (e.is_array() && e.size() == 2 && e[0].is_number_integer() && e[1].is_number_integer())
            out[size_t(i)] = {e[0].get<int64_t>(), e[1].get<int64_t>()};
        else return ctx.fail(std::string("config '") + key + "' has an unknown form");
    }
    return out;
}

Outs zero_padding(LayerContext& ctx, const std::vector<KTensor>& in, int spatial) {
    if (in.size() != 1 || in[0].rank() != spatial + 2) return ctx.fail("unexpected input rank");
    auto p = pairs(ctx, "padding", spatial, 1);
    if (!p) return p.error();
    bool cf = spatial > 1 && ctx.channels_first();
    std::vector<int32_t> flat(size_t(2 * (spatial + 2)), 0);
    std::vector<int64_t> dims = in[0].shape.dims;
    for (int i = 0; i < spatial; ++i) {
        int axis = cf ? i + 2 : i + 1;
        flat[size_t(2 * axis)] = int32_t((*p)[size_t(i)].first);
        flat[size_t(2 * axis + 1)] = int32_t((*p)[size_t(i)].second);
        if (dims[size_t(axis)] >= 0) dims[size_t(axis)] += (*p)[size_t(i)].first + (*p)[size_t(i)].second;
    }
    return std::vector<KTensor>{{ctx.b.pad(ctx.node("Pad"), in[0].ref, flat), ir::Shape(dims)}};
}

Outs cropping(LayerContext& ctx, const std::vector<KTensor>& in, int spatial) {
    if (in.size() != 1 || in[0].rank() != spatial + 2) return ctx.fail("unexpected input rank");
    auto p = pairs(ctx, "cropping", spatial, spatial == 1 ? 1 : 0);
    if (!p) return p.error();
    bool cf = spatial > 1 && ctx.channels_first();
    std::vector<int32_t> begin(size_t(spatial + 2), 0), size(size_t(spatial + 2), -1);
    std::vector<int64_t> dims = in[0].shape.dims;
    for (int i = 0; i < spatial; ++i) {
        int axis = cf ? i + 2 : i + 1;
        int64_t len = dims[size_t(axis)];
        auto [a, b] = (*p)[size_t(i)];
        if (len < 0) return ctx.fail("cropping needs static spatial dims");
        if (a + b >= len) return ctx.fail("cropping removes the whole axis");
        begin[size_t(axis)] = int32_t(a);
        size[size_t(axis)] = int32_t(len - a - b);
        dims[size_t(axis)] = len - a - b;
    }
    ir::AttrMap at;
    at["Index"] = ir::DType::Int32;
    std::string y = ctx.b.add(ctx.node("Slice"), "Slice",
                              {in[0].ref, ctx.b.ints(ctx.node("begin"), begin), ctx.b.ints(ctx.node("size"), size)}, std::move(at));
    return std::vector<KTensor>{{y, ir::Shape(dims)}};
}

// Nearest-neighbour upsampling by integer factors = repeat each element: reshape to put a
// unit axis after every spatial axis, tile it, and fold it back.
Outs upsampling(LayerContext& ctx, const std::vector<KTensor>& in, int spatial) {
    if (in.size() != 1 || in[0].rank() != spatial + 2) return ctx.fail("unexpected input rank");
    auto f = spatial == 1 ? Expected<std::vector<int64_t>>(std::vector<int64_t>{ctx.get_int("size", ctx.get_int("length", 2))})
                          : ctx.get_ints("size", size_t(spatial), 2);
    if (!f) return f.error();
    if (ctx.get_string("interpolation", "nearest") != "nearest") return ctx.fail("only nearest interpolation is supported");
    bool cf = spatial > 1 && ctx.channels_first();
    KTensor x = to_channels_last(ctx, in[0], cf);
    std::vector<int64_t> expanded{-1}, out{-1};
    std::vector<int32_t> mult{1};
    for (int i = 0; i < spatial; ++i) {
        int64_t len = x.dim(i + 1);
        if (len < 0) return ctx.fail("upsampling needs static spatial dims");
        expanded.push_back(len);
        expanded.push_back(1);
        mult.push_back(1);
        mult.push_back(int32_t((*f)[size_t(i)]));
        out.push_back(len * (*f)[size_t(i)]);
    }
    expanded.push_back(x.dim(-1));
    out.push_back(x.dim(-1));
    mult.push_back(1);
    std::string y = ctx.b.reshape(ctx.node("expand"), x.ref, expanded);
    y = ctx.b.tile(ctx.node("Tile"), y, mult);
    y = ctx.b.reshape(ctx.node("fold"), y, out);
    out[0] = x.dim(0);
    return std::vector<KTensor>{from_channels_last(ctx, KTensor{y, ir::Shape(out)}, cf)};
}

}  // namespace

void register_reshaping_layers(LayerTable& t) {
    t.emplace_back("Flatten", flatten);
    t.emplace_back("Reshape", reshape);
    t.emplace_back("Permute", permute);
    t.emplace_back("RepeatVector", repeat_vector);
    for (int sp = 1; sp <= 3; ++sp) {
        std::string d = std::to_string(sp) + "D";
        t.emplace_back("ZeroPadding" + d, [sp](LayerContext& c, const std::vector<KTensor>& in) { return zero_padding(c, in, sp); });
        t.emplace_back("Cropping" + d, [sp](LayerContext& c, const std::vector<KTensor>& in) { return cropping(c, in, sp); });
        t.emplace_back("UpSampling" + d, [sp](LayerContext& c, const std::vector<KTensor>& in) { return upsampling(c, in, sp); });
    }
}

}  // namespace wb::formats::keras
