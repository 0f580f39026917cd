// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <vector>

#include "ir/tensor.h"
#include "runtime/kernel.h"

namespace wb::runtime::conv {

// float16 and bfloat16 are stored, computed in float32 (issue #3): this widens such inputs into
// float32 copies and narrows the outputs back; float32/float64 pass through untouched.
struct TypedInputs {
    ir::DType original = ir::DType::Invalid;  // dtype of input 0
    std::vector<ir::Tensor> storage;          // widened copies
    std::vector<const ir::Tensor*> tensors;   // one per input
    ir::DType compute() const;                // Float32 for half types, else `original`
};
// `value_input` names the input whose dtype is the op's T (and its outputs').
TypedInputs widen_inputs(KernelContext& ctx, int value_input = 0);

// Allocates outputs in the compute type; finish() writes narrowed copies for half types.
class TypedOutputs {
public:
    TypedOutputs(KernelContext& ctx, ir::DType original) : ctx_(ctx), original_(original) { pending_.reserve(4); }
    ir::Tensor& allocate(int index, ir::DType compute, ir::Shape shape);
    void finish();

private:
    KernelContext& ctx_;
    ir::DType original_;
    std::vector<std::pair<int, ir::Tensor>> pending_;
};

bool is_half_type(ir::DType t);

}  // namespace wb::runtime::conv
