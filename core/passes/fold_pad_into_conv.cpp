// SPDX-License-Identifier: Apache-2.0
// A zero Pad of the spatial dimensions in front of a VALID (or EXPLICIT) convolution, folded
// into the convolution's explicit padding: Keras' ZeroPadding2D before a strided conv (every
// Keras MobileNet has them) otherwise writes a padded copy of the activation per layer.
// TensorFlow's Conv2D and DepthwiseConv2dNative (and their fused forms) take `padding:
// "EXPLICIT"` with `explicit_paddings` [before, after] per NHWC dimension; TensorFlow.js
// reads the same attributes.
#include <unordered_set>

#include "passes/all_passes.h"
#include "passes/graph_editor.h"
#include "passes/op_traits.h"

namespace wb::passes {
namespace {

bool is_conv(const std::string& op) {
    return op == "Conv2D" || op == "DepthwiseConv2dNative" || op == "_FusedConv2D" || op == "FusedDepthwiseConv2dNative";
}

// The [4, 2] paddings of a Pad / PadV2 that pads rows and columns only, with zeros; empty when
// `pad` is anything else.
std::vector<int64_t> spatial_zero_padding(GraphEditor& ed, const ir::Node& pad) {
    if (pad.op != "Pad" && pad.op != "PadV2") return {};
    const auto in = pad.data_inputs();
    if (in.size() < 2 || in[1].index != 0) return {};
    if (pad.op == "PadV2") {
        const ir::Node* value = in.size() > 2 ? ed.input_node(pad, 2) : nullptr;
        const ir::Tensor* v = value ? const_value(*value) : nullptr;
        if (!v || v->num_elements() != 1 || !all_elements_equal(*v, 0.0)) return {};
    }
    const ir::Node* p = ed.input_node(pad, 1);
    const ir::Tensor* t = p ? const_value(*p) : nullptr;
    if (!t || t->num_elements() != 8 || (t->dtype() != ir::DType::Int32 && t->dtype() != ir::DType::Int64)) return {};
    std::vector<int64_t> v(8);
    for (int i = 0; i < 8; ++i) v[i] = static_cast<int64_t>(t->value_as_double(i));
    for (int64_t x : v)
        if (x < 0) return {};
    if (v[0] || v[1] || v[6] || v[7]) return {};  // batch or channels padded
    return v;
}

class FoldPadIntoConv : public Pass {
public:
    std::string name() const override { return "fold_pad_into_conv"; }
    std::string description() const override {
        return "Folds a zero Pad of rows and columns into the following VALID/EXPLICIT convolution's explicit padding.";
    }

    ChangeLog run(ir::Graph& graph, PassContext& ctx) override {
        ChangeLog log;
        GraphEditor ed(graph, log);
        std::unordered_set<std::string> leftovers;
        for (std::size_t i = 0; i < graph.nodes().size(); ++i) {
            ir::Node& conv = graph.nodes()[i];
            if (is_conv(conv.op)) fold(ed, conv, ctx, leftovers);
        }
        ed.commit();
        remove_if_unused(graph, leftovers, ctx.protected_nodes, log, "paddings, folded");
        return log;
    }

private:
    static void fold(GraphEditor& ed, ir::Node& conv, PassContext& ctx, std::unordered_set<std::string>& leftovers) {
        const auto in = conv.data_inputs();
        if (in.empty() || in[0].index != 0 || ir::attr_string(conv.attrs, "data_format", "NHWC") != "NHWC") return;
        const std::string padding = ir::attr_string(conv.attrs, "padding");
        if (padding != "VALID" && padding != "EXPLICIT") return;
        ir::Node* pad = ed.input_node(conv, 0);
        if (!pad || ed.is_removed(pad->name) || !ed.has_single_use(pad->name) || ctx.is_protected(pad->name) ||
            !pad->control_inputs().empty())
            return;
        const std::vector<int64_t> add = spatial_zero_padding(ed, *pad);
        if (add.empty()) return;
        std::vector<int64_t> explicit_pads(8, 0);
        if (padding == "EXPLICIT") {
            explicit_pads = ir::attr_ints(conv.attrs, "explicit_paddings");
            if (explicit_pads.size() != 8) return;
        }
        for (int i = 0; i < 8; ++i) explicit_pads[i] += add[i];
        for (int k = 1; k < static_cast<int>(pad->data_inputs().size()); ++k)
            if (ir::Node* c = ed.input_node(*pad, k)) leftovers.insert(c->name);
        conv.inputs[0] = pad->inputs[0];
        ir::AttrList list;
        list.i = explicit_pads;
        conv.attrs["padding"] = std::string("EXPLICIT");
        conv.attrs["explicit_paddings"] = ir::AttrValue(list);
        ed.remove(pad->name, "folded into " + conv.name + "'s explicit padding", conv.name);
        ed.rewritten(conv, {pad->name, conv.name}, "zero padding folded into explicit_paddings");
    }
};

}  // namespace

std::unique_ptr<Pass> make_fold_pad_into_conv() { return std::make_unique<FoldPadIntoConv>(); }

}  // namespace wb::passes
