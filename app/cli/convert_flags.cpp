// SPDX-License-Identifier: Apache-2.0
#include "cli/convert_flags.h"

#include <CLI/CLI.hpp>

#include <fstream>
#include <map>
#include <set>

namespace wb::cli {
namespace {

const std::vector<std::string> kInputFormats = {"keras", "keras_saved_model", "keras_keras", "tf_saved_model",
                                                "tf_hub", "tfjs_layers_model", "tf_frozen_model"};
const std::vector<std::string> kOutputFormats = {"keras", "keras_saved_model", "tfjs_layers_model", "tfjs_graph_model",
                                                 "keras_keras"};

// CONV:_dispatch_converter branches. true = implemented here (graph model), false = Keras route.
const std::map<std::pair<std::string, std::string>, bool>& legal_pairs() {
    static const std::map<std::pair<std::string, std::string>, bool> pairs = {
        {{"keras", "tfjs_layers_model"}, false},         {{"keras_keras", "tfjs_layers_model"}, false},
        {{"keras", "tfjs_graph_model"}, true},          {{"keras_saved_model", "tfjs_layers_model"}, false},
        {{"tf_saved_model", "tfjs_graph_model"}, true},  {{"tf_hub", "tfjs_graph_model"}, true},
        {{"tf_frozen_model", "tfjs_graph_model"}, true}, {{"tfjs_layers_model", "keras"}, false},
        {{"tfjs_layers_model", "keras_keras"}, false},   {{"tfjs_layers_model", "keras_saved_model"}, false},
        {{"tfjs_layers_model", "tfjs_layers_model"}, false}, {{"tfjs_layers_model", "tfjs_graph_model"}, true},
    };
    return pairs;
}

std::string infer_output_format(const std::string& input) {
    if (input == "keras" || input == "keras_saved_model") return "tfjs_layers_model";
    if (input == "tf_saved_model" || input == "tf_frozen_model" || input == "tf_hub") return "tfjs_graph_model";
    if (input == "tfjs_layers_model") return "keras";
    return {};  // keras_keras: no default, rejected as an unsupported pair
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        auto end = s.find(sep, start);
        out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) return out;
        start = end + 1;
    }
}

}  // namespace

Expected<bool> parse_bool_flag(const std::string& flag, const std::string& value) {
    static const std::set<std::string> yes = {"True", "true", "TRUE", "1", "yes", "Yes"};
    static const std::set<std::string> no = {"False", "false", "FALSE", "0", "no", "No", ""};
    if (yes.count(value)) return true;
    if (no.count(value)) return false;
    return Error{{}, flag, "expects True or False, got '" + value + "'"};
}

Expected<std::vector<std::pair<std::string, nlohmann::ordered_json>>> parse_metadata_flag(const std::string& value) {
    std::vector<std::pair<std::string, nlohmann::ordered_json>> out;
    for (const auto& item : split(value, ',')) {
        // Split at the first ':' only, so a Windows drive letter in the path still works.
        auto colon = item.find(':');
        if (colon == std::string::npos || colon == 0)
            return Error{{}, "--metadata", "expects key:path.json entries separated by ',', got '" + item + "'"};
        const std::string key = item.substr(0, colon), path = item.substr(colon + 1);
        std::ifstream in(path);
        if (!in) return Error{path, "--metadata '" + key + "'", "cannot open the metadata file"};
        try {
            out.emplace_back(key, nlohmann::ordered_json::parse(in));
        } catch (const nlohmann::json::exception& e) {
            return Error{path, "--metadata '" + key + "'", std::string("not valid JSON: ") + e.what()};
        }
    }
    return out;
}

