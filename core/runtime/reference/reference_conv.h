// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ir/tensor.h"

// Naive reference kernels: the definitions written out loop by loop in double precision, used
// only by the tests to judge the fast kernels. Channels-last layouts throughout.
namespace wb::runtime::reference {

struct RefTensor {
    std::vector<int64_t> dims;
    std::vector<double> v;
    int64_t size() const;
};
RefTensor from_tensor(const ir::Tensor& t);

// Window description per spatial dim. padding: "SAME", "VALID" or "EXPLICIT" (then the pads).
struct WindowSpec {
    std::vector<int64_t> strides, dilations;  // one per spatial dim
    std::string padding = "VALID";
    std::vector<int64_t> pad_before, pad_after;  // EXPLICIT only
};

// x [N, s..., C] * w [k..., C, OC] -> [N, o..., OC]; 1-3 spatial dims.
RefTensor conv(const RefTensor& x, const RefTensor& w, const WindowSpec& spec);
// x [N, H, W, C], w [KH, KW, C, M] -> [N, OH, OW, C*M].
RefTensor depthwise_conv2d(const RefTensor& x, const RefTensor& w, const WindowSpec& spec);
// Gradient of conv(x, w) w.r.t. x, for x of dims `input_dims`, given dy.
RefTensor conv_backprop_input(const std::vector<int64_t>& input_dims, const RefTensor& w, const RefTensor& dy,
                              const WindowSpec& spec);
// Max or average pool over ksize (one per spatial dim); average counts only unpadded values.
RefTensor pool(const RefTensor& x, const std::vector<int64_t>& ksize, const WindowSpec& spec, bool max);

// Morphological dilation: x [N,H,W,C], filter [KH,KW,C]; `dilations` of the spec are the rates.
RefTensor dilation2d(const RefTensor& x, const RefTensor& filter, const WindowSpec& spec);
// Max pool that also returns the flat input index of each maximum (first one in scan order),
// with or without the batch term.
RefTensor max_pool_argmax(const RefTensor& x, const std::vector<int64_t>& ksize, const WindowSpec& spec,
                          bool include_batch, RefTensor& indices);

// Output extent and leading pad of one spatial dim, as TensorFlow defines them.
void window_dim(int64_t in, int64_t k, int64_t stride, int64_t dilation, const WindowSpec& spec, int dim,
                int64_t& out, int64_t& before);

}  // namespace wb::runtime::reference
