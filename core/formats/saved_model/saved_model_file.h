// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <string>

#include "core/proto/meta_graph.pb.h"
#include "core/proto/saved_model.pb.h"
#include "util/error.h"

namespace wb::formats::saved_model {

// Parses `dir`/saved_model.pb (binary) or saved_model.pbtxt (text format).
Expected<tensorflow::SavedModel> parse_saved_model(const std::filesystem::path& dir);

// The MetaGraph whose tag set equals `tags` (comma-separated, order-free; "" = empty set).
// Error: 'no MetaGraph with tags {serve} in ...; available tag sets: {serve,gpu}, {}'.
Expected<const tensorflow::MetaGraphDef*> select_meta_graph(const tensorflow::SavedModel& model,
                                                            const std::string& tags, const std::string& file);

// The SignatureDef `name`; error lists the available signature keys.
Expected<const tensorflow::SignatureDef*> select_signature(const tensorflow::MetaGraphDef& meta,
                                                           const std::string& name, const std::string& file);

}  // namespace wb::formats::saved_model
