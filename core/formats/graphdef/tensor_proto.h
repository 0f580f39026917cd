// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

#include "core/proto/tensor.pb.h"
#include "ir/tensor.h"
#include "util/error.h"

namespace wb::formats {

// Largest tensor a reader will materialise (declared shape × dtype size). Checked before any
// allocation so a hostile shape cannot exhaust memory.
inline constexpr std::size_t kMaxTensorBytes = std::size_t{1} << 31;

// TensorShapeProto ⇄ ir::Shape (dim -1 = unknown; unknown_rank kept). Dim names are dropped.
ir::Shape shape_from_proto(const tensorflow::TensorShapeProto& proto);
void shape_to_proto(const ir::Shape& shape, tensorflow::TensorShapeProto* proto);

// TensorProto → ir::Tensor. Reads tensor_content or the typed *_val field of the dtype; fewer
// typed values than elements repeat the last one (TensorFlow's splat rule), none means zeros.
// `item` names the tensor in errors (e.g. "node 'conv/weights'"); Error::file is left empty.
Expected<ir::Tensor> tensor_from_proto(const tensorflow::TensorProto& proto, const std::string& item);

// ir::Tensor → TensorProto: numeric dtypes as tensor_content (little-endian), strings as string_val.
void tensor_to_proto(const ir::Tensor& tensor, tensorflow::TensorProto* proto);

}  // namespace wb::formats
