// SPDX-License-Identifier: Apache-2.0
// A per-channel multiply-add after a convolution or matrix product, folded into its weights:
//   conv(x, W) [+ b] * s [+ o]  =  conv(x, W * s) + (b * s + o)      (s, o per output channel)
// This is the inference batch norm in the form our Keras reader lowers it to (Mul, AddV2 with
// constant scale and offset); TensorFlow's own graph for the same layer is a FusedBatchNormV3
// that fold_batch_norms takes. Afterwards the pair is a BiasAdd, which the fusion passes join
// with the activation into _FusedConv2D / FusedDepthwiseConv2dNative / _FusedMatMul.
#include <unordered_set>

#include "passes/all_passes.h"
#include "passes/fusion_common.h"
#include "passes/graph_editor.h"
#include "passes/op_traits.h"

namespace wb::passes {
namespace {

bool is_add(const std::string& op) { return op == "BiasAdd" || op == "Add" || op == "AddV2"; }

// The per-channel values of a float32 Const that broadcasts along the last axis only ([c] or
// [1, .., 1, c]) of a rank-`rank` result without changing its shape; empty when `n` is not one.
std::vector<float> channel_vector(const ir::Node* n, int64_t channels, std::size_t rank) {
    const ir::Tensor* t = n ? const_value(*n) : nullptr;
    if (!t || t->dtype() != ir::DType::Float32 || t->num_elements() != channels) return {};
    const auto& dims = t->shape().dims;
    if (dims.empty() || dims.size() > rank || dims.back() != channels) return {};
    return std::vector<float>(t->data<float>(), t->data<float>() + channels);
}

// The operand of binary `op` that is not `from`, as a channel vector (either order).
std::vector<float> other_operand(GraphEditor& ed, const ir::Node& op, const std::string& from, int64_t channels,
                                 std::size_t rank) {
    const auto in = op.data_inputs();
    if (in.size() != 2) return {};
    if (in[0].node == from && in[0].index == 0) return channel_vector(ed.input_node(op, 1), channels, rank);
    if (in[1].node == from && in[1].index == 0 && op.op != "BiasAdd")
        return channel_vector(ed.input_node(op, 0), channels, rank);
    return {};
}

// The only consumer of `name` (output 0, one data edge), or nullptr.
ir::Node* single_consumer(GraphEditor& ed, const std::string& name, const PassContext& ctx) {
    if (!ed.has_single_use(name) || ctx.is_protected(name)) return nullptr;
    return &ed.graph().nodes()[ed.uses(name).front().consumer];
}

class FoldChannelAffine : public Pass {
public:
    std::string name() const override { return "fold_channel_affine"; }
    std::string description() const override {
        return "Folds a per-channel constant Mul (and Add) after a Conv2D, DepthwiseConv2dNative or MatMul into "
               "its weights and a BiasAdd (a batch norm lowered to a multiply-add).";
    }

    ChangeLog run(ir::Graph& graph, PassContext& ctx) override {
        ChangeLog log;
        GraphEditor ed(graph, log);
        std::unordered_set<std::string> leftovers;
        for (std::size_t i = 0; i < graph.nodes().size(); ++i) {
            ir::Node& conv = graph.nodes()[i];
            if (conv.op == "Conv2D" || conv.op == "DepthwiseConv2dNative" || conv.op == "MatMul") fold(ed, conv, ctx, leftovers);
        }
        ed.commit();
        remove_if_unused(graph, leftovers, ctx.protected_nodes, log, "scale or offset, folded");
        return log;
    }

private:
    static void fold(GraphEditor& ed, ir::Node& conv, PassContext& ctx, std::unordered_set<std::string>& leftovers) {
        if (conv.data_inputs().size() != 2 || ed.is_removed(conv.name)) return;
        if (ir::attr_string(conv.attrs, "data_format", "NHWC") != "NHWC" || ir::attr_bool(conv.attrs, "transpose_b")) return;
        ir::Node* weights = ed.input_node(conv, 1);
        const ir::Tensor* w = weights ? const_value(*weights) : nullptr;
        if (!w || w->dtype() != ir::DType::Float32) return;
        const auto& dims = w->shape().dims;
        if (dims.size() != (conv.op == "MatMul" ? 2u : 4u)) return;
        const int64_t channels = conv.op == "DepthwiseConv2dNative" ? dims[2] * dims[3] : dims.back();
        const std::size_t rank = dims.size();  // of the conv's output too: 4, or 2 for MatMul
        // conv -> [bias] -> Mul -> [Add], each the only reader of the one before.
        ir::Node* next = single_consumer(ed, conv.name, ctx);
        ir::Node* bias_add = nullptr;
        std::vector<float> bias;
        if (next && is_add(next->op)) {
            bias = other_operand(ed, *next, conv.name, channels, rank);
            if (bias.empty()) return;
            bias_add = next;
            next = single_consumer(ed, bias_add->name, ctx);
        }
        if (!next || next->op != "Mul") return;
        ir::Node& mul = *next;
        const std::vector<float> scale = other_operand(ed, mul, bias_add ? bias_add->name : conv.name, channels, rank);
        if (scale.empty()) return;
        ir::Node* add = single_consumer(ed, mul.name, ctx);
        std::vector<float> offset = add && is_add(add->op) ? other_operand(ed, *add, mul.name, channels, rank) : std::vector<float>{};
        if (offset.empty()) add = nullptr;
        if (offset.empty()) offset.assign(channels, 0.f);
        for (int64_t c = 0; c < channels; ++c) offset[c] += bias.empty() ? 0.f : bias[c] * scale[c];
        const ir::Tensor scaled = scale_output_channels(*w, scale);
        ir::Node& last = add ? *add : mul;
        const std::string wname = ed.unique_name(conv.name + "_weights");
        const std::string oname = ed.unique_name(conv.name + "_offset");
        ed.add(make_const(wname, scaled, weights->device), {weights->name, mul.name}, "weights * per-channel scale");
        ed.add(make_const(oname, ir::Tensor::from_vector(ir::DType::Float32, ir::Shape{channels}, offset), last.device),
               {last.name}, add ? "offset (+ bias * scale)" : "bias * scale");
        leftovers.insert(weights->name);
        for (ir::Node* n : {bias_add, &mul, add}) {
            if (!n) continue;
            for (int k = 0; k < 2; ++k)
                if (ir::Node* c = ed.input_node(*n, k); c && c->op == "Const") leftovers.insert(c->name);
        }
        std::vector<std::string> from = {conv.name};
        if (bias_add) {
            from.push_back(bias_add->name);
            ed.remove(bias_add->name, "folded into " + oname, conv.name);
        }
        from.push_back(mul.name);
        if (add) {
            from.push_back(add->name);
            ed.remove(mul.name, "folded into " + wname, conv.name);
        }
        conv.inputs[1] = wname;
        ed.rewritten(conv, {conv.name, weights->name}, "weights scaled per channel");
        become_bias_add(last, conv.name, oname);
        ed.rewritten(last, from, "per-channel multiply-add folded into " + conv.name);
    }
};

}  // namespace

std::unique_ptr<Pass> make_fold_channel_affine() { return std::make_unique<FoldChannelAffine>(); }

}  // namespace wb::passes
