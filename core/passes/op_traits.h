// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "ir/node.h"
#include "ir/tensor.h"

namespace wb::passes {

// Ops whose result is not a pure function of their inputs (random, variables, queues, I/O):
// never folded, never merged.
bool is_stateful(std::string_view op);
// TensorFlow v1 control flow and frame ops: passes leave them and the Identity anchors
// hanging off them alone, because control edges on them carry branch semantics.
bool is_control_flow(std::string_view op);
// The tensor of a Const node, else nullptr.
const ir::Tensor* const_value(const ir::Node& node);
// A Const node the way TensorFlow writes one (attrs dtype and value).
ir::Node make_const(const std::string& name, const ir::Tensor& value, const std::string& device = {});
// True when every element equals `v` (numeric tensors only).
bool all_elements_equal(const ir::Tensor& t, double v);
// The static shape of output `k` from a Const value, a Placeholder's `shape` attr or an
// `_output_shapes` attr; nullopt when unknown.
std::optional<ir::Shape> known_shape(const ir::Node& node, int k = 0);
// A canonical text of the attrs, for spotting identical nodes (Const values by content).
std::string attrs_fingerprint(const ir::AttrMap& attrs);

}  // namespace wb::passes
