// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <string>

#include "export/tfjs_layers_model.h"
#include "util/error.h"
#include "util/progress.h"

namespace wb::exporter {

struct KerasConvertOptions {
    std::string input_format = "keras";  // keras | keras_keras | tfjs_layers_model (re-shard / re-quantize)
    std::string output_format = "tfjs_layers_model";  // or keras (.h5) from tfjs_layers_model
    LayersModelOptions layers;
};

struct KerasConvertReport {
    std::size_t layers_with_weights = 0;
    std::size_t weights = 0;
    bool topology = false;
};

// The Keras routes of `tfjs-wb convert`: keras / keras_keras / tfjs_layers_model → tfjs_layers_model, and
// tfjs_layers_model → keras (.h5 file). The output folder or file is written atomically; the input is only
// read (a .keras zip is read in memory).
Expected<KerasConvertReport> convert_keras(const std::filesystem::path& input, const std::filesystem::path& output,
                                           const KerasConvertOptions& options, const Progress& progress = {});

}  // namespace wb::exporter
