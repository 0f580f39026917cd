// SPDX-License-Identifier: Apache-2.0
// The graph pipeline of spec §6 in the anchor's order: read + freeze → op check "before
// optimization" → passes → op check "after optimization" → extract weights and write.
#include "export/convert_job.h"

#include "export/atomic_dir.h"
#include "formats/saved_model/freeze.h"
#include "ir/validate.h"
// The op table and the pass pipeline land from other modules; without them the export is the
// frozen graph as read, with no op check (said in the report's warnings).
#if __has_include("analysis/op_support.h")
#include "analysis/op_support.h"
#define WB_HAVE_OP_SUPPORT 1
#endif
#if __has_include("passes/pipelines.h")
#include "passes/pipelines.h"
#define WB_HAVE_PASSES 1
#endif

namespace wb::exporter {
namespace {

constexpr std::size_t kNodesListed = 5;

bool has_functional_control_flow(const ir::Graph& g) {
    auto is_cf = [](const ir::Node& n) {
        return n.op == "While" || n.op == "If" || n.op == "StatelessWhile" || n.op == "StatelessIf";
    };
    for (const auto& n : g.nodes())
        if (is_cf(n)) return true;
    for (const auto& f : g.functions)
        for (const auto& n : f.nodes)
            if (is_cf(n)) return true;
    return false;
}

}  // namespace

std::string unsupported_ops_message(const std::map<std::string, std::vector<std::string>>& ops,
                                    const std::string& stage) {
    std::string msg = "Unsupported Ops in the model " + stage + ":";
    for (const auto& [op, nodes] : ops) {
        msg += "\n  " + op + " (" + std::to_string(nodes.size()) + " node" + (nodes.size() == 1 ? "" : "s") + "): ";
        for (std::size_t i = 0; i < nodes.size() && i < kNodesListed; ++i) msg += (i ? ", " : "") + nodes[i];
        if (nodes.size() > kNodesListed) msg += ", ... (" + std::to_string(nodes.size() - kNodesListed) + " more)";
    }
    return msg;
}

Expected<ConvertReport> convert_to_graph_model(const std::filesystem::path& input, const std::filesystem::path& output,
                                               const ConvertOptions& options, const Progress& progress) {
    ConvertReport report;
    const formats::Reader* reader = formats::find_reader(options.input_format);
    if (!reader) return Error{input.string(), {}, "no reader for input format '" + options.input_format + "'"};
    // Refuse a bad output path before spending time on the model.
    auto out_dir = AtomicDir::begin(output, input);
    if (!out_dir) return out_dir.error();

    Progress reading{[&](double f, const std::string& s) { progress.report(0.4 * f, s); }, progress.stop};
    auto model = reader->read(input, options.read, reading);
    if (!model) return model.error();
    if (progress.cancelled()) return Error{input.string(), {}, "cancelled"};
    report.nodes_read = model->graph.size();
    if (options.input_format == "tf_frozen_model") {
        // Grappler keeps only the fan-in of the fetches (the --output_node_names).
        std::vector<std::string> fetches;
        for (const auto& o : model->outputs) fetches.push_back(o.name);
        if (auto st = formats::saved_model::prune_to_outputs(model->graph, fetches, input.string()); !st)
            return st.error();
    }
    if (auto st = ir::validate(*model); !st) return st.error();
    // State kept between calls (resource variables, e.g. a Keras stateful RNN's states) has no
    // TensorFlow.js graph-model equivalent: refuse whatever the op-check options say.
    std::vector<std::string> variables;
    for (const auto& n : model->graph.nodes())
        if (n.op == "VarHandleOp") variables.push_back(n.name);
    if (!variables.empty()) {
        std::string names;
        for (std::size_t i = 0; i < variables.size() && i < kNodesListed; ++i) names += (i ? ", " : "") + variables[i];
        return Error{input.string(), {}, "the model keeps state between calls (stateful layer states: " + names +
                                             "); a TensorFlow.js graph model cannot hold state, export a layers model "
                                             "instead (it keeps stateful: true for tfjs-layers)"};
    }

#ifdef WB_HAVE_OP_SUPPORT
    if (!options.skip_op_check) {
        auto bad = analysis::unsupported_ops(model->graph, options.strip_debug_ops);
        if (!bad.empty()) return Error{input.string(), {}, unsupported_ops_message(bad, "before optimization")};
    }
#else
    report.warnings.push_back("op check unavailable in this build (core/analysis/op_support.h missing)");
#endif
#ifdef WB_HAVE_PASSES
    if (options.run_passes) {
        progress.report(0.45, "Optimizing graph");
        passes::PipelineOptions popts;
        popts.strip_debug_ops = options.strip_debug_ops;
        Progress optimizing{[&](double f, const std::string& s) { progress.report(0.45 + 0.15 * f, s); }, progress.stop};
        auto piped = passes::run_default_pipeline(*model, popts, optimizing);
        if (!piped) return Error{input.string(), piped.error().item, "optimization failed: " + piped.error().message};
        report.pipeline = piped->text();
        for (const auto& w : piped->warnings) report.warnings.push_back(w);
#ifdef WB_HAVE_OP_SUPPORT
        if (!options.skip_op_check) {
            auto bad = analysis::unsupported_ops(model->graph, options.strip_debug_ops);
            if (!bad.empty()) return Error{input.string(), {}, unsupported_ops_message(bad, "after optimization")};
        }
#endif
    }
#else
    report.warnings.push_back("graph optimization unavailable in this build: the frozen graph is exported as read");
#endif
    if (has_functional_control_flow(model->graph) && !options.read.control_flow_v2)
        report.warnings.push_back(
            "functional control flow (While/If) is kept where it could not be lowered to Switch/Merge/Enter/Exit "
            "(frozen GraphDefs are not lowered, as with tensorflowjs_converter; resource loop variables)");
    for (const auto& w : model->warnings) report.warnings.push_back(w);
    if (progress.cancelled()) return Error{input.string(), {}, "cancelled"};

    report.nodes_written = model->graph.size();
    GraphModelOptions gopts = options.graph;
    gopts.weights.progress = &progress;
    Progress writing{[&](double f, const std::string& s) { progress.report(0.6 + 0.4 * f, s); }, progress.stop};
    if (auto st = write_graph_model(*model, out_dir->path(), gopts, writing); !st) return st.error();
    if (progress.cancelled()) return Error{input.string(), {}, "cancelled"};
    if (auto st = out_dir->commit(); !st) return st.error();
    for (const auto& n : model->graph.nodes()) report.weights += n.is_const();
    return report;
}

}  // namespace wb::exporter
