// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ir/model.h"

namespace wb::formats::keras {

// A lowered Keras tensor: a TensorFlow tensor reference ("node" or "node:k") and its Keras
// shape (batch first, -1 where unknown). Shapes are tracked so that RNNs unroll and
// Flatten/Reshape/Conv1D get static dims, as TensorFlow's own Keras graphs have them.
struct KTensor {
    KTensor() = default;
    KTensor(std::string r, ir::Shape s, std::string m = {}) : ref(std::move(r)), shape(std::move(s)), mask(std::move(m)) {}
    std::string ref;
    ir::Shape shape;
    // Keras mask (Masking, Embedding(mask_zero=True)): a bool [batch, time] tensor reference,
    // empty when the tensor carries none. See masking.cpp for how layers pass it on.
    std::string mask;
    int rank() const { return shape.rank(); }
    int64_t dim(int i) const { return shape.dims[static_cast<size_t>(i < 0 ? i + rank() : i)]; }
};

// Adds TensorFlow nodes (op names and attrs as TensorFlow writes them) to a Model's graph.
class Builder {
public:
    explicit Builder(ir::Model& model) : model_(model) {}
    ir::Model& model() { return model_; }

    // Adds a float32 node (attr T = DT_FLOAT unless given); returns its unique name.
    std::string add(const std::string& name, const std::string& op, std::vector<std::string> inputs,
                    ir::AttrMap attrs = {}, bool set_t = true);
    std::string constant(const std::string& name, ir::Tensor value);
    // A Const that is a Keras weight: recorded in Model::weights (group = layer).
    std::string weight(const std::string& name, ir::Tensor value, const std::string& layer);
    std::string ints(const std::string& name, const std::vector<int32_t>& values);
    std::string scalar(const std::string& name, float value);

    std::string unary(const std::string& name, const std::string& op, const std::string& x);
    std::string binary(const std::string& name, const std::string& op, const std::string& a, const std::string& b);
    std::string reshape(const std::string& name, const std::string& x, const std::vector<int64_t>& dims);
    std::string transpose(const std::string& name, const std::string& x, const std::vector<int32_t>& perm);
    std::string matmul(const std::string& name, const std::string& a, const std::string& b);
    std::string bias_add(const std::string& name, const std::string& x, const std::string& bias);
    std::string concat(const std::string& name, const std::vector<std::string>& xs, int axis);
    std::string pad(const std::string& name, const std::string& x, const std::vector<int32_t>& pairs);
    std::string tile(const std::string& name, const std::string& x, const std::vector<int32_t>& multiples);
    // x[..., begin:end] along `axis` of a rank-`rank` tensor (StridedSlice); shrink drops the axis.
    std::string slice_axis(const std::string& name, const std::string& x, int rank, int axis, int64_t begin,
                           int64_t end, bool shrink = false);
    std::string reduce(const std::string& name, const std::string& op, const std::string& x,
                       const std::vector<int32_t>& axes, bool keep_dims);
    std::string pack(const std::string& name, const std::vector<std::string>& xs, int axis);

private:
    std::string unique(const std::string& name);
    ir::Model& model_;
};

}  // namespace wb::formats::keras
