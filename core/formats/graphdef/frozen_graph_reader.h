// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <memory>

#include "core/proto/graph.pb.h"
#include "formats/registry.h"

namespace wb::formats {

// Parses a GraphDef file: binary protobuf (.pb, up to 2 GiB) or text format (.pbtxt/.pbtext).
// Errors name the file and, for text files, the line and column.
Expected<tensorflow::GraphDef> parse_graphdef_file(const std::filesystem::path& path);

// Reader "tf_frozen_model": a frozen GraphDef with weights in Const nodes.
std::unique_ptr<Reader> make_frozen_graph_reader();

}  // namespace wb::formats
