// SPDX-License-Identifier: Apache-2.0
#include "passes/fusion_common.h"

#include <unordered_set>

namespace wb::passes {

bool is_fusable_activation(std::string_view op, bool depthwise) {
    // fuse_depthwise_conv2d.py accepts Relu, Relu6 and Elu only.
    if (depthwise) return op == "Relu" || op == "Relu6" || op == "Elu";
    return op == "Relu" || op == "Relu6" || op == "Elu" || op == "LeakyRelu" || op == "Sigmoid";
}

namespace {

bool inner_ok(GraphEditor& ed, const ir::Node* n, const PassContext& ctx) {
    return n && ed.has_single_use(n->name) && !ctx.is_protected(n->name);
}

bool contraction_ok(const ir::Node* n, std::string_view op) {
    if (!n || n->op != op || n->data_inputs().size() != 2) return false;
    // The fused kernels exist for float32 NHWC only (TensorFlow's CPU remapper, tfjs).
    if (ir::attr_type(n->attrs, "T", ir::DType::Float32) != ir::DType::Float32) return false;
    return ir::attr_string(n->attrs, "data_format", "NHWC") == "NHWC";
}

}  // namespace

bool match_bias_chain(GraphEditor& ed, ir::Node& tail, const PassContext& ctx, std::string_view contraction_op,
                      bool allow_no_bias, BiasChain& out) {
    out = {};
    bool depthwise = contraction_op == "DepthwiseConv2dNative";
    ir::Node* node = &tail;
    if (is_fusable_activation(node->op, depthwise)) {
        if (node->data_inputs().size() != 1 || node->data_inputs()[0].index != 0) return false;
        out.activation = node;
        node = ed.input_node(*node, 0);
        if (!node || !inner_ok(ed, node, ctx)) return false;
        if (allow_no_bias && contraction_ok(node, contraction_op)) {
            out.contraction = node;
            return true;
        }
    }
    if (node->op != "BiasAdd" || node->data_inputs().size() != 2 || node->data_inputs()[0].index != 0) return false;
    if (ir::attr_string(node->attrs, "data_format", "NHWC") != "NHWC") return false;
    out.bias_add = node;
    ir::Node* c = ed.input_node(*node, 0);
    if (!inner_ok(ed, c, ctx) || !contraction_ok(c, contraction_op)) return false;
    out.contraction = c;
    return true;
}

void fuse_chain(GraphEditor& ed, const BiasChain& chain, ir::Node& target, const std::string& fused_op,
                const std::string& extra_op) {
    const ir::Node& c = *chain.contraction;
    std::vector<std::string> from;
    std::vector<std::string> inputs;
    for (const auto& in : c.data_inputs()) inputs.push_back(ir::format_input(in));
    if (chain.bias_add) inputs.push_back(ir::format_input(chain.bias_add->data_inputs()[1]));
    std::unordered_set<std::string> seen;
    std::vector<std::string> controls;
    for (const ir::Node* n : {chain.contraction, chain.bias_add, chain.activation}) {
        if (!n) continue;
        from.push_back(n->name);
        for (const auto& ctl : n->control_inputs())
            if (seen.insert(ctl).second) controls.push_back("^" + ctl);
    }
    ir::AttrMap attrs = c.attrs;
    ir::AttrList ops;
    ops.s.push_back(chain.bias_add ? "BiasAdd" : extra_op);
    if (chain.activation) ops.s.push_back(chain.activation->op);
    int num_args = chain.bias_add ? 1 : 0;
    attrs["fused_ops"] = ops;
    attrs["num_args"] = num_args;
    if (fused_op.front() == '_') {  // TensorFlow's remapper also writes these
        ir::AttrList targs;
        for (int k = 0; k < num_args; ++k) targs.type.push_back(ir::DType::Float32);
        attrs["TArgs"] = targs;
        attrs["epsilon"] = 0.0f;  // SetFusedOpAttributes' default
    }
    if (chain.activation && chain.activation->op == "LeakyRelu")
        attrs["leakyrelu_alpha"] = ir::attr_float(chain.activation->attrs, "alpha", 0.2f);
    std::string device = c.device;
    // Remove the other chain nodes first: their readers now read the target.
    for (ir::Node* n : {chain.contraction, chain.bias_add, chain.activation})
        if (n && n != &target) ed.forward(n->name, target.name, "fused into " + target.name);
    target.op = fused_op;
    target.inputs = inputs;
    target.inputs.insert(target.inputs.end(), controls.begin(), controls.end());
    target.attrs = std::move(attrs);
    target.device = device;
    std::string note;
    for (const auto& s : ops.s) note += (note.empty() ? "" : "+") + s;
    ed.rewritten(target, from, c.op + "+" + note + " fused");
}

ir::Tensor scale_output_channels(const ir::Tensor& filter, const std::vector<float>& scale) {
    ir::Tensor scaled = filter.clone();
    float* data = scaled.data<float>();
    const auto channels = static_cast<int64_t>(scale.size());
    for (int64_t i = 0; i < scaled.num_elements(); ++i) data[i] *= scale[i % channels];
    return scaled;
}

void become_bias_add(ir::Node& n, const std::string& input, const std::string& offset) {
    std::vector<std::string> controls = n.control_inputs();
    n.op = "BiasAdd";
    n.inputs = {input, offset};
    for (const auto& c : controls) n.inputs.push_back("^" + c);
    n.attrs = {{"T", ir::DType::Float32}, {"data_format", std::string("NHWC")}};
}

}  // namespace wb::passes
