// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ir/model.h"
#include "util/error.h"
#include "util/progress.h"

namespace wb::formats {

// What a caller may tell a reader; each reader ignores what does not apply to it.
struct ReadOptions {
    std::vector<std::string> output_node_names;  // frozen graphs: prune/mark outputs
    std::string saved_model_tags = "serve";      // comma-separated; "" = empty tag set
    std::string signature_name;                  // "" = reader default (serving_default / default)
    bool control_flow_v2 = false;
    bool topology_only = false;                  // skip weights even when present
};

// One model format: a cheap probe and a reader. See registry.cpp for the list.
class Reader {
public:
    virtual ~Reader() = default;
    // The converter's --input_format name where one exists ("tf_frozen_model", "tfjs_graph_model"...).
    virtual std::string_view name() const = 0;
    // Human-readable, for dialogs: "TensorFlow frozen GraphDef (.pb)".
    virtual std::string_view description() const = 0;
    // File-name patterns for open dialogs, e.g. {"*.pb", "*.pbtxt"}.
    virtual std::vector<std::string> patterns() const = 0;
    // 0 = not this format, 1 = certain. Reads at most a few KiB; never throws.
    virtual double probe(const std::filesystem::path& path) const = 0;
    virtual Expected<ir::Model> read(const std::filesystem::path& path, const ReadOptions& options,
                                     const Progress& progress) const = 0;
};

// Every reader, in one list.
const std::vector<std::unique_ptr<Reader>>& readers();
const Reader* find_reader(std::string_view name);
// The reader with the highest probe, or nullptr when none claims the path.
const Reader* detect(const std::filesystem::path& path);
// detect() + read() + ir::validate(); errors name the file.
Expected<ir::Model> read_model(const std::filesystem::path& path, const ReadOptions& options = {},
                               const Progress& progress = {});

}  // namespace wb::formats
