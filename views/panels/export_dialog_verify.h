// SPDX-License-Identifier: Apache-2.0
// The export dialog's "Verify": reload what was written, run it and the source model on the
// same inputs in the bundled runtime, and report the largest differences per output.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "formats/registry.h"
#include "runtime/session.h"
#include "util/error.h"
#include "util/progress.h"

namespace wb::views {

struct OutputDiff {
    std::string name;     // the export's output key (or node name)
    std::string shape;
    double max_abs = 0;   // max |export − source|
    double max_rel = 0;   // max_abs / max |source| (0 when the source is all zeros)
};

struct VerifyResult {
    std::vector<OutputDiff> outputs;
    std::vector<runtime::NamedTensor> inputs;   // fed to both, named as the export expects
    std::vector<runtime::NamedTensor> expected; // the source model's outputs, named as `outputs`
    double worst_abs() const;
};

// Reads `source` with `reader_name` and `options` (as the conversion did) and `exported`
// (a folder holding model.json), feeds both the random inputs `tfjs-wb run --fill random
// --seed 42` makes for the export, and compares every output the two share.
Expected<VerifyResult> verify_export(const std::filesystem::path& source, const std::string& reader_name,
                                     const formats::ReadOptions& options, const std::filesystem::path& exported,
                                     const Progress& progress = {});

}  // namespace wb::views
