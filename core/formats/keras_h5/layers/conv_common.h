// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "formats/keras_h5/layers/layer_context.h"

namespace wb::formats::keras {

// The hyper-parameters every convolution-like layer shares, Keras 1 and 2 spellings merged.
struct ConvParams {
    int spatial = 2;                              // 1, 2 or 3
    std::vector<int64_t> kernel, strides, dilation;
    std::string padding = "valid";                // valid | same | causal
    bool channels_first = false;
};

Expected<ConvParams> conv_params(LayerContext& ctx, int spatial);
// Keras conv_output_length: -1 stays -1.
int64_t conv_out_len(int64_t len, int64_t k, int64_t s, int64_t d, const std::string& padding);
// Moves channels to the end for channels_first inputs (identity otherwise).
KTensor to_channels_last(LayerContext& ctx, const KTensor& x, bool channels_first);
KTensor from_channels_last(LayerContext& ctx, const KTensor& x, bool channels_first);
// [N, T, C] → [N, 1, T, C] and back, so 1D layers reuse the 2D TensorFlow ops.
KTensor expand_1d(LayerContext& ctx, const KTensor& x);
KTensor squeeze_1d(LayerContext& ctx, const KTensor& x);
std::vector<int64_t> attr_list(int64_t outer, const std::vector<int64_t>& inner);
std::string tf_padding(const std::string& keras_padding);
// A list(int) attribute (strides, dilations).
ir::AttrValue ints_attr(const std::vector<int64_t>& values);

}  // namespace wb::formats::keras
