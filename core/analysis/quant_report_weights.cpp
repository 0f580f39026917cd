// SPDX-License-Identifier: Apache-2.0
#include "analysis/quant_report_weights.h"

#include <cmath>

#include "export/fnmatch.h"

namespace wb::analysis {
namespace {

using exporter::QuantDType;

// Where a weight lives: a main-graph Const (function < 0) or one inside library function f.
struct WeightSlot {
    std::string name;
    int function = -1;
    std::size_t node = 0;
};

// Manifest order (spec §2.3): main-graph Consts in node order, then each function's Consts
// named "<function signature name>/<const name>".
std::vector<WeightSlot> weight_slots(const ir::Model& model) {
    std::vector<WeightSlot> slots;
    const auto& nodes = model.graph.nodes();
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].is_const() && ir::attr_tensor(nodes[i].attrs, "value")) slots.push_back({nodes[i].name, -1, i});
    for (std::size_t f = 0; f < model.graph.functions.size(); ++f) {
        const auto& fn = model.graph.functions[f];
        for (std::size_t i = 0; i < fn.nodes.size(); ++i)
            if (fn.nodes[i].is_const() && ir::attr_tensor(fn.nodes[i].attrs, "value"))
                slots.push_back({fn.name + "/" + fn.nodes[i].name, static_cast<int>(f), i});
    }
    return slots;
}

ir::Node& slot_node(ir::Model& model, const WeightSlot& s) {
    return s.function < 0 ? model.graph.nodes()[s.node]
                          : model.graph.functions[static_cast<std::size_t>(s.function)].nodes[s.node];
}

const ir::Tensor& slot_value(const ir::Model& model, const WeightSlot& s) {
    const auto& node = s.function < 0 ? model.graph.nodes()[s.node]
                                      : model.graph.functions[static_cast<std::size_t>(s.function)].nodes[s.node];
    return *ir::attr_tensor(node.attrs, "value");
}

// The converter's auto-conversion makes these float32 (WW:_auto_convert_weight_entry).
bool becomes_float32(ir::DType t) {
    return t == ir::DType::Float32 || t == ir::DType::Float64 || t == ir::DType::Float16;
}

// Bytes a weight takes in the shards after auto-conversion (spec §2.3/§2.4).
std::size_t stored_bytes(const ir::Tensor& t) {
    const auto n = static_cast<std::size_t>(t.num_elements());
    switch (t.dtype()) {
    case ir::DType::Float64: case ir::DType::Float16: case ir::DType::Int64: return 4 * n;
    case ir::DType::Complex128: return 8 * n;
    case ir::DType::String: {
        std::size_t bytes = 0;
        for (const auto& s : t.strings()) bytes += 4 + s.size();
        return bytes;
    }
    default: return ir::dtype_size(t.dtype()) * n;
    }
}

ir::Tensor to_float32(const ir::Tensor& t) {
    if (t.dtype() == ir::DType::Float32) return t;
    ir::Tensor out(ir::DType::Float32, t.shape());
    for (int64_t i = 0; i < t.num_elements(); ++i) out.data<float>()[i] = static_cast<float>(t.value_as_double(i));
    return out;
}

// The dequantized float32 values in the Const's own dtype.
ir::Tensor to_dtype(const ir::Tensor& f32, ir::DType dtype) {
    if (dtype == ir::DType::Float32) return f32;
    ir::Tensor out(dtype, f32.shape());
    for (int64_t i = 0; i < f32.num_elements(); ++i) {
        const float v = f32.data<float>()[i];
        if (dtype == ir::DType::Float64) out.data<double>()[i] = v;
        else out.data<uint16_t>()[i] = ir::float_to_half(v);
    }
    return out;
}

void fill_stats(WeightStats& w, const ir::Tensor& original, const ir::Tensor& dequantized,
                const exporter::QuantizedTensor& q) {
    double sum_sq = 0.0;
    const float* a = original.data<float>();
    const float* b = dequantized.data<float>();
    for (int64_t i = 0; i < original.num_elements(); ++i) {
        const double e = static_cast<double>(b[i]) - a[i];
        sum_sq += e * e;
    }
    w.rmse = original.num_elements() ? std::sqrt(sum_sq / static_cast<double>(original.num_elements())) : 0.0;
    w.bytes = static_cast<std::size_t>(original.num_elements()) * exporter::quant_dtype_size(q.dtype);
    if (q.dtype != QuantDType::Float16) {
        w.scale = q.scale;
        w.zero_point = exporter::zero_point(q);
        w.rmse_over_scale = w.rmse / q.scale;
    }
}

}  // namespace

std::size_t unquantized_bytes(const ir::Model& model) {
    std::size_t bytes = 0;
    for (const auto& s : weight_slots(model)) bytes += stored_bytes(slot_value(model, s));
    return bytes;
}

Expected<QuantizedModel> quantize_model(const ir::Model& model, const exporter::QuantizationSpec& spec,
                                        const std::vector<std::string>& exclude,
                                        exporter::NumpyArithmetic arithmetic) {
    const auto slots = weight_slots(model);
    std::vector<std::string> names;
    names.reserve(slots.size());
    for (const auto& s : slots) names.push_back(s.name);
    auto chosen = exporter::select_quantization(names, spec);
    if (!chosen) return Error{model.source_path, chosen.error().item, chosen.error().message};
    std::vector<exporter::FnMatchPattern> excluded;
    for (const auto& p : exclude) excluded.emplace_back(p);

    auto copy = std::make_shared<ir::Model>(model);
    QuantizedModel out;
    for (std::size_t k = 0; k < slots.size(); ++k) {
        const ir::Tensor& value = slot_value(model, slots[k]);
        out.bytes += stored_bytes(value);  // corrected below when quantized
        if (!becomes_float32(value.dtype())) continue;
        WeightStats w;
        w.name = slots[k].name;
        w.dtype = std::string(ir::dtype_name(value.dtype()));
        w.shape = value.shape();
        w.float_bytes = w.bytes = stored_bytes(value);
        const ir::Tensor original = to_float32(value);
        for (int64_t i = 0; i < original.num_elements(); ++i) {
            const double v = original.data<float>()[i];
            w.min = i == 0 ? v : std::min(w.min, v);
            w.max = i == 0 ? v : std::max(w.max, v);
        }
        for (const auto& p : excluded) w.excluded = w.excluded || p.matches(w.name);
        if ((*chosen)[k] && !w.excluded) {
            auto q = exporter::quantize(original, *(*chosen)[k], w.name, arithmetic);
            if (!q) return Error{model.source_path, q.error().item, q.error().message};
            auto back = exporter::dequantize(*q, ir::DType::Float32, w.name);
            if (!back) return Error{model.source_path, back.error().item, back.error().message};
            w.quantization = q->dtype;
            fill_stats(w, original, *back, *q);
            out.bytes = out.bytes - w.float_bytes + w.bytes;
            slot_node(*copy, slots[k]).attrs["value"] = to_dtype(*back, value.dtype());
            ++out.quantized;
        }
        out.weights.push_back(std::move(w));
    }
    out.model = std::move(copy);
    return out;
}

}  // namespace wb::analysis
