// SPDX-License-Identifier: Apache-2.0
// `tfjs-wb quant-report MODEL`: what float16 / uint8 / uint16 weight quantization does to a
// model's outputs, to every activation and to every weight, before anyone ships it.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "analysis/quant_report.h"
#include "cli/command.h"
#include "formats/registry.h"

namespace wb::cli {

namespace {

using analysis::NamedMetrics;
using analysis::QuantReport;

std::string num(double v, int precision = 4) {
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    if (std::isnan(v)) return "nan";
    std::ostringstream s;
    s << std::setprecision(precision) << v;
    return s.str();
}

std::string opt_num(const std::optional<double>& v, int precision = 4) { return v ? num(*v, precision) : ""; }

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

void print_csv(const QuantReport& r) {
    auto& o = std::cout;
    o << "kind,config,name,op,elements,max_abs_error,mean_abs_error,rmse,snr_db,cosine,top1_agreement,"
         "top5_agreement,dtype,quantization,min,max,scale,zero_point,rmse_over_scale,bytes\n";
    auto metrics = [&o](const char* kind, const std::string& config, const NamedMetrics& m) {
        const auto& e = m.metrics;
        o << kind << "," << csv_field(config) << "," << csv_field(m.name) << "," << csv_field(m.op) << "," << e.count << ","
          << num(e.max_abs, 9) << "," << num(e.mean_abs, 9) << "," << num(e.rmse, 9) << "," << num(e.snr_db, 6) << ","
          << num(e.cosine, 9) << "," << opt_num(e.top1_agreement) << "," << opt_num(e.top5_agreement) << ",,,,,,,,\n";
    };
    o << "model,float32,,,,,,,,,,,,,,,,,," << r.float32_bytes << "\n";
    for (const auto& c : r.configs) {
        o << "model," << csv_field(c.name) << ",,,,,,,,,,,,,,,,,," << c.model_bytes << "\n";
        for (const auto& m : c.outputs) metrics("output", c.name, m);
        for (const auto& m : c.nodes) metrics("node", c.name, m);
        for (const auto& w : c.weights) {
            o << "weight," << csv_field(c.name) << "," << csv_field(w.name) << ",," << *w.shape.num_elements()
              << ",,," << num(w.rmse, 9) << ",,,,," << w.dtype << ","
              << (w.quantization ? std::string(exporter::quant_dtype_name(*w.quantization)) : w.excluded ? "excluded" : "")
              << "," << num(w.min, 9) << "," << num(w.max, 9) << "," << opt_num(w.scale, 17) << ","
              << opt_num(w.zero_point, 9) << "," << opt_num(w.rmse_over_scale) << "," << w.bytes << "\n";
        }
    }
}

void metrics_row(std::ostream& o, const std::string& config, const NamedMetrics& m) {
    const auto& e = m.metrics;
    o << "  " << std::left << std::setw(9) << config << std::setw(40) << m.name << std::right << std::setw(11)
      << num(e.max_abs) << std::setw(11) << num(e.mean_abs) << std::setw(11) << num(e.rmse) << std::setw(9)
      << num(e.snr_db, 3) << std::setw(10) << num(e.cosine, 6) << std::setw(7) << opt_num(e.top1_agreement, 3)
      << std::setw(7) << opt_num(e.top5_agreement, 3) << "\n";
}

void print_text(const QuantReport& r, std::size_t top) {
    auto& o = std::cout;
    o << "Model:    " << r.model << "\nSamples:  " << r.inputs << "\n";
    o << "Size:     float32 " << r.float32_bytes << " bytes";
    for (const auto& c : r.configs)
        o << "; " << c.name << " " << c.model_bytes << " ("
          << num(r.float32_bytes ? 100.0 * static_cast<double>(c.model_bytes) / static_cast<double>(r.float32_bytes) : 0, 3)
          << "%, " << c.quantized_weights << " weights quantized)";
    o << "\n\nOutputs vs float32:\n  " << std::left << std::setw(9) << "config" << std::setw(40) << "output"
      << std::right << std::setw(11) << "max|err|" << std::setw(11) << "mean|err|" << std::setw(11) << "rmse"
      << std::setw(9) << "snr dB" << std::setw(10) << "cosine" << std::setw(7) << "top1" << std::setw(7) << "top5\n";
    for (const auto& c : r.configs)
        for (const auto& m : c.outputs) metrics_row(o, c.name, m);
    o << "\nActivations with the lowest SNR (where the error enters), " << top << " per configuration:\n";
    for (const auto& c : r.configs) {
        std::vector<const NamedMetrics*> nodes;
        for (const auto& m : c.nodes) nodes.push_back(&m);
        std::stable_sort(nodes.begin(), nodes.end(),
                         [](auto* a, auto* b) { return a->metrics.snr_db < b->metrics.snr_db; });
        for (std::size_t k = 0; k < std::min(top, nodes.size()); ++k)
            metrics_row(o, c.name, {nodes[k]->name + " (" + nodes[k]->op + ")", {}, nodes[k]->metrics});
    }
    o << "\nWeights with the largest error relative to their step (rmse/scale; ~0.289 = uniform rounding):\n";
    for (const auto& c : r.configs) {
        std::vector<const analysis::WeightStats*> ws;
        for (const auto& w : c.weights)
            if (w.quantization) ws.push_back(&w);
        std::stable_sort(ws.begin(), ws.end(), [](auto* a, auto* b) {
            return a->rmse_over_scale.value_or(a->rmse) > b->rmse_over_scale.value_or(b->rmse);
        });
        for (std::size_t k = 0; k < std::min(top, ws.size()); ++k) {
            const auto& w = *ws[k];
            o << "  " << std::left << std::setw(9) << c.name << std::setw(48) << w.name << std::right << " range ["
              << num(w.min) << ", " << num(w.max) << "]";
            if (w.scale) o << " scale " << num(*w.scale) << " zp " << num(*w.zero_point, 6);
            o << " rmse " << num(w.rmse) << (w.rmse_over_scale ? " rmse/scale " + num(*w.rmse_over_scale, 3) : "")
              << " " << w.bytes << " B\n";
        }
    }
    for (const auto& w : r.warnings) o << "Warning:  " << w << "\n";
}

class QuantReportCommand : public Command {
public:
    std::string name() const override { return "quant-report"; }
    std::string summary() const override {
        return "Measure what float16/uint8/uint16 weight quantization does to outputs, activations and weights";
    }
    void configure(CLI::App& app) override {
        app.description(
            "Runs MODEL with float32 weights and with each quantization's dequantized weights (exactly as "
            "TensorFlow.js decodes them) on the same inputs, and reports per output max/mean |err|, RMSE, SNR, "
            "cosine similarity and top-1/top-5 agreement for class vectors; the same metrics for every "
            "intermediate activation; per weight range, scale, zero point, RMSE and RMSE/scale; and the shard "
            "size of each configuration. Default: float16, uint8 and uint16 on all weights.\n"
            "The --quantize_* flags take the converter's syntax (bare = all weights, or comma-separated fnmatch "
            "patterns; '*' crosses '/') and replace the defaults with one configuration. As with "
            "tensorflowjs_converter, a bare --quantize_* directly followed by MODEL takes MODEL as its patterns: "
            "put MODEL first.");
        app.add_option("MODEL", model_path_, "Model file (model.json, frozen .pb, SavedModel dir, Keras .h5, ...)")
            ->required();
        f16_.option = app.add_option("--quantize_float16", f16_.value, "float16 [PATTERNS]")->expected(0, 1);
        u8_.option = app.add_option("--quantize_uint8", u8_.value, "uint8 [PATTERNS]")->expected(0, 1);
        u16_.option = app.add_option("--quantize_uint16", u16_.value, "uint16 [PATTERNS]")->expected(0, 1);
        app.add_option("--quantization_bytes", quantization_bytes_, "Deprecated: 1 = uint8, 2 = uint16 (all weights)")
            ->check(CLI::IsMember({1, 2}));
        app.add_option("--samples", samples_, "Random samples when no --input is given")->check(CLI::PositiveNumber);
        app.add_option("--seed", seed_, "Seed of the random samples");
        app.add_option("--range", range_, "Range of random float inputs: LO,HI (default 0,1, or 0,255 when the graph scales its input by 1/255-like constants)")->delimiter(',')->expected(2);
        app.add_option("--input", inputs_, "inputs.json (+ .bin files), [NAME=]FILE.npy or [NAME=]IMAGE.png|.jpg (resized to the input's HxW, scaled to its range); repeatable");
        app.add_option("--exclude", exclude_, "Comma-separated fnmatch patterns of weights kept in float32")
            ->delimiter(',');
        auto* json = app.add_flag("--json", json_, "Print one JSON object");
        app.add_flag("--csv", csv_, "Print one CSV table (kind = model | output | node | weight)")->excludes(json);
        app.add_flag("--no-nodes", no_nodes_, "Compare the model outputs only (faster, less memory)");
        app.add_option("--top", top_, "Text output: rows per configuration in the worst-nodes and weights lists");
        app.add_option("--threads", threads_, "Runtime threads (0 = all cores)");
        app.add_flag("--numpy2", numpy2_, "Affine rounding as NumPy >= 2 (float64) instead of NumPy 1.x (float32)");
        app.add_option("--output_node_names", output_nodes_, "Frozen graphs: comma-separated output nodes")
            ->delimiter(',');
        app.footer("Examples:\n"
                   "  tfjs-wb quant-report web_model/model.json\n"
                   "  tfjs-wb quant-report model.json --quantize_uint8 --exclude 'conv1/*' --samples 32\n"
                   "  tfjs-wb quant-report model.pb --output_node_names=probs --input x=batch.npy --csv\n"
                   "Exit status: 0 on success, 1 when the model cannot be read or run, 2 on a usage error.");
    }
    int run() override {
        formats::ReadOptions ro;
        ro.output_node_names = output_nodes_;
        auto model = formats::read_model(model_path_, ro);
        if (!model) return fail(model.error().what());

        analysis::QuantReportOptions options;
        exporter::QuantizationFlags flags;
        flags.float16 = flag(f16_);
        flags.uint8 = flag(u8_);
        flags.uint16 = flag(u16_);
        flags.quantization_bytes = quantization_bytes_;
        std::string warning;
        auto spec = exporter::parse_quantization_flags(flags, &warning);
        if (!warning.empty()) std::cerr << warning << "\n";
        if (!spec) return fail(spec.error().what());
        if (!spec->empty()) options.configs.push_back({"custom", *spec});
        options.exclude = exclude_;
        options.random_count = samples_;
        options.random.seed = seed_;
        if (range_.size() == 2) {
            options.random.low = range_[0];
            options.random.high = range_[1];
            options.random.auto_range = false;
        }
        if (!inputs_.empty()) {
            auto loaded = analysis::load_samples(*model, inputs_);
            if (!loaded) return fail(loaded.error().what());
            options.samples = std::move(*loaded);
        }
        options.per_node = !no_nodes_;
        options.threads = threads_;
        if (numpy2_) options.arithmetic = exporter::NumpyArithmetic::Float64Nep50;

        auto report = analysis::quant_report(*model, options);
        if (!report) return fail(report.error().what());
        if (json_) std::cout << analysis::quant_report_json(*report).dump(2) << "\n";
        else if (csv_) print_csv(*report);
        else print_text(*report, top_);
        return 0;
    }

private:
    struct FlagValue {
        CLI::Option* option = nullptr;
        std::string value;
    };
    // CLI11 gives "" for a bare flag: that is the converter's fallthrough (const=True).
    static exporter::QuantizeFlag flag(const FlagValue& f) {
        if (!f.option || f.option->count() == 0) return {};
        return f.value.empty() ? exporter::QuantizeFlag::bare() : exporter::QuantizeFlag::patterns(f.value);
    }

    std::string model_path_;
    FlagValue f16_, u8_, u16_;
    int quantization_bytes_ = 0;
    int samples_ = 8;
    uint32_t seed_ = 42;
    std::vector<double> range_;
    std::vector<std::string> inputs_, exclude_, output_nodes_;
    bool json_ = false, csv_ = false, no_nodes_ = false, numpy2_ = false;
    std::size_t top_ = 10;
    int threads_ = 0;
};

}  // namespace

std::unique_ptr<Command> make_quant_report_command() { return std::make_unique<QuantReportCommand>(); }

}  // namespace wb::cli
