// SPDX-License-Identifier: Apache-2.0
#include "runtime/kernels/conv/typed_io.h"

namespace wb::runtime::conv {

bool is_half_type(ir::DType t) { return t == ir::DType::Float16 || t == ir::DType::BFloat16; }

ir::DType TypedInputs::compute() const { return is_half_type(original) ? ir::DType::Float32 : original; }

TypedInputs widen_inputs(KernelContext& ctx, int value_input) {
    TypedInputs in;
    const int n = ctx.num_inputs();
    in.original = n > value_input ? ctx.input(value_input).dtype() : ir::DType::Invalid;
    in.storage.reserve(n);
    for (int i = 0; i < n; ++i) {
        const ir::Tensor& t = ctx.input(i);
        if (!is_half_type(t.dtype())) {
            in.tensors.push_back(&t);
            continue;
        }
        ir::Tensor wide(ir::DType::Float32, t.shape());
        float* dst = wide.data<float>();
        const auto* src = t.data<uint16_t>();
        const bool half = t.dtype() == ir::DType::Float16;
        for (int64_t k = 0; k < t.num_elements(); ++k)
            dst[k] = half ? ir::half_to_float(src[k]) : ir::bfloat16_to_float(src[k]);
        in.storage.push_back(std::move(wide));
        in.tensors.push_back(&in.storage.back());
    }
    return in;
}

ir::Tensor& TypedOutputs::allocate(int index, ir::DType compute, ir::Shape shape) {
    if (!is_half_type(original_)) return ctx_.allocate_output(index, compute, std::move(shape));
    pending_.emplace_back(index, ir::Tensor(ir::DType::Float32, std::move(shape)));
    return pending_.back().second;
}

void TypedOutputs::finish() {
    const bool half = original_ == ir::DType::Float16;
    for (auto& [index, wide] : pending_) {
        ir::Tensor& out = ctx_.allocate_output(index, original_, wide.shape());
        auto* dst = out.data<uint16_t>();
        const float* src = wide.data<float>();
        for (int64_t k = 0; k < wide.num_elements(); ++k)
            dst[k] = half ? ir::float_to_half(src[k]) : ir::float_to_bfloat16(src[k]);
    }
    pending_.clear();
}

}  // namespace wb::runtime::conv
