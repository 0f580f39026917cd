// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>

#include "core/proto/meta_graph.pb.h"
#include "formats/checkpoint/tensor_bundle.h"
#include "ir/graph.h"
#include "util/error.h"

namespace wb::formats::saved_model {

// For TF2 SavedModels: the checkpoint key of every variable handle the main graph passes to a
// concrete function as a captured input. A call's trailing inputs are the function's
// `bound_inputs` (SavedObjectGraph node ids); the SavedObjectGraph and the checkpoint's
// TrackableObjectGraph are matched from their roots by child names, and the variable's key is the
// checkpoint attribute "VARIABLE_VALUE" (e.g. "v/.ATTRIBUTES/VARIABLE_VALUE").
Expected<std::map<std::string, std::string>> tf2_variable_keys(const tensorflow::MetaGraphDef& meta,
                                                               const checkpoint::TensorBundle& bundle,
                                                               const ir::Graph& graph);

}  // namespace wb::formats::saved_model
