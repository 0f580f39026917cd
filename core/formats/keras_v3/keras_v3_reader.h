// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <memory>

#include "formats/keras_h5/keras_archive.h"
#include "formats/registry.h"

namespace wb::formats::keras_v3 {

// Reads a Keras 3 .keras zip in memory (config.json, metadata.json, model.weights.h5); nothing
// is extracted to disk. Weights are named by their HDF5 path ("layers/dense/vars/0") and grouped
// by top-level layer; model_config has module/registered_name/date_saved removed (spec §3.4).
Expected<keras::KerasArchive> read_keras_v3_archive(const std::filesystem::path& path, bool skip_weights);

}  // namespace wb::formats::keras_v3

namespace wb::formats {
std::unique_ptr<Reader> make_keras_v3_reader();
}
