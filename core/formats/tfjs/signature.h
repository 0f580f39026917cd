// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <nlohmann/json.hpp>

#include "ir/model.h"

namespace wb::formats::tfjs {

// Sets Model::inputs/outputs the way the tfjs loader resolves them (spec §8.2): the entries of
// `signature.inputs`/`outputs` when non-empty (key = signature key), else Placeholder nodes and
// nodes without consumers. Callers pass userDefinedMetadata.signature when present (old
// converters put it there and the runtime prefers it).
void apply_signature(ir::Model& model, const nlohmann::ordered_json& signature);

}  // namespace wb::formats::tfjs
