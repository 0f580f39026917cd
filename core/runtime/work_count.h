// SPDX-License-Identifier: Apache-2.0
// The arithmetic of one run: multiply-adds of the convolution and matrix-product nodes, counted
// from the shapes they actually ran with (FLOPs = 2 x multiply-adds, as TensorFlow's profiler and
// tfjs benchmarks count them). Elementwise ops, pooling and reductions are left out: they are
// memory-bound and would inflate a GFLOPS figure meant to compare compute kernels.
#pragma once
#include <memory>
#include <vector>

#include "ir/model.h"
#include "runtime/session.h"

namespace wb::runtime {

// FLOPs of one node given its input shapes and its output 0 shape; 0 for ops not counted or
// shapes that do not fit the op (unknown ranks are the caller's business).
double node_flops(const ir::Node& node, const std::vector<ir::Shape>& inputs, const ir::Shape& output);

// The ops node_flops counts.
bool is_counted_op(const std::string& op);

// Conv/matmul FLOPs of one run of `session` on `feeds`: one extra run that fetches the inputs
// and outputs of every counted node of the main graph (nodes inside TF1 loops are not counted:
// their iteration counts are not known). 0 when the model has no counted node or that run fails.
double count_run_flops(const ir::Model& model, Session& session, const std::vector<NamedTensor>& feeds);

}  // namespace wb::runtime
