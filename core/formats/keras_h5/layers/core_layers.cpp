// SPDX-License-Identifier: Apache-2.0
// Dense, Activation, Embedding, Masking and the layers that are identities at inference.
#include "formats/keras_h5/layers/layer_context.h"

namespace wb::formats::keras {
namespace {

using Outs = Expected<std::vector<KTensor>>;

Outs need_inputs(LayerContext& ctx, const std::vector<KTensor>& in, size_t n) {
    if (in.size() != n) return ctx.fail("expected " + std::to_string(n) + " input(s), got " + std::to_string(in.size()));
    return std::vector<KTensor>{};
}

// x[..., F] @ kernel[F, U] (+ bias), flattening leading dims for rank > 2 inputs as Keras does.
Expected<KTensor> dense_core(LayerContext& ctx, const KTensor& x, int kernel_i, int bias_i) {
    auto kernel = ctx.weight_tensor(size_t(kernel_i), 2);
    if (!kernel) return kernel.error();
    const int64_t in_dim = kernel->shape().dims[0], units = kernel->shape().dims[1];
    if (x.rank() < 2 || (x.dim(-1) >= 0 && x.dim(-1) != in_dim))
        return ctx.fail("input shape " + x.shape.to_string() + " does not match kernel " + kernel->shape().to_string());
    auto k = ctx.weight(size_t(kernel_i), "kernel");
    if (!k) return k.error();
    std::string y = x.ref;
    std::vector<int64_t> out_dims = x.shape.dims;
    out_dims.back() = units;
    if (x.rank() > 2) y = ctx.b.reshape(ctx.node("flatten_leading"), y, {-1, in_dim});
    y = ctx.b.matmul(ctx.node("MatMul"), y, *k);
    if (bias_i >= 0) {
        auto bias = ctx.weight(size_t(bias_i), "bias");
        if (!bias) return bias.error();
        y = ctx.b.bias_add(ctx.node("BiasAdd"), y, *bias);
    }
    if (x.rank() > 2) {
        std::vector<int64_t> dims = out_dims;
        dims[0] = -1;
        for (size_t i = 1; i + 1 < dims.size(); ++i)
            if (dims[i] < 0) return ctx.fail("Dense over a rank-3+ input needs static inner dims");
        y = ctx.b.reshape(ctx.node("restore_leading"), y, dims);
    }
    return KTensor{y, ir::Shape(out_dims)};
}

Outs dense(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (auto c = need_inputs(ctx, in, 1); !c) return c;
    int k = ctx.find_weight({"kernel", "_W"});
    if (k < 0) k = 0;
    bool use_bias = ctx.get_bool("use_bias", ctx.get_bool("bias", true));
    int bi = use_bias ? ctx.find_weight({"bias", "_b"}) : -1;
    if (use_bias && bi < 0) bi = 1;
    auto y = dense_core(ctx, in[0], k, bi);
    if (!y) return y.error();
    auto act = apply_activation(ctx, y->ref, ctx.get_string("activation", "linear"));
    if (!act) return act.error();
    return std::vector<KTensor>{{*act, y->shape}};
}

Outs activation(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (auto c = need_inputs(ctx, in, 1); !c) return c;
    auto act = apply_activation(ctx, in[0].ref, ctx.get_string("activation", "linear"));
    if (!act) return act.error();
    return std::vector<KTensor>{{*act, in[0].shape}};
}

Outs identity(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (auto c = need_inputs(ctx, in, 1); !c) return c;
    return std::vector<KTensor>{in[0]};
}

// Embedding: Gather(rows of the table, int32(indices)).
Outs embedding(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (auto c = need_inputs(ctx, in, 1); !c) return c;
    auto table = ctx.weight_tensor(0, 2);
    if (!table) return table.error();
    auto w = ctx.weight(0, "embeddings");
    if (!w) return w.error();
    ir::AttrMap cast;
    cast["SrcT"] = ir::DType::Float32;
    cast["DstT"] = ir::DType::Int32;
    cast["Truncate"] = false;
    std::string idx = ctx.b.add(ctx.node("Cast"), "Cast", {in[0].ref}, std::move(cast), false);
    ir::AttrMap g;
    g["Tparams"] = ir::DType::Float32;
    g["Tindices"] = ir::DType::Int32;
    g["Taxis"] = ir::DType::Int32;
    g["batch_dims"] = int64_t(0);
    std::string axis = ctx.b.constant(ctx.node("axis"), ir::Tensor::scalar<int32_t>(ir::DType::Int32, 0));
    std::string y = ctx.b.add(ctx.node("GatherV2"), "GatherV2", {*w, idx, axis}, std::move(g), false);
    std::vector<int64_t> dims = in[0].shape.dims;
    dims.push_back(table->shape().dims[1]);
    // mask_zero: index 0 is padding; the mask (ids != 0) goes on to the layers that skip steps.
    std::string mask;
    if (ctx.get_bool("mask_zero", false))
        mask = ctx.b.add(ctx.node("mask"), "NotEqual", {in[0].ref, ctx.b.scalar(ctx.node("mask/zero"), 0.f)});
    return std::vector<KTensor>{{y, ir::Shape(dims), mask}};
}

}  // namespace

void register_core_layers(LayerTable& t) {
    t.emplace_back("Dense", dense);
    t.emplace_back("TimeDistributedDense", dense);  // Keras 1: Dense over the last axis
    t.emplace_back("Activation", activation);
    t.emplace_back("Embedding", embedding);
    t.emplace_back("InputLayer", identity);
    // Identities at inference (Keras applies them only with training=True); Masking is in masking.cpp.
    for (const char* n : {"Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "AlphaDropout",
                          "GaussianNoise", "GaussianDropout", "ActivityRegularization"})
        t.emplace_back(n, identity);
}

}  // namespace wb::formats::keras
