// SPDX-License-Identifier: Apache-2.0
// Max/Average pooling 1D/2D/3D and global pooling, as MaxPool/AvgPool(3D) and Mean/Max.
#include "formats/keras_h5/layers/conv_common.h"

namespace wb::formats::keras {
namespace {

using Outs = Expected<std::vector<KTensor>>;

Outs pool(LayerContext& ctx, const std::vector<KTensor>& in, int spatial, bool max) {
    if (in.size() != 1 || in[0].rank() != spatial + 2) return ctx.fail("expects one rank-" + std::to_string(spatial + 2) + " input");
    size_t n = size_t(spatial);
    auto size = ctx.get_ints("pool_size", n, 2);
    if (!size) return size.error();
    std::vector<int64_t> k = *size;
    if (spatial == 1 && ctx.cfg.contains("pool_length")) k = {ctx.get_int("pool_length", 2)};
    auto st = ctx.get_ints("strides", n, -1);
    if (!st) return st.error();
    std::vector<int64_t> s = *st;
    if (spatial == 1 && ctx.cfg.contains("stride")) s = {ctx.get_int("stride", -1)};
    for (size_t i = 0; i < n; ++i) {
        if (s[i] < 0) s[i] = k[i];  // Keras: strides default to pool_size
        if (k[i] <= 0 || s[i] <= 0) return ctx.fail("pool size and strides must be positive");
    }
    std::string padding = ctx.get_string("padding", ctx.get_string("border_mode", "valid"));
    bool cf = ctx.channels_first();
    KTensor x = to_channels_last(ctx, in[0], cf);
    if (spatial == 1) {
        x = expand_1d(ctx, x);
        k.insert(k.begin(), 1);
        s.insert(s.begin(), 1);
    }
    int sp = spatial == 1 ? 2 : spatial;
    std::vector<int64_t> out{x.dim(0)};
    for (int i = 0; i < sp; ++i) out.push_back(conv_out_len(x.shape.dims[size_t(i + 1)], k[size_t(i)], s[size_t(i)], 1, padding));
    out.push_back(x.dim(-1));
    ir::AttrMap a;
    ir::AttrList kl, sl;
    kl.i = attr_list(1, k);
    sl.i = attr_list(1, s);
    a["ksize"] = kl;
    a["strides"] = sl;
    a["padding"] = tf_padding(padding);
    a["data_format"] = std::string(sp == 3 ? "NDHWC" : "NHWC");
    std::string op = std::string(max ? "MaxPool" : "AvgPool") + (sp == 3 ? "3D" : "");
    KTensor y{ctx.b.add(ctx.node(op), op, {x.ref}, std::move(a)), ir::Shape(out)};
    if (spatial == 1) y = squeeze_1d(ctx, y);
    return std::vector<KTensor>{from_channels_last(ctx, y, cf)};
}

Outs global_pool(LayerContext& ctx, const std::vector<KTensor>& in, int spatial, bool max) {
    if (in.size() != 1 || in[0].rank() != spatial + 2) return ctx.fail("expects one rank-" + std::to_string(spatial + 2) + " input");
    bool cf = ctx.channels_first();
    bool keep = ctx.get_bool("keepdims", false);
    std::vector<int32_t> axes;
    std::vector<int64_t> out{in[0].dim(0)};
    for (int i = 0; i < spatial; ++i) axes.push_back(cf ? i + 2 : i + 1);
    if (keep) {
        out = in[0].shape.dims;
        for (int32_t a : axes) out[size_t(a)] = 1;
    } else {
        out.push_back(in[0].dim(cf ? 1 : -1));
    }
    std::string y = ctx.b.reduce(ctx.node(max ? "Max" : "Mean"), max ? "Max" : "Mean", in[0].ref, axes, keep);
    return std::vector<KTensor>{{y, ir::Shape(out)}};
}

}  // namespace

void register_pooling_layers(LayerTable& t) {
    for (int sp = 1; sp <= 3; ++sp) {
        std::string d = std::to_string(sp) + "D";
        for (bool max : {true, false}) {
            std::string kind = max ? "Max" : "Average";
            auto p = [sp, max](LayerContext& c, const std::vector<KTensor>& in) { return pool(c, in, sp, max); };
            auto g = [sp, max](LayerContext& c, const std::vector<KTensor>& in) { return global_pool(c, in, sp, max); };
            t.emplace_back(kind + "Pooling" + d, p);
            t.emplace_back(std::string(max ? "MaxPool" : "AvgPool") + d, p);
            t.emplace_back("Global" + kind + "Pooling" + d, g);
            t.emplace_back(std::string("Global") + (max ? "MaxPool" : "AvgPool") + d, g);
        }
    }
}

}  // namespace wb::formats::keras