void ConvertFlags::declare(CLI::App& app) {
    app.description(
        "Converts a TensorFlow SavedModel, TF-Hub module or frozen GraphDef into a TensorFlow.js graph model "
        "(model.json + group1-shard*of*.bin), with the flags and defaults of tensorflowjs_converter 4.22; Keras .h5 / "
        ".keras files into a layers or graph model; a tfjs layers model into a graph model, a re-sharded or "
        "re-quantized layers model, or a Keras .h5 (--output_format=keras). Flags take --flag=value or --flag value. "
        "The output appears complete or not at all; Ctrl-C leaves nothing behind.");
    app.footer("Examples:\n"
               "  tfjs-wb convert --input_format=tf_saved_model --signature_name=serving_default saved_model/ web_model/\n"
               "  tfjs-wb convert --input_format=tf_frozen_model --output_node_names=logits frozen.pb web_model/\n"
               "  tfjs-wb convert --input_format=keras --quantize_uint8 model.h5 web_model/\n"
               "  tfjs-wb convert --input_format=tfjs_layers_model --output_format=keras web_model/model.json model.h5");
    app.add_option("input_path", input_path, "Path of the input model (SavedModel/Hub folder, .pb, .h5, .keras, model.json)");
    app.add_option("output_path", output_path, "Folder for model.json and the weight shards (a .h5 file for --output_format=keras)");
    app.add_option("--input_format", input_format, "Input format (default tf_saved_model)")
        ->check(CLI::IsMember(kInputFormats));
    app.add_option("--output_format", output_format, "Output format (default: inferred from --input_format)")
        ->check(CLI::IsMember(kOutputFormats));
    opt_signature_ = app.add_option("--signature_name", signature_name,
                                    "Signature of a SavedModel or TF-Hub module (default serving_default / default)");
    app.add_option("--saved_model_tags", saved_model_tags,
                   "Comma-separated MetaGraph tags of the SavedModel (default serve; '' = empty tag set)");
    const char* qhelp = " quantization: bare = every float32 weight, or a comma-separated list of fnmatch patterns";
    opt_q16_ = app.add_option("--quantize_float16", quantize_float16, std::string("float16") + qhelp)->expected(0, 1);
    opt_q8_ = app.add_option("--quantize_uint8", quantize_uint8, std::string("uint8 affine") + qhelp)->expected(0, 1);
    opt_q16u_ = app.add_option("--quantize_uint16", quantize_uint16, std::string("uint16 affine") + qhelp)->expected(0, 1);
    opt_qbytes_ = app.add_option("--quantization_bytes", quantization_bytes,
                                 "Deprecated: 1 = uint8, 2 = uint16 for every weight")
                      ->check(CLI::IsMember({1, 2}));
    app.add_flag("--split_weights_by_layer", split_weights_by_layer, "Keras → layers model: one weight group per layer");
    app.add_flag("--version,-v", show_version, "Print the version and exit");
    app.add_flag("--skip_op_check", skip_op_check, "Do not reject ops TensorFlow.js does not support");
    app.add_option("--strip_debug_ops", strip_debug_ops, "True|False: strip Assert/CheckNumerics/Print (default True)");
    app.add_option("--use_structured_outputs_names", use_structured_outputs_names,
                   "True|False: write userDefinedMetadata.structuredOutputKeys (default False)");
    opt_shard_ = app.add_option("--weight_shard_size_bytes", weight_shard_size_bytes,
                                "Shard size of the weight files in bytes (default 4194304)");
    app.add_option("--output_node_names", output_node_names,
                   "Comma-separated output node names (required for tf_frozen_model)");
    opt_cf2_ = app.add_option("--control_flow_v2", control_flow_v2,
                              "True|False: keep functional While/If (default False)");
    app.add_option("--experiments", experiments, "True|False: experimental features (default False)");
    opt_metadata_ = app.add_option("--metadata", metadata, "key:path.json[,key2:path2.json]: userDefinedMetadata entries");
}

