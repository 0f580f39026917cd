// SPDX-License-Identifier: Apache-2.0
// A TensorList (TensorFlow's DT_VARIANT list of tensors) as a runtime value: a scalar Variant
// tensor whose buffer is a ListBuffer. Lists are values: every op that changes one returns a
// new list (items are shared, not copied), so loop iterations and branches never alias.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "ir/tensor.h"

namespace wb::runtime {

struct TensorListValue {
    ir::DType dtype = ir::DType::Float32;
    bool rank_known = false;                // element_shape -1 (unknown rank) when false
    std::vector<int64_t> element_shape;     // -1 for unknown dimensions
    std::vector<ir::Tensor> items;          // invalid tensor = not set yet (Reserve)
};

// Wraps a list into a scalar Variant tensor.
ir::Tensor make_list_tensor(TensorListValue value);
// The list inside `t`, or nullptr when `t` is not a list made by make_list_tensor.
const TensorListValue* list_of(const ir::Tensor& t);

}  // namespace wb::runtime
