// SPDX-License-Identifier: Apache-2.0
#include "formats/keras_h5/layers/conv_common.h"

namespace wb::formats::keras {

Expected<ConvParams> conv_params(LayerContext& ctx, int spatial) {
    ConvParams p;
    p.spatial = spatial;
    size_t n = size_t(spatial);
    auto k = ctx.get_ints("kernel_size", n, -1);
    if (!k) return k.error();
    p.kernel = *k;
    if (p.kernel[0] < 0) {  // Keras 1: filter_length / nb_row, nb_col / kernel_dim1..3
        if (spatial == 1) p.kernel = {ctx.get_int("filter_length", -1)};
        else if (spatial == 2) p.kernel = {ctx.get_int("nb_row", -1), ctx.get_int("nb_col", -1)};
        else p.kernel = {ctx.get_int("kernel_dim1", -1), ctx.get_int("kernel_dim2", -1), ctx.get_int("kernel_dim3", -1)};
    }
    auto s = ctx.get_ints("strides", n, -1);
    if (!s) return s.error();
    p.strides = *s;
    if (p.strides[0] < 0) {
        auto sub = spatial == 1 ? Expected<std::vector<int64_t>>(std::vector<int64_t>{ctx.get_int("subsample_length", 1)})
                                : ctx.get_ints("subsample", n, 1);
        if (!sub) return sub.error();
        p.strides = *sub;
    }
    auto d = ctx.get_ints("dilation_rate", n, 1);
    if (!d) return d.error();
    p.dilation = *d;
    p.padding = ctx.get_string("padding", ctx.get_string("border_mode", "valid"));
    p.channels_first = ctx.channels_first();
    for (size_t i = 0; i < n; ++i)
        if (p.kernel[i] <= 0 || p.strides[i] <= 0 || p.dilation[i] <= 0)
            return ctx.fail("kernel size, strides and dilation must be positive");
    if (p.padding != "valid" && p.padding != "same" && p.padding != "causal")
        return ctx.fail("padding '" + p.padding + "' is not supported");
    return p;
}

int64_t conv_out_len(int64_t len, int64_t k, int64_t s, int64_t d, const std::string& padding) {
    if (len < 0) return -1;
    int64_t dk = k + (k - 1) * (d - 1);
    if (padding == "same" || padding == "causal") return (len + s - 1) / s;
    return (len - dk + s) / s;
}

KTensor to_channels_last(LayerContext& ctx, const KTensor& x, bool channels_first) {
    if (!channels_first) return x;
    int r = x.rank();
    std::vector<int32_t> perm{0};
    for (int i = 2; i < r; ++i) perm.push_back(i);
    perm.push_back(1);
    std::vector<int64_t> dims;
    for (int32_t p : perm) dims.push_back(x.shape.dims[size_t(p)]);
    return {ctx.b.transpose(ctx.node("to_channels_last"), x.ref, perm), ir::Shape(dims)};
}

KTensor from_channels_last(LayerContext& ctx, const KTensor& x, bool channels_first) {
    if (!channels_first) return x;
    int r = x.rank();
    std::vector<int32_t> perm{0, r - 1};
    for (int i = 1; i < r - 1; ++i) perm.push_back(i);
    std::vector<int64_t> dims;
    for (int32_t p : perm) dims.push_back(x.shape.dims[size_t(p)]);
    return {ctx.b.transpose(ctx.node("to_channels_first"), x.ref, perm), ir::Shape(dims)};
}

KTensor expand_1d(LayerContext& ctx, const KTensor& x) {
    std::vector<int64_t> dims{x.dim(0), 1, x.dim(1), x.dim(2)};
    if (x.dim(1) >= 0 && x.dim(2) >= 0)
        return {ctx.b.reshape(ctx.node("expand"), x.ref, {-1, 1, x.dim(1), x.dim(2)}), ir::Shape(dims)};
    ir::AttrMap a;
    a["Tdim"] = ir::DType::Int32;
    std::string axis = ctx.b.constant(ctx.node("expand/dim"), ir::Tensor::scalar<int32_t>(ir::DType::Int32, 1));
    return {ctx.b.add(ctx.node("expand"), "ExpandDims", {x.ref, axis}, std::move(a)), ir::Shape(dims)};
}

KTensor squeeze_1d(LayerContext& ctx, const KTensor& x) {
    std::vector<int64_t> dims{x.dim(0), x.dim(2), x.dim(3)};
    if (x.dim(2) >= 0 && x.dim(3) >= 0)
        return {ctx.b.reshape(ctx.node("squeeze"), x.ref, {-1, x.dim(2), x.dim(3)}), ir::Shape(dims)};
    ir::AttrMap a;
    ir::AttrList l;
    l.i = {1};
    a["squeeze_dims"] = l;
    return {ctx.b.add(ctx.node("squeeze"), "Squeeze", {x.ref}, std::move(a)), ir::Shape(dims)};
}

std::vector<int64_t> attr_list(int64_t outer, const std::vector<int64_t>& inner) {
    std::vector<int64_t> v{outer};
    v.insert(v.end(), inner.begin(), inner.end());
    v.push_back(outer);
    return v;
}

std::string tf_padding(const std::string& p) { return p == "same" ? "SAME" : "VALID"; }

ir::AttrValue ints_attr(const std::vector<int64_t>& values) {
    ir::AttrList l;
    l.i = values;
    return l;
}

}  // namespace wb::formats::keras
