// SPDX-License-Identifier: Apache-2.0
#include "views/panels/quant_panel_errors.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "runtime/session.h"

namespace wb::views {
namespace {

void add_errors(const ir::Tensor& ref, const ir::Tensor& got, std::vector<double>& out, std::size_t max_values) {
    if (ref.dtype() != ir::DType::Float32 || got.dtype() != ir::DType::Float32 || ref.num_elements() != got.num_elements())
        return;
    const auto n = static_cast<std::size_t>(ref.num_elements());
    const std::size_t stride = std::max<std::size_t>(1, n / std::max<std::size_t>(1, max_values));
    const float *a = ref.data<float>(), *b = got.data<float>();
    for (std::size_t i = 0; i < n; i += stride) out.push_back(std::abs(static_cast<double>(b[i]) - a[i]));
}

std::string fnmatch_escape(const std::string& name) {
    std::string out;
    for (char c : name) {
        if (c == '*' || c == '?' || c == '[') out += std::string{'[', c, ']'};
        else out += c;
    }
    return out;
}

}  // namespace

Expected<std::vector<std::vector<double>>> output_abs_errors(const ir::Model& model,
                                                             const analysis::QuantReportOptions& options,
                                                             const analysis::QuantReport& report, const Progress& progress,
                                                             std::size_t max_values) {
    auto samples = analysis::random_samples(model, 1, options.random);
    if (!samples) return samples.error();
    if (samples->empty()) return std::vector<std::vector<double>>{};
    auto shared = std::make_shared<const ir::Model>(model);
    runtime::SessionOptions so;
    so.threads = options.threads;
    auto reference = runtime::Session::create(shared, so);
    if (!reference) return reference.error();
    std::vector<std::string> fetches;
    for (const auto& o : model.outputs) fetches.push_back(o.name.empty() ? o.key : o.name);
    if (fetches.empty() && !report.configs.empty())  // no signature: the unconsumed nodes the report compared
        for (const auto& o : report.configs.front().outputs) fetches.push_back(o.name);
    std::vector<std::vector<double>> out;
    std::vector<ir::Tensor> ref;
    for (const auto& config : options.configs) {
        if (progress.cancelled()) return Error{model.source_path, {}, "cancelled"};
        auto q = analysis::quantize_model(model, config.spec, options.exclude, options.arithmetic);
        if (!q) return q.error();
        auto session = runtime::Session::create(q->model, so);
        if (!session) return session.error();
        auto got = (*session)->run(samples->front(), fetches);
        if (!got) return got.error();
        if (ref.empty()) {
            auto r = (*reference)->run(samples->front(), fetches);
            if (!r) return r.error();
            ref = std::move(*r);
        }
        std::vector<double> errors;
        const std::size_t per_output = max_values / std::max<std::size_t>(1, ref.size());
        for (std::size_t k = 0; k < ref.size() && k < got->size(); ++k) add_errors(ref[k], (*got)[k], errors, per_output);
        out.push_back(std::move(errors));
    }
    return out;
}

std::vector<double> weight_errors(const analysis::ConfigReport& config) {
    std::vector<double> out;
    for (const auto& w : config.weights) {
        if (!w.quantization) continue;
        if (w.rmse_over_scale) out.push_back(*w.rmse_over_scale);
        else if (const double range = std::max(std::abs(w.min), std::abs(w.max)); range > 0) out.push_back(w.rmse / range);
    }
    return out;
}

std::vector<std::string> node_weights(const ir::Model& model, const std::string& node) {
    static const std::unordered_set<std::string> pass_through{"Identity", "Cast", "ReadVariableOp", "Dequantize"};
    std::vector<std::string> out;
    const ir::Node* start = model.graph.find(node);
    if (!start) return out;
    std::vector<const ir::Node*> stack{start};
    std::unordered_set<const ir::Node*> seen;
    while (!stack.empty()) {
        const ir::Node* n = stack.back();
        stack.pop_back();
        if (!seen.insert(n).second) continue;
        for (const auto& in : n->data_inputs()) {
            const ir::Node* producer = model.graph.find(in.node);
            if (!producer) continue;
            if (producer->is_const()) out.push_back(fnmatch_escape(producer->name));
            else if (pass_through.count(producer->op)) stack.push_back(producer);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace wb::views