exporter::QuantizationFlags ConvertFlags::quantization() const {
    exporter::QuantizationFlags q;
    auto flag = [](const CLI::Option* o, const std::string& v) {
        if (!o || o->count() == 0) return exporter::QuantizeFlag{};
        return o->results().empty() || o->results()[0].empty() ? exporter::QuantizeFlag::bare()
                                                               : exporter::QuantizeFlag::patterns(v);
    };
    q.float16 = flag(opt_q16_, quantize_float16);
    q.uint8 = flag(opt_q8_, quantize_uint8);
    q.uint16 = flag(opt_q16u_, quantize_uint16);
    q.quantization_bytes = opt_qbytes_ && opt_qbytes_->count() ? quantization_bytes : 0;
    return q;
}

Expected<ConvertPlan> ConvertFlags::validate() const {
    ConvertPlan plan;
    if (input_path.empty()) return Error{{}, {}, "Missing input_path argument. For usage, use the --help flag."};
    if (output_path.empty()) return Error{{}, {}, "Missing output_path argument. For usage, use the --help flag."};
    plan.output_format = output_format.empty() ? infer_output_format(input_format) : output_format;
    auto pair = legal_pairs().find({input_format, plan.output_format});
    if (pair == legal_pairs().end())
        return Error{{}, {}, "Unsupported input_format - output_format pair: " + input_format + " - " +
                                 (plan.output_format.empty() ? std::string("None") : plan.output_format)};
    plan.keras_route = !pair->second;
    const bool tfjs_output = plan.output_format == "tfjs_layers_model" || plan.output_format == "tfjs_graph_model";
    if (opt_shard_ && opt_shard_->count()) {
        if (!tfjs_output)
            return Error{{}, "--weight_shard_size_bytes", "is only allowed when the output format is tfjs_layers_model or tfjs_graph_model"};
        if (weight_shard_size_bytes <= 0)
            return Error{{}, "--weight_shard_size_bytes", "must be a positive integer, got " + std::to_string(weight_shard_size_bytes)};
    }
    if (input_format == "tf_frozen_model" && output_node_names.empty())
        return Error{{}, "--output_node_names", "is required for tf_frozen_model (comma-separated node names)"};
    if (opt_signature_ && opt_signature_->count() && input_format != "tf_saved_model" && input_format != "tf_hub")
        return Error{{}, "--signature_name", "is only valid for the tf_saved_model and tf_hub input formats"};
    if (opt_cf2_ && opt_cf2_->count() && plan.output_format != "tfjs_graph_model")
        return Error{{}, "--control_flow_v2", "is only valid when the output format is tfjs_graph_model"};

    auto strip = parse_bool_flag("--strip_debug_ops", strip_debug_ops);
    auto structured = parse_bool_flag("--use_structured_outputs_names", use_structured_outputs_names);
    auto cf2 = parse_bool_flag("--control_flow_v2", control_flow_v2);
    auto exp = parse_bool_flag("--experiments", experiments);
    for (const auto* r : {&strip, &structured, &cf2, &exp})
        if (!*r) return r->error();

    auto& o = plan.options;
    o.input_format = input_format;
    o.read.saved_model_tags = saved_model_tags;
    o.read.signature_name = signature_name;
    o.read.control_flow_v2 = *cf2;
    if (!output_node_names.empty()) o.read.output_node_names = split(output_node_names, ',');
    o.skip_op_check = skip_op_check;
    o.strip_debug_ops = *strip;
    o.graph.use_structured_outputs_names = *structured;
    o.graph.weights.shard_size_bytes = opt_shard_ && opt_shard_->count() ? weight_shard_size_bytes : 4194304;
    if (opt_metadata_ && opt_metadata_->count() && !metadata.empty()) {
        auto m = parse_metadata_flag(metadata);
        if (!m) return Error{m.error().file, {}, m.error().item + ": " + m.error().message};
        o.graph.metadata = std::move(*m);
    }
    if (*exp) plan.warnings.push_back("--experiments has no effect here (it only tunes Grappler in the anchor)");
    if (split_weights_by_layer && !plan.keras_route)
        plan.warnings.push_back("--split_weights_by_layer only applies to Keras → tfjs_layers_model");
    return plan;
}

}  // namespace wb::cli
