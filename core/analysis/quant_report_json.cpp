// SPDX-License-Identifier: Apache-2.0
#include <cmath>

#include "analysis/quant_report.h"

namespace wb::analysis {
namespace {

using json = nlohmann::ordered_json;

// JSON has no infinity or NaN: an exact match (SNR +inf) is written "inf", NaN "nan".
json number(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    return v;
}

json metrics_json(const NamedMetrics& m) {
    json j;
    j["name"] = m.name;
    if (!m.op.empty()) j["op"] = m.op;
    j["elements"] = m.metrics.count;
    j["max_abs_error"] = number(m.metrics.max_abs);
    j["mean_abs_error"] = number(m.metrics.mean_abs);
    j["rmse"] = number(m.metrics.rmse);
    j["snr_db"] = number(m.metrics.snr_db);
    j["cosine_similarity"] = number(m.metrics.cosine);
    if (m.metrics.top1_agreement) j["top1_agreement"] = *m.metrics.top1_agreement;
    if (m.metrics.top5_agreement) j["top5_agreement"] = *m.metrics.top5_agreement;
    return j;
}

json weight_json(const WeightStats& w) {
    json j;
    j["name"] = w.name;
    j["dtype"] = w.dtype;
    j["shape"] = w.shape.dims;
    j["quantization"] = w.quantization ? json(std::string(exporter::quant_dtype_name(*w.quantization))) : json(nullptr);
    if (w.excluded) j["excluded"] = true;
    j["min"] = number(w.min);
    j["max"] = number(w.max);
    j["scale"] = w.scale ? number(*w.scale) : json(nullptr);
    j["zero_point"] = w.zero_point ? number(*w.zero_point) : json(nullptr);
    j["rmse"] = number(w.rmse);
    j["rmse_over_scale"] = w.rmse_over_scale ? number(*w.rmse_over_scale) : json(nullptr);
    j["bytes"] = w.bytes;
    j["float32_bytes"] = w.float_bytes;
    return j;
}

}  // namespace

nlohmann::ordered_json quant_report_json(const QuantReport& r) {
    json j;
    j["model"] = r.model;
    j["samples"] = r.samples;
    j["inputs"] = r.inputs;
    j["float32_bytes"] = r.float32_bytes;
    j["configurations"] = json::array();
    for (const auto& c : r.configs) {
        json cj;
        cj["name"] = c.name;
        cj["model_bytes"] = c.model_bytes;
        cj["size_ratio"] = r.float32_bytes ? number(static_cast<double>(c.model_bytes) / static_cast<double>(r.float32_bytes))
                                           : json(nullptr);
        cj["quantized_weights"] = c.quantized_weights;
        cj["outputs"] = json::array();
        for (const auto& o : c.outputs) cj["outputs"].push_back(metrics_json(o));
        cj["nodes"] = json::array();
        for (const auto& n : c.nodes) cj["nodes"].push_back(metrics_json(n));
        cj["weights"] = json::array();
        for (const auto& w : c.weights) cj["weights"].push_back(weight_json(w));
        j["configurations"].push_back(std::move(cj));
    }
    j["warnings"] = r.warnings;
    return j;
}

}  // namespace wb::analysis
