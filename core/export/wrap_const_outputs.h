// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>

#include "ir/model.h"

namespace wb::exporter {

// Puts an Identity in front of every model output that is a bare Const. TensorFlow.js hands a
// Const output back as the weight tensor itself, so a caller that disposes its results (the usual
// tfjs habit) destroys the weight and the next execute() fails with "Tensor is disposed". The
// converter's exports never have that shape: output-feeding Identity nodes survive its Grappler
// run (spec §6.2). The Identity takes the output's node name, so signatures and fetch names stay;
// the Const moves to "<name>/value" (the weight's name). Returns how many outputs were wrapped.
std::size_t wrap_const_outputs(ir::Model& model);

}  // namespace wb::exporter
