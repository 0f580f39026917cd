// SPDX-License-Identifier: Apache-2.0
// `tfjs-wb inspect MODEL [--json]`: what is in a model and what TensorFlow.js cannot run.
#include <CLI/CLI.hpp>

#include <iomanip>
#include <iostream>

#include "analysis/model_summary.h"
#include "analysis/op_support.h"
#include "cli/command.h"
#include "formats/registry.h"

namespace wb::cli {

namespace {

std::string tensor_line(const ir::TensorInfo& t) {
    const bool plain = t.key.empty() || t.key == t.name || t.name == t.key + ":0";
    std::string line = plain ? t.name : t.key + " -> " + t.name;
    line += "  " + (t.dtype == ir::DType::Invalid ? std::string("?") : std::string(ir::dtype_name(t.dtype)));
    return line + "  " + t.shape.to_string();
}

std::string tallies(const std::map<std::string, analysis::WeightTally>& m) {
    std::string out;
    for (const auto& [k, v] : m)
        out += (out.empty() ? "" : ", ") + k + " " + std::to_string(v.count) + " (" + std::to_string(v.bytes) + " B)";
    return out.empty() ? "-" : out;
}

void print_text(const analysis::ModelSummary& s, const formats::Reader* reader) {
    auto& o = std::cout;
    o << "Model:     " << s.source_path << "\n";
    o << "Format:    " << s.format;
    if (reader) o << " (" << reader->description() << ")";
    o << "\n";
    if (!s.generated_by.empty()) o << "Generated: " << s.generated_by << "\n";
    if (!s.converted_by.empty()) o << "Converted: " << s.converted_by << "\n";
    if (s.has_versions) o << "Versions:  producer " << s.producer << ", min consumer " << s.min_consumer << "\n";
    o << "Inputs (" << s.inputs.size() << "):\n";
    for (const auto& t : s.inputs) o << "  " << tensor_line(t) << "\n";
    o << "Outputs (" << s.outputs.size() << "):\n";
    for (const auto& t : s.outputs) o << "  " << tensor_line(t) << "\n";
    o << "Nodes:     " << s.node_count;
    if (s.function_count) o << " (+" << s.function_node_count << " in " << s.function_count << " functions)";
    o << "\nOps (" << s.op_histogram.size() << " types):\n";
    for (const auto& [op, count] : s.op_histogram) {
        auto category = analysis::op_category(op);
        o << "  " << std::left << std::setw(32) << op << std::right << std::setw(6) << count << "  "
          << (s.unsupported_ops.count(op) ? "NOT SUPPORTED by TensorFlow.js" : std::string(category)) << "\n";
    }
    o << "Weights:   " << s.weight_count << " tensors, " << s.weight_bytes << " bytes\n";
    o << "  by dtype:        " << tallies(s.weights_by_dtype) << "\n";
    o << "  by quantization: " << tallies(s.weights_by_quantization) << "\n";
    if (s.unsupported_ops.empty()) {
        o << "TensorFlow.js supports every op of this model.\n";
    } else {
        o << "Ops TensorFlow.js does not support (" << s.unsupported_ops.size() << "):\n";
        for (const auto& [op, nodes] : s.unsupported_ops) {
            o << "  " << op << " (" << nodes.size() << " nodes): ";
            for (std::size_t k = 0; k < nodes.size(); ++k) o << (k ? ", " : "") << nodes[k];
            o << "\n";
            if (auto hint = analysis::unsupported_hint(op); !hint.empty()) o << "    hint: " << hint << "\n";
        }
    }
    for (const auto& w : s.warnings) o << "Warning:   " << w << "\n";
}

class InspectCommand : public Command {
public:
    std::string name() const override { return "inspect"; }
    std::string summary() const override {
        return "Show what a model contains and which of its ops TensorFlow.js cannot run";
    }
    void configure(CLI::App& app) override {
        app.description(
            "Reads a model and prints its format, producer (generatedBy / convertedBy / GraphDef versions), "
            "inputs and outputs with dtype and shape, node count, op histogram, weight count and bytes by "
            "dtype and by quantization, and every op TensorFlow.js does not support with the nodes that use it.\n"
            "MODEL may be a frozen GraphDef (.pb binary or .pbtxt text), a SavedModel or TF Hub module folder, "
            "a Keras .h5 or .keras file, or a TensorFlow.js model.json (graph or layers model; the weight "
            "shards beside it are read and checked).");
        app.add_option("MODEL", model_path_, "Model: frozen_model.pb, graph.pbtxt, SavedModel folder, model.h5, model.keras or model.json")->required();
        app.add_flag("--json", json_, "Print one JSON object instead of text (for scripts)");
        app.add_option("--output_node_names", output_nodes_,
                       "Frozen graphs: comma-separated output nodes (default: nodes nobody consumes)")
            ->delimiter(',');
        app.add_flag("--topology_only", topology_only_, "Skip weight shards: show the graph only");
        app.add_flag("--keep_debug_ops", keep_debug_ops_,
                     "Count Assert/CheckNumerics/Print as unsupported (as the converter does without "
                     "--strip_debug_ops)");
        app.footer("Examples:\n"
                   "  tfjs-wb inspect frozen_model.pb\n"
                   "  tfjs-wb inspect web_model/model.json --json\n"
                   "  tfjs-wb inspect graph.pbtxt --output_node_names=logits,probs\n"
                   "Exit status: 0 when the model was read, 1 when it could not be (the message names the "
                   "file and the item at fault).");
    }
    int run() override {
        formats::ReadOptions options;
        options.output_node_names = output_nodes_;
        options.topology_only = topology_only_;
        auto model = formats::read_model(model_path_, options);
        if (!model) return fail(model.error().what());
        auto summary = analysis::summarize(*model, !keep_debug_ops_);
        if (json_) std::cout << summary.to_json().dump(2) << "\n";
        else print_text(summary, formats::find_reader(model->format));
        return 0;
    }

private:
    std::string model_path_;
    bool json_ = false;
    std::vector<std::string> output_nodes_;
    bool topology_only_ = false;
    bool keep_debug_ops_ = false;
};

}  // namespace

std::unique_ptr<Command> make_inspect_command() { return std::make_unique<InspectCommand>(); }

}  // namespace wb::cli
