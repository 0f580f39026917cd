// SPDX-License-Identifier: Apache-2.0
#include "analysis/model_summary.h"

#include "analysis/op_support.h"

namespace wb::analysis {

namespace {

int64_t const_bytes(const ir::Tensor& t) {
    if (t.dtype() != ir::DType::String) return static_cast<int64_t>(t.byte_size());
    int64_t bytes = 0;
    for (const auto& s : t.strings()) bytes += static_cast<int64_t>(s.size());
    return bytes;
}

void add(std::map<std::string, WeightTally>& m, const std::string& key, int64_t bytes) {
    auto& tally = m[key];
    ++tally.count;
    tally.bytes += bytes;
}

nlohmann::ordered_json tensor_json(const ir::TensorInfo& t) {
    nlohmann::ordered_json j;
    j["key"] = t.key;
    j["name"] = t.name;
    j["dtype"] = t.dtype == ir::DType::Invalid ? nlohmann::ordered_json() : nlohmann::ordered_json(ir::dtype_name(t.dtype));
    if (t.shape.unknown_rank) j["shape"] = nullptr;
    else j["shape"] = t.shape.dims;
    return j;
}

nlohmann::ordered_json tallies_json(const std::map<std::string, WeightTally>& m) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (const auto& [k, v] : m) j[k] = {{"count", v.count}, {"bytes", v.bytes}};
    return j;
}

}  // namespace

ModelSummary summarize(const ir::Model& model, bool strip_debug_ops) {
    ModelSummary s;
    s.format = model.format;
    s.source_path = model.source_path;
    s.generated_by = model.generated_by;
    s.converted_by = model.converted_by;
    s.has_versions = model.graph.has_versions;
    s.producer = model.graph.producer;
    s.min_consumer = model.graph.min_consumer;
    s.inputs = model.inputs;
    s.outputs = model.outputs;
    s.node_count = static_cast<int64_t>(model.graph.size());
    s.function_count = static_cast<int64_t>(model.graph.functions.size());
    for (const auto& n : model.graph.nodes()) ++s.op_histogram[n.op];
    for (const auto& fn : model.graph.functions) {
        s.function_node_count += static_cast<int64_t>(fn.nodes.size());
        for (const auto& n : fn.nodes) ++s.op_histogram[n.op];
    }
    if (!model.weights.empty()) {
        for (const auto& w : model.weights) {
            const auto bytes = static_cast<int64_t>(w.stored_bytes);
            add(s.weights_by_dtype, std::string(ir::dtype_name(w.dtype)), bytes);
            add(s.weights_by_quantization, w.quantization.empty() ? "none" : w.quantization, bytes);
        }
    } else {
        for (const auto& n : model.graph.nodes()) {
            const ir::Tensor* value = n.is_const() ? ir::attr_tensor(n.attrs, "value") : nullptr;
            if (!value) continue;
            add(s.weights_by_dtype, std::string(ir::dtype_name(value->dtype())), const_bytes(*value));
            add(s.weights_by_quantization, "none", const_bytes(*value));
        }
    }
    for (const auto& [_, tally] : s.weights_by_dtype) {
        s.weight_count += tally.count;
        s.weight_bytes += tally.bytes;
    }
    s.unsupported_ops = unsupported_ops(model.graph, strip_debug_ops);
    s.warnings = model.warnings;
    s.topology_only = model.topology_only;
    return s;
}

nlohmann::ordered_json ModelSummary::to_json() const {
    nlohmann::ordered_json j;
    j["format"] = format;
    j["source"] = source_path;
    nlohmann::ordered_json producer_json;
    producer_json["generatedBy"] = generated_by;
    producer_json["convertedBy"] = converted_by;
    if (has_versions) producer_json["versions"] = {{"producer", producer}, {"minConsumer", min_consumer}};
    j["producer"] = producer_json;
    j["inputs"] = nlohmann::ordered_json::array();
    for (const auto& t : inputs) j["inputs"].push_back(tensor_json(t));
    j["outputs"] = nlohmann::ordered_json::array();
    for (const auto& t : outputs) j["outputs"].push_back(tensor_json(t));
    j["nodeCount"] = node_count;
    j["functionCount"] = function_count;
    j["functionNodeCount"] = function_node_count;
    j["opHistogram"] = nlohmann::ordered_json::object();
    for (const auto& [op, count] : op_histogram) j["opHistogram"][op] = count;
    j["weights"] = {{"count", weight_count},
                    {"bytes", weight_bytes},
                    {"byDtype", tallies_json(weights_by_dtype)},
                    {"byQuantization", tallies_json(weights_by_quantization)}};
    j["unsupportedOps"] = nlohmann::ordered_json::object();
    for (const auto& [op, nodes] : unsupported_ops) j["unsupportedOps"][op] = nodes;
    j["unsupportedOpCount"] = static_cast<int64_t>(unsupported_ops.size());
    j["topologyOnly"] = topology_only;
    j["warnings"] = warnings;
    return j;
}

}  // namespace wb::analysis
