// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>

#include "formats/keras_h5/keras_archive.h"
#include "util/error.h"
#include "util/progress.h"

namespace wb::exporter {

// Writes `archive` (a full model: topology + weights) as the Keras 2 HDF5 file that
// tensorflowjs_converter's tfjs_layers_model → keras route gets from tf_keras' model.save(h5)
// (CONV:296): root attributes keras_version, backend, model_config (+ training_config when the
// source has one), group model_weights with layer_names (model.layers order), one group per layer
// with weight_names, and datasets <layer>/<weight name>:0. Weights are written as stored in the
// archive (quantized layers-model weights arrive dequantized to float32).
// Atomic: the file is written beside `output` under a temporary name and renamed into place, so
// `output` is either the complete new file or untouched (also when `progress` stops it). `output`
// must not be a directory; `source` names the input in errors.
Status write_keras_h5(const formats::keras::KerasArchive& archive, const std::filesystem::path& output,
                      const std::filesystem::path& source = {}, const Progress& progress = {});

}  // namespace wb::exporter
