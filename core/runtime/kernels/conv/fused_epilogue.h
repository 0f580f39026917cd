// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <vector>

#include "ir/node.h"
#include "ir/tensor.h"
#include "util/error.h"

namespace wb::runtime::conv {

// The activations tfjs-core accepts in fused ops (fused_types.ts: linear, relu, prelu, elu,
// relu6, leakyrelu, sigmoid).
enum class Activation { None, Relu, Relu6, Elu, LeakyRelu, Sigmoid, Prelu };

// `fused_ops` of _FusedConv2D / _FusedMatMul / FusedDepthwiseConv2dNative (spec 6.2-6.3):
// [extra, activation] with extra in {BiasAdd, NoOp}; the args (bias, then prelu alpha) follow
// the two data inputs, `num_args` of them.
struct FusedOps {
    bool bias = false;
    Activation act = Activation::None;
    float leaky_alpha = 0.2f;  // leakyrelu_alpha, default from tfjs' op list
    int bias_input = -1;
    int prelu_input = -1;
};

// Parses fused_ops/num_args. Plain (unfused) ops yield an empty FusedOps.
Expected<FusedOps> read_fused_ops(const ir::Node& node, int first_arg_input);

// Bias, activation and PReLU applied in place to a block of `rows` x `channels` outputs that
// starts at output row `row0`; alpha repeats every `alpha_period_rows` rows (per-channel
// alphas have period 1).
template <class T>
struct Epilogue {
    const T* bias = nullptr;
    Activation act = Activation::None;
    T leaky_alpha = T(0.2);
    std::vector<T> prelu;  // alpha_period_rows * channels values
    int64_t alpha_period_rows = 1;

    bool empty() const { return bias == nullptr && act == Activation::None; }
    void apply(T* out, int64_t row0, int64_t rows, int64_t channels) const;
};

// Expands a PReLU alpha tensor (right-aligned broadcast) against an output of shape
// `out_dims` (rank >= 1, last = channels): returns the repeating block and its period in rows.
Expected<std::vector<double>> expand_alpha(const ir::Tensor& alpha, const std::vector<int64_t>& out_dims,
                                           int64_t& period_rows);

// Builds the epilogue from fused ops and the node's run-time inputs; T = float or double.
template <class T>
Status make_epilogue(const ir::Node& node, const FusedOps& f, const std::vector<const ir::Tensor*>& args,
                     const std::vector<int64_t>& out_dims, Epilogue<T>& e);

}  // namespace wb::runtime::conv
