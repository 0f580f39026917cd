// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "export/tfjs_graph_model.h"
#include "formats/registry.h"
#include "util/error.h"
#include "util/progress.h"

namespace wb::exporter {

// Everything `tfjs-wb convert` (and the GUI's export) decides for a graph-model conversion.
struct ConvertOptions {
    // tf_saved_model | tf_hub | tf_frozen_model | keras | tfjs_layers_model (both lowered to TF ops
    // by their readers; the converter goes through a temporary SavedModel for these)
    std::string input_format = "tf_saved_model";
    formats::ReadOptions read;
    bool skip_op_check = false;
    bool strip_debug_ops = true;
    bool run_passes = true;  // the converter's Grappler-style pipeline (core/passes)
    GraphModelOptions graph;
};

struct ConvertReport {
    std::size_t nodes_read = 0;
    std::size_t nodes_written = 0;
    std::size_t weights = 0;
    std::string pipeline;                // pass manager summary, one line per pass
    std::vector<std::string> warnings;   // e.g. functional control flow kept
};

// Op → node names; the error text of the converter's check (spec §7), but listing the nodes.
std::string unsupported_ops_message(const std::map<std::string, std::vector<std::string>>& ops,
                                    const std::string& stage);

// Reads `input`, checks ops before and after optimization, runs the pass pipeline and writes a
// tfjs graph model into `output` atomically (nothing is left behind on failure or cancel).
Expected<ConvertReport> convert_to_graph_model(const std::filesystem::path& input, const std::filesystem::path& output,
                                               const ConvertOptions& options, const Progress& progress = {});

}  // namespace wb::exporter
