// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "formats/keras_h5/keras_archive.h"
#include "formats/registry.h"

namespace wb::formats {

// Reads the archive of a Keras .h5 (full model or weights-only) or, via the keras_v3 reader, of
// a .keras zip. `topology_json` (optional) supplies model.to_json() for weights-only files.
Expected<keras::KerasArchive> read_keras_archive(const std::filesystem::path& path,
                                                 const std::filesystem::path& topology_json = {},
                                                 bool skip_weights = false);

// Lowers an archive into a Model (format = reader name). Weights-only archives without a
// topology become a graph of Consts, one per weight.
Expected<ir::Model> keras_model_from_archive(const keras::KerasArchive& archive, const std::string& file,
                                             const std::string& format, bool topology_only);

// {"keras_version", "backend", "model_config", "training_config"} as the converter writes
// modelTopology (spec §3.2); null JSON for weights-only archives.
nlohmann::json keras_topology(const keras::KerasArchive& archive);

// .h5 + separate JSON topology, for Model.save_weights() files.
Expected<ir::Model> read_keras_h5(const std::filesystem::path& path, const std::filesystem::path& topology_json,
                                  const ReadOptions& options = {});

// Lowers a model that carries a Keras topology and its weights as Const nodes named
// "<layer>/<weight>" (what the tfjs layers-model reader returns) into runnable TensorFlow ops.
Expected<ir::Model> lower_keras_topology(const ir::Model& source);

std::unique_ptr<Reader> make_keras_h5_reader();

}  // namespace wb::formats
