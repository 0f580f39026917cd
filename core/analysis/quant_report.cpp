// SPDX-License-Identifier: Apache-2.0
#include "analysis/quant_report.h"

#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "runtime/session.h"

namespace wb::analysis {
namespace {

using exporter::QuantDType;

// Ops whose output is no activation worth comparing (constants, feeds, side effects).
bool skip_node(const ir::Node& n) {
    static const std::unordered_set<std::string> skip{"Const", "Placeholder", "PlaceholderWithDefault", "NoOp",
                                                      "Assert", "SaveV2", "RestoreV2", "VarHandleOp"};
    return skip.count(n.op) > 0;
}

// Output fetch names and report keys: the signature outputs, else the unconsumed nodes.
std::vector<std::pair<std::string, std::string>> output_fetches(const ir::Model& model) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& o : model.outputs)
        out.push_back({o.name.empty() ? o.key : o.name, o.key.empty() ? o.name : o.key});
    if (!out.empty()) return out;
    std::unordered_set<std::string> consumed;
    for (const auto& n : model.graph.nodes())
        for (const auto& in : n.inputs) consumed.insert(ir::parse_input(in).node);
    for (const auto& n : model.graph.nodes())
        if (!consumed.count(n.name) && !skip_node(n)) out.push_back({n.name, n.name});
    return out;
}

struct Accumulators {
    std::vector<ErrorAccumulator> outputs, nodes;
};

std::vector<NamedMetrics> finish(const std::vector<ErrorAccumulator>& acc, const std::vector<std::string>& names,
                                 const std::vector<std::string>& ops, bool drop_empty) {
    std::vector<NamedMetrics> out;
    for (std::size_t i = 0; i < acc.size(); ++i)
        if (!drop_empty || !acc[i].empty()) out.push_back({names[i], ops.empty() ? std::string{} : ops[i], acc[i].result()});
    return out;
}

std::string describe_random(const ir::Model& model, const QuantReportOptions& o, int count) {
    std::ostringstream s;
    s << count << " random sample(s), seed " << o.random.seed;
    for (const auto& in : model_inputs(model)) {
        s << "; " << in.key << " " << ir::dtype_name(in.dtype);
        if (in.dtype == ir::DType::Float32 || in.dtype == ir::DType::Float64) {
            auto [low, high] = float_input_range(model, in, o.random);
            s << " in [" << low << ", " << high << ")";
        } else if (in.dtype != ir::DType::Bool) {
            s << " in [" << o.random.int_low << ", " << o.random.int_high << ")";
        }
    }
    return s.str();
}

}  // namespace

Expected<QuantReport> quant_report(const ir::Model& model, const QuantReportOptions& options, const Progress& progress) {
    QuantReport report;
    report.model = model.source_path;
    report.float32_bytes = unquantized_bytes(model);

    std::vector<QuantConfig> configs = options.configs;
    if (configs.empty())
        for (QuantDType d : {QuantDType::Float16, QuantDType::UInt8, QuantDType::UInt16})
            configs.push_back({std::string(exporter::quant_dtype_name(d)), exporter::quantize_all(d)});

    std::vector<Sample> samples = options.samples;
    if (samples.empty()) {
        auto random = random_samples(model, options.random_count, options.random);
        if (!random) return random.error();
        samples = std::move(*random);
        report.inputs = describe_random(model, options, options.random_count);
    } else {
        report.inputs = std::to_string(samples.size()) + " sample(s) from files";
    }
    report.samples = static_cast<int>(samples.size());

    // Sessions: float32 reference and one per configuration over the dequantized copy.
    runtime::SessionOptions so;
    so.threads = options.threads;
    auto reference = runtime::Session::create(std::make_shared<const ir::Model>(model), so);
    if (!reference) return reference.error();
    std::vector<std::unique_ptr<runtime::Session>> sessions;
    for (const auto& c : configs) {
        auto q = quantize_model(model, c.spec, options.exclude, options.arithmetic);
        if (!q) return q.error();
        ConfigReport cr;
        cr.name = c.name;
        cr.weights = std::move(q->weights);
        cr.model_bytes = q->bytes;
        cr.quantized_weights = q->quantized;
        report.configs.push_back(std::move(cr));
        auto s = runtime::Session::create(q->model, so);
        if (!s) return s.error();
        sessions.push_back(std::move(*s));
    }

    const auto outputs = output_fetches(model);
    std::vector<std::string> fetches, output_names, node_names, node_ops;
    for (const auto& [fetch, key] : outputs) {
        fetches.push_back(fetch);
        output_names.push_back(key);
    }
    std::unordered_set<std::string> output_nodes;
    for (const auto& f : fetches) output_nodes.insert(ir::parse_input(f).node);
    if (options.per_node) {
        // Every output another node reads, not just output 0: Split, Unpack, FusedBatchNorm,
        // TopKV2 etc. carry activations on :1.. too. Output 0 is always compared.
        std::unordered_map<std::string, std::set<int>> read_outputs;
        for (const auto& n : model.graph.nodes())
            for (const auto& in : n.data_inputs()) read_outputs[in.node].insert(in.index);
        for (const auto& f : fetches) read_outputs[ir::parse_input(f).node].erase(ir::parse_input(f).index);
        for (const auto& n : model.graph.nodes()) {
            if (skip_node(n)) continue;
            std::set<int> indices = read_outputs[n.name];
            if (!output_nodes.count(n.name)) indices.insert(0);
            for (int k : indices) {
                node_names.push_back(k == 0 ? n.name : n.name + ":" + std::to_string(k));
                node_ops.push_back(n.op);
                fetches.push_back(node_names.back());
            }
        }
    }
    const std::size_t n_out = output_names.size();

    std::vector<Accumulators> acc(configs.size());
    for (auto& a : acc) {
        a.outputs.resize(n_out);
        a.nodes.resize(node_names.size());
    }
    const double steps = static_cast<double>(samples.size() * (configs.size() + 1));
    for (std::size_t s = 0; s < samples.size(); ++s) {
        if (progress.cancelled()) return Error{model.source_path, {}, "quantization report cancelled"};
        auto ref = (*reference)->run(samples[s], fetches);
        if (!ref && fetches.size() > n_out) {
            // Some intermediate tensor cannot be fetched (e.g. an untaken control-flow branch):
            // fall back to comparing the model outputs only.
            report.warnings.push_back("per-node metrics unavailable: " + ref.error().what());
            fetches.resize(n_out);
            node_names.clear();
            for (auto& a : acc) a.nodes.clear();
            ref = (*reference)->run(samples[s], fetches);
        }
        if (!ref) return ref.error();
        for (std::size_t c = 0; c < configs.size(); ++c) {
            progress.report(static_cast<double>(s * (configs.size() + 1) + c + 1) / steps,
                            "sample " + std::to_string(s + 1) + ", " + configs[c].name);
            auto got = sessions[c]->run(samples[s], fetches);
            if (!got) return got.error();
            for (std::size_t k = 0; k < fetches.size(); ++k) {
                const ir::Tensor& a = (*ref)[k];
                const ir::Tensor& b = (*got)[k];
                if (k < n_out) acc[c].outputs[k].add(a, b, true);
                else acc[c].nodes[k - n_out].add(a, b, false);
            }
        }
    }
    for (std::size_t c = 0; c < configs.size(); ++c) {
        report.configs[c].outputs = finish(acc[c].outputs, output_names, {}, false);
        report.configs[c].nodes = finish(acc[c].nodes, node_names, node_ops, true);
    }
    progress.report(1.0, "done");
    return report;
}

}  // namespace wb::analysis
