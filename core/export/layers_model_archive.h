// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>

#include "formats/keras_h5/keras_archive.h"
#include "util/error.h"
#include "util/progress.h"

namespace wb::exporter {

// A tfjs layers model.json and its shards as the Keras archive the converter would save them to
// (tfjs_layers_model → tfjs_layers_model goes through a temporary .h5, spec §1 CONV:405): the
// topology's keras_version / backend / model_config / training_config, and every weight decoded
// to its stored dtype (quantized weights dequantized, as tfjs-layers loads them), grouped by
// layer — the first component of the weight name — in the h5's alphanumeric layer order.
Expected<formats::keras::KerasArchive> archive_from_layers_model(const std::filesystem::path& model_json,
                                                                  const Progress& progress = {});

}  // namespace wb::exporter
