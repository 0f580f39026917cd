// SPDX-License-Identifier: Apache-2.0
// The converter's fold_batch_norms.py (spec §6.2 step 4).
#include <cmath>
#include <unordered_set>

#include "passes/all_passes.h"
#include "passes/fusion_common.h"
#include "passes/graph_editor.h"
#include "passes/op_traits.h"

namespace wb::passes {
namespace {

// A float32 1-D Const of length c, as a vector; empty when it is not one.
std::vector<float> vector_of(const ir::Node* n, int64_t c) {
    const ir::Tensor* t = n ? const_value(*n) : nullptr;
    if (!t || t->dtype() != ir::DType::Float32 || t->num_elements() != c || t->shape().rank() > 1) return {};
    return std::vector<float>(t->data<float>(), t->data<float>() + c);
}

class FoldBatchNorms : public Pass {
public:
    std::string name() const override { return "fold_batch_norms"; }
    std::string description() const override {
        return "Folds inference batch norms into the preceding Conv2D, DepthwiseConv2dNative or MatMul.";
    }

    ChangeLog run(ir::Graph& graph, PassContext& ctx) override {
        ChangeLog log;
        GraphEditor ed(graph, log);
        std::unordered_set<std::string> leftovers;
        for (auto& bn : graph.nodes())
            if (bn.op == "FusedBatchNorm" || bn.op == "FusedBatchNormV3" || bn.op == "BatchNormWithGlobalNormalization")
                fold(ed, bn, ctx, leftovers);
        ed.commit();
        // Parameter Consts shared by several folded norms go once the last reader has.
        remove_if_unused(graph, leftovers, ctx.protected_nodes, log, "batch norm parameter, folded");
        return log;
    }

private:
    // y = gamma * (conv(x, W) + b - mean) / sqrt(var + eps) + beta
    //   = conv(x, W * scale) + offset   with  scale = gamma / sqrt(var + eps)   (per channel c)
    //                                        offset = beta - (mean - b) * scale
    static void fold(GraphEditor& ed, ir::Node& bn, PassContext& ctx, std::unordered_set<std::string>& leftovers) {
        auto skip = [&](const std::string& why) { ctx.warnings.push_back("fold_batch_norms: '" + bn.name + "' kept: " + why); };
        bool global = bn.op == "BatchNormWithGlobalNormalization";
        if (bn.data_inputs().size() != 5) return;
        for (const auto& u : ed.uses(bn.name))
            if (u.output > 0) return;  // batch statistics are read: not an inference BN
        if (!global && (ir::attr_string(bn.attrs, "data_format", "NHWC") != "NHWC" ||
                        ir::attr_bool(bn.attrs, "is_training", true)))  // TF default: true
            return skip("training mode or NCHW");
        ir::Node* conv = ed.input_node(bn, 0);
        ir::Node* bias_add = nullptr;
        if (conv && (conv->op == "BiasAdd" || conv->op == "Add" || conv->op == "AddV2")) {
            bias_add = conv;
            if (!ed.has_single_use(bias_add->name) || ctx.is_protected(bias_add->name)) return;
            conv = ed.input_node(*bias_add, 0);
        }
        if (!conv || (conv->op != "Conv2D" && conv->op != "DepthwiseConv2dNative" && conv->op != "MatMul")) return;
        if (!ed.has_single_use(conv->name) || ctx.is_protected(conv->name) || conv->data_inputs().size() != 2) return;
        if (ir::attr_string(conv->attrs, "data_format", "NHWC") != "NHWC" || ir::attr_bool(conv->attrs, "transpose_b"))
            return skip("NCHW or transposed weights");
        ir::Node* weights = ed.input_node(*conv, 1);
        const ir::Tensor* w = weights ? const_value(*weights) : nullptr;
        if (!w || w->dtype() != ir::DType::Float32) return skip("weights are not a float32 Const");
        const auto& dims = w->shape().dims;
        bool depthwise = conv->op == "DepthwiseConv2dNative";
        if (dims.size() != (conv->op == "MatMul" ? 2u : 4u)) return;
        int64_t channels = depthwise ? dims[2] * dims[3] : dims.back();
        auto p = [&](int k) { return vector_of(ed.input_node(bn, k), channels); };
        std::vector<float> mean = global ? p(1) : p(3), var = global ? p(2) : p(4);
        std::vector<float> beta = global ? p(3) : p(2), gamma = global ? p(4) : p(1);
        if (mean.empty() || var.empty() || beta.empty() || gamma.empty()) return skip("parameters are not Consts of shape (channels,)");
        std::vector<std::string> from = {conv->name, bn.name};
        if (bias_add) {
            std::vector<float> bias = vector_of(ed.input_node(*bias_add, 1), channels);
            if (bias.empty()) return skip("bias is not a Const of shape (channels,)");
            for (int64_t c = 0; c < channels; ++c) mean[c] -= bias[c];
            from.insert(from.begin() + 1, bias_add->name);
        }
        float eps = global ? ir::attr_float(bn.attrs, "variance_epsilon", 0.001f) : ir::attr_float(bn.attrs, "epsilon", 0.0001f);
        bool use_gamma = !global || ir::attr_bool(bn.attrs, "scale_after_normalization", true);
        std::vector<float> scale(channels), offset(channels);
        for (int64_t c = 0; c < channels; ++c) {
            scale[c] = (use_gamma ? gamma[c] : 1.0f) / std::sqrt(var[c] + eps);
            offset[c] = beta[c] - mean[c] * scale[c];
        }
        ir::Tensor scaled = scale_output_channels(*w, scale);
        std::string wname = ed.unique_name(conv->name + "_weights");
        std::string oname = ed.unique_name(conv->name + "_bn_offset");
        ed.add(make_const(wname, scaled, weights->device), {weights->name, bn.name}, "weights * gamma/sqrt(var+eps)");
        ed.add(make_const(oname, ir::Tensor::from_vector(ir::DType::Float32, ir::Shape{channels}, offset), bn.device),
               {bn.name}, "beta - mean*scale");
        for (int k = 1; k < 5; ++k)
            if (ir::Node* c = ed.input_node(bn, k)) leftovers.insert(c->name);
        leftovers.insert(weights->name);
        if (bias_add) {
            if (ir::Node* b = ed.input_node(*bias_add, 1)) leftovers.insert(b->name);
            ed.remove(bias_add->name, "folded into " + oname, conv->name);
        }
        conv->inputs[1] = wname;
        ed.rewritten(*conv, {conv->name, weights->name}, "weights scaled by the batch norm");
        become_bias_add(bn, conv->name, oname);
        ed.rewritten(bn, from, "batch norm folded into " + conv->name);
    }
};

}  // namespace

std::unique_ptr<Pass> make_fold_batch_norms() { return std::make_unique<FoldBatchNorms>(); }

}  // namespace wb::passes
