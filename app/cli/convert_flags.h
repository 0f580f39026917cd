// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "export/convert_job.h"
#include "export/quantize_select.h"
#include "util/error.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace wb::cli {

// What the flags resolve to: the output format (inferred when absent, spec §1.3) and either a
// graph-model conversion or a Keras route handled elsewhere.
struct ConvertPlan {
    std::string output_format;
    bool keras_route = false;  // legal pair whose converter lives with the Keras readers
    exporter::ConvertOptions options;
    std::vector<std::string> warnings;
};

// tensorflowjs_converter's flags with their defaults and checks (CONV:725-940).
struct ConvertFlags {
    std::string input_path, output_path;
    std::string input_format = "tf_saved_model", output_format;
    std::string signature_name, saved_model_tags = "serve";
    std::string quantize_float16, quantize_uint8, quantize_uint16;
    int quantization_bytes = 0;
    bool split_weights_by_layer = false, show_version = false, skip_op_check = false;
    // argparse `type=bool` flags: they take a value (see parse_bool_flag).
    std::string strip_debug_ops = "True", use_structured_outputs_names = "False", control_flow_v2 = "False",
                experiments = "False";
    long long weight_shard_size_bytes = 0;
    std::string output_node_names, metadata;

    void declare(CLI::App& app);
    Expected<ConvertPlan> validate() const;
    exporter::QuantizationFlags quantization() const;

private:
    CLI::Option *opt_signature_ = nullptr, *opt_shard_ = nullptr, *opt_cf2_ = nullptr;
    CLI::Option *opt_q16_ = nullptr, *opt_q8_ = nullptr, *opt_q16u_ = nullptr, *opt_qbytes_ = nullptr;
    CLI::Option *opt_metadata_ = nullptr;
};

// "True"/"true"/"1"/"yes" → true; "False"/"false"/"0"/"no"/"" → false; else an error.
// Deliberately stricter than argparse's bool('False') == True (spec §1.2 gotcha).
Expected<bool> parse_bool_flag(const std::string& flag, const std::string& value);

// --metadata "key:path.json[,key2:path2.json]" → parsed JSON per key, in order.
Expected<std::vector<std::pair<std::string, nlohmann::ordered_json>>> parse_metadata_flag(const std::string& value);

}  // namespace wb::cli
