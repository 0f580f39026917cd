// SPDX-License-Identifier: Apache-2.0
// `tfjs-wb optimize MODEL`: runs the converter's simplification pipeline and shows what each
// pass did (per-pass report and change log, as text or JSON); --out writes the result as a
// TensorFlow.js graph model.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>

#include "cli/command.h"
#include "formats/registry.h"
// The exporter lands separately (engineer "convert"); --out is wired as soon as it is there.
#if __has_include("export/tfjs_graph_model.h") && __has_include("export/atomic_dir.h")
#include "export/atomic_dir.h"
#include "export/tfjs_graph_model.h"
#define WB_HAVE_GRAPH_EXPORT 1
#endif
#include "passes/pipelines.h"
#include "version.h"

namespace wb::cli {

namespace {

nlohmann::ordered_json changes_json(const std::vector<passes::NodeChange>& changes) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& c : changes)
        out.push_back({{"node", c.node}, {"op", c.op}, {"from", c.from}, {"note", c.note}});
    return out;
}

nlohmann::ordered_json report_json(const passes::PipelineReport& r, const std::string& model) {
    nlohmann::ordered_json j;
    j["model"] = model;
    j["nodes_before"] = r.nodes_before;
    j["nodes_after"] = r.nodes_after;
    j["total_ms"] = r.total_ms;
    auto& list = j["passes"] = nlohmann::ordered_json::array();
    for (const auto& p : r.passes) {
        nlohmann::ordered_json e;
        e["pass"] = p.pass;
        e["summary"] = p.summary();
        e["did_nothing"] = p.did_nothing();
        e["nodes_before"] = p.nodes_before;
        e["nodes_after"] = p.nodes_after;
        e["ms"] = p.ms;
        auto& removed = e["removed"] = nlohmann::ordered_json::array();
        for (const auto& x : p.log.removed) removed.push_back({{"node", x.node}, {"op", x.op}, {"reason", x.reason}});
        e["added"] = changes_json(p.log.added);
        e["rewritten"] = changes_json(p.log.rewritten);
        list.push_back(std::move(e));
    }
    j["warnings"] = r.warnings;
    return j;
}

// One line per node: "name = Op(inputs) @device".
void print_graph(std::ostream& o, const ir::Graph& g) {
    for (const auto& n : g.nodes()) {
        o << "  " << n.name << " = " << n.op << "(";
        for (std::size_t k = 0; k < n.inputs.size(); ++k) o << (k ? ", " : "") << n.inputs[k];
        o << ")";
        if (!n.device.empty()) o << " @" << n.device;
        o << "\n";
    }
}

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::string item;
    for (char c : s + ",") {
        if (c == ',') {
            if (!item.empty()) out.push_back(item);
            item.clear();
        } else if (c != ' ') {
            item += c;
        }
    }
    return out;
}

class OptimizeCommand : public Command {
public:
    std::string name() const override { return "optimize"; }
    std::string summary() const override {
        return "Run the converter's graph simplifications and show what each pass changed";
    }
    void configure(CLI::App& app) override {
        app.description(
            "Runs the Grappler-style pipeline tensorflowjs_converter applies (spec §6.2): pruning, constant "
            "folding, arithmetic simplification, Identity removal, batch-norm folding, BiasAdd normalization "
            "and the _FusedConv2D / _FusedMatMul / FusedDepthwiseConv2dNative / Prelu fusions. Prints one line "
            "per pass (\"name: N nodes (delta), t ms\" or \"did nothing\") and, with --json, every change "
            "with the nodes it came from.\nPasses: " + [] {
                std::string all;
                for (const auto& n : passes::all_pass_names()) all += (all.empty() ? "" : ", ") + n;
                return all;
            }());
        app.add_option("MODEL", model_, "Model file or folder (frozen GraphDef, SavedModel, tfjs model.json...)")
            ->required();
        auto* only = app.add_option("--passes", only_, "Run only these passes (comma-separated), in pipeline order");
        app.add_option("--skip", skip_, "Switch these passes off (comma-separated)")->excludes(only);
        app.add_option("--print-after", print_after_, "Print the graph after every run of this pass");
        app.add_flag("--json", json_, "Print the report and change logs as JSON");
        app.add_option("--out", out_, "Write the optimized model as a TensorFlow.js graph model into DIR");
        app.add_flag("--no-strip-debug-ops", keep_debug_ops_, "Keep Assert/CheckNumerics/Print (converter: --strip_debug_ops=False)");
    }

    int run() override {
        auto model = formats::read_model(model_);
        if (!model) return fail(model.error().what());
        passes::PipelineOptions options;
        options.only = split_list(only_);
        options.skip = split_list(skip_);
        options.strip_debug_ops = !keep_debug_ops_;
        if (!print_after_.empty() && !passes::make_pass(print_after_))
            return fail("--print-after: unknown pass '" + print_after_ + "'");
        std::ostream& dump = json_ ? std::cerr : std::cout;
        options.after_pass = [&](const passes::PassReport& r, const ir::Graph& g) {
            if (r.pass != print_after_) return;
            dump << "Graph after " << r.summary() << ":\n";
            print_graph(dump, g);
        };
        auto report = passes::run_default_pipeline(*model, options);
        if (!report) return fail(report.error().what());
        if (json_) std::cout << report_json(*report, model_).dump(2) << "\n";
        else std::cout << report->text();
        if (!out_.empty()) return write(*model);
        return 0;
    }

private:
    int write(const ir::Model& model) {
#ifndef WB_HAVE_GRAPH_EXPORT
        (void)model;
        return fail("--out: this build has no TensorFlow.js graph-model exporter");
#else
        auto dir = exporter::AtomicDir::begin(out_, model_);
        if (!dir) return fail(dir.error().what());
        exporter::GraphModelOptions options;
        options.converted_by = "tfjs-workbench v" + wb::version();
        if (auto st = exporter::write_graph_model(model, dir->path(), options); !st) return fail(st.error().what());
        if (auto st = dir->commit(); !st) return fail(st.error().what());
        if (!json_) std::cout << "Wrote " << out_ << "\n";
        return 0;
#endif
    }

    std::string model_, only_, skip_, print_after_, out_;
    bool json_ = false;
    bool keep_debug_ops_ = false;
};

}  // namespace

std::unique_ptr<Command> make_optimize_command() { return std::make_unique<OptimizeCommand>(); }

}  // namespace wb::cli
