// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>

#include "ir/model.h"
#include "util/error.h"

namespace wb::views {

// The second configuration of a benchmark comparison: `kind` 1..3 = float16 / uint8 / uint16
// weights (dequantized, as TensorFlow.js computes with them), 4 = the converter's pass pipeline.
Expected<std::shared_ptr<const ir::Model>> comparison_model(const ir::Model& model, int kind);

}  // namespace wb::views
