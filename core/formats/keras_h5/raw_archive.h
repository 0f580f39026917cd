// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "formats/keras_h5/keras_archive.h"

namespace wb::formats::keras {

// What libhdf5 yields from a Keras .h5 (or a .keras zip's model.weights.h5): the root attributes
// as stored and every weight, before any JSON parsing. It is produced in a sandboxed child process
// (isolated_read.h), because libhdf5 can crash on hostile files, and handed to the reader as a
// message (archive_wire.h); absent attributes stay nullopt.
struct RawArchive {
    std::optional<std::string> keras_version, backend, model_config, training_config;
    bool weights_only = false;
    std::vector<std::string> layer_names;
    std::vector<KerasLayerWeights> layers;
};

// The libhdf5 part: reads the root attributes and every weight; `skip_weights` stops after the
// attributes. Only called inside the isolated child (and by tools over trusted files).
Expected<RawArchive> read_raw_archive(const h5::File& file, const std::string& file_name, bool skip_weights);
// Versions and names end up in JSON (modelTopology, weightsManifest), whose writer throws on
// bytes that are not UTF-8 (fuzz_keras_archive found it): such an archive is refused.
Status check_names_utf8(const RawArchive& raw, const std::string& file_name);
// The in-process part: checks the names, parses model_config / training_config and applies the
// class renames.
Expected<KerasArchive> finish_archive(RawArchive raw, const std::string& file_name);

}  // namespace wb::formats::keras
