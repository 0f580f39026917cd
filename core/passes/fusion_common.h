// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "passes/graph_editor.h"
#include "passes/pass.h"

namespace wb::passes {

// Activations TensorFlow.js runs inside fused ops (tfjs-core fused_types.ts), spelled as
// TensorFlow ops. Tanh is fused by some remappers but tfjs rejects it, so it is not here.
bool is_fusable_activation(std::string_view op, bool depthwise = false);

// contraction -> BiasAdd [-> activation], matched from its tail; inner nodes have exactly
// one reader and are not protected.
struct BiasChain {
    ir::Node* contraction = nullptr;
    ir::Node* bias_add = nullptr;    // nullptr for an activation-only chain
    ir::Node* activation = nullptr;  // nullptr when the tail is the BiasAdd
    ir::Node* tail() const { return activation ? activation : bias_add; }
};

// Matches a chain ending at `tail` whose contraction op is `contraction_op`.
// allow_no_bias: contraction -> activation also matches (FusedDepthwiseConv2dNative only).
bool match_bias_chain(GraphEditor& ed, ir::Node& tail, const PassContext& ctx,
                      std::string_view contraction_op, bool allow_no_bias, BiasChain& out);

// Builds the fused node in place of `target` (one of the chain's nodes): op `fused_op`,
// inputs (x, w[, bias]) plus every control input of the chain, the contraction's attrs plus
// fused_ops/num_args/epsilon/leakyrelu_alpha as the remapper writes them. The other chain
// nodes are removed and their readers read `target`.
void fuse_chain(GraphEditor& ed, const BiasChain& chain, ir::Node& target, const std::string& fused_op,
                const std::string& extra_op);

// A contraction filter with each output channel multiplied by scale[c]: the output channel is
// the flat index mod channels for every layout folded here ([h,w,in,out], [in,out], and
// depthwise [h,w,in,m] whose channel is in*m + m).
ir::Tensor scale_output_channels(const ir::Tensor& filter, const std::vector<float>& scale);

// Turns `n` into BiasAdd(input, offset) under its own name, keeping its control inputs, so
// its readers are untouched (what a folded batch norm or multiply-add leaves behind).
void become_bias_add(ir::Node& n, const std::string& input, const std::string& offset);

}  // namespace wb::passes
