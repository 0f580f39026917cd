// SPDX-License-Identifier: Apache-2.0
// `tfjs-wb convert`: tensorflowjs_converter's command line (spec §1), natively.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/command.h"
#include "cli/convert_flags.h"
#include "export/convert_job.h"
#include "export/keras_conversion.h"
#include "export/quantize.h"
#include "version.h"

namespace wb::cli {
namespace {

std::atomic<bool> g_stop{false};

// First Ctrl-C / SIGTERM: stop at the next check; the unfinished export folder is then removed.
extern "C" void on_stop_signal(int) { g_stop.store(true); }

// A progress line on stderr, redrawn in place, once the job has run for half a second (short
// conversions print nothing but the final line); plain lines when stderr is not a terminal.
class ProgressLine {
public:
    void operator()(double fraction, const std::string& stage) {
        using namespace std::chrono;
        if (steady_clock::now() - start_ < milliseconds(500)) return;
        const int pct = static_cast<int>(fraction * 100.0 + 0.5);
        if (pct == last_pct_ && stage == last_stage_) return;
        last_pct_ = pct, last_stage_ = stage;
        if (tty_)
            std::cerr << "\r[" << (pct < 10 ? "  " : pct < 100 ? " " : "") << pct << "%] " << stage << "\x1b[K" << std::flush;
        else
            std::cerr << "[" << pct << "%] " << stage << "\n";
        shown_ = true;
    }
    ~ProgressLine() {
        if (shown_ && tty_) std::cerr << "\r\x1b[K" << std::flush;
    }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    bool tty_ = isatty(2) != 0;
    int last_pct_ = -1;
    std::string last_stage_;
    bool shown_ = false;
};

// Runs a conversion with Ctrl-C / SIGTERM turned into a stop request, so the atomic writers
// remove their temporary output instead of the process dying with it half-written.
template <class Job>
auto while_stoppable(ProgressLine& line, Job&& job) {
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
    Progress progress{[&](double f, const std::string& s) { line(f, s); }, &g_stop};
    auto result = job(progress);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    return result;
}

class ConvertCommand : public Command {
public:
    std::string name() const override { return "convert"; }
    std::string summary() const override {
        return "Convert SavedModels, TF-Hub modules and frozen graphs to TensorFlow.js (tensorflowjs_converter flags)";
    }
    void configure(CLI::App& app) override { flags_.declare(app); }

    int run() override {
        if (flags_.show_version) {
            std::cout << "tfjs-wb " << wb::version() << " (TensorFlow.js graph-model format of tfjs 4.22)\n";
            return 0;
        }
        auto plan = flags_.validate();
        if (!plan) return fail(plan.error().message);
        for (const auto& w : plan->warnings) std::cerr << "tfjs-wb: warning: " << w << "\n";
        if (plan->keras_route) return run_keras(*plan);

        exporter::ConvertOptions options = plan->options;
        options.graph.converted_by = wb::converted_by();
        auto spec = exporter::parse_quantization_flags(flags_.quantization());
        if (!spec) return fail(spec.error().what());
        if (!spec->empty()) options.graph.weights.quantize = exporter::make_quantizer(*spec);

        ProgressLine line;
        auto report = while_stoppable(line, [&](const Progress& progress) {
            return exporter::convert_to_graph_model(flags_.input_path, flags_.output_path, options, progress);
        });
        if (!report) return fail(report.error().what());
        for (const auto& w : report->warnings) std::cerr << "tfjs-wb: warning: " << w << "\n";
        std::cerr << "Converted " << flags_.input_path << " → " << flags_.output_path << "/model.json ("
                  << report->nodes_read << " nodes read, " << report->nodes_written << " written, " << report->weights
                  << " weights)\n";
        return 0;
    }

private:
    // keras / keras_keras → tfjs_layers_model, tfjs_layers_model → keras (core/export/keras_conversion.h).
    int run_keras(const ConvertPlan& plan) {
        exporter::KerasConvertOptions ko;
        ko.input_format = flags_.input_format;
        ko.output_format = plan.output_format;
        ko.layers.split_weights_by_layer = flags_.split_weights_by_layer;
        ko.layers.weights.shard_size_bytes = plan.options.graph.weights.shard_size_bytes;
        ko.layers.metadata = plan.options.graph.metadata;
        ko.layers.converted_by = wb::converted_by();
        auto spec = exporter::parse_quantization_flags(flags_.quantization());
        if (!spec) return fail(spec.error().what());
        if (!spec->empty()) ko.layers.weights.quantize = exporter::make_quantizer(*spec);
        ProgressLine line;
        auto r = while_stoppable(line, [&](const Progress& progress) {
            return exporter::convert_keras(flags_.input_path, flags_.output_path, ko, progress);
        });
        if (!r) return fail(r.error().what());
        const std::string written = plan.output_format == "keras" ? "" : "/model.json";
        std::cerr << "Converted " << flags_.input_path << " → " << flags_.output_path << written << " (" << r->weights
                  << " weights in " << r->layers_with_weights << " layers)\n";
        return 0;
    }

    ConvertFlags flags_;
};

}  // namespace

std::unique_ptr<Command> make_convert_command() { return std::make_unique<ConvertCommand>(); }

}  // namespace wb::cli
