// SPDX-License-Identifier: Apache-2.0
// Preprocessing layers that are plain arithmetic at inference: Rescaling (x * scale + offset) and
// Normalization ((x - mean) / max(sqrt(variance), 1e-7), or its inverse).
#include <set>

#include "formats/keras_h5/layers/layer_context.h"

namespace wb::formats::keras {
namespace {

Expected<std::vector<KTensor>> rescaling(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1) return ctx.fail("expects one input");
    for (const char* k : {"scale", "offset"})
        if (ctx.cfg.contains(k) && !ctx.cfg[k].is_number()) return ctx.fail(std::string("per-channel '") + k + "' is not supported");
    const double scale = ctx.get_float("scale", 1.0), offset = ctx.get_float("offset", 0.0);
    std::string y = ctx.b.binary(ctx.node("mul"), "Mul", in[0].ref, ctx.b.scalar(ctx.node("scale"), float(scale)));
    y = ctx.b.binary(ctx.node("add"), "AddV2", y, ctx.b.scalar(ctx.node("offset"), float(offset)));
    return std::vector<KTensor>{{y, in[0].shape}};
}

// Keras' backend.epsilon(): the floor of the standard deviation Normalization divides by.
constexpr float kNormalizationEpsilon = 1e-7f;

// The non-batch axes Normalization keeps (one statistic per index along them); axis=None keeps
// none (one global mean and variance).
Expected<std::set<int>> kept_axes(const LayerContext& ctx, int rank) {
    std::set<int> kept;
    if (!ctx.cfg.is_object()) return ctx.fail("config is not a JSON object");
    auto it = ctx.cfg.find("axis");
    if (it == ctx.cfg.end()) return std::set<int>{rank - 1};  // Keras' default axis=-1
    if (it->is_null()) return kept;
    std::vector<nlohmann::json> axes = it->is_array() ? it->get<std::vector<nlohmann::json>>() : std::vector<nlohmann::json>{*it};
    for (const auto& a : axes) {
        if (!a.is_number_integer()) return ctx.fail("config 'axis' must be an int, a list of ints or null, got " + it->dump());
        const int v = a.get<int>() < 0 ? a.get<int>() + rank : a.get<int>();
        if (v <= 0 || v >= rank) return ctx.fail("axis " + a.dump() + " is out of range for an input of rank " + std::to_string(rank) + " (the batch axis cannot be kept)");
        kept.insert(v);
    }
    return kept;
}

// Mean or variance, reshaped to the input's broadcast shape (1 on reduced axes): from the config
// ('mean'/'variance' given at construction: a number or a nested list) or else the weight.
Expected<ir::Tensor> normalization_stat(const LayerContext& ctx, const char* key, const ir::Shape& broadcast) {
    const int64_t n = broadcast.num_elements().value_or(0);
    ir::Tensor out(ir::DType::Float32, broadcast);
    std::vector<double> values;
    if (auto it = ctx.cfg.find(key); ctx.cfg.is_object() && it != ctx.cfg.end() && !it->is_null()) {
        std::vector<const nlohmann::json*> stack{&*it};
        while (!stack.empty()) {  // flatten nested lists in row-major order
            const nlohmann::json* j = stack.back();
            stack.pop_back();
            if (j->is_array()) {
                for (auto r = j->rbegin(); r != j->rend(); ++r) stack.push_back(&*r);
            } else if (j->is_number()) {
                values.push_back(j->get<double>());
            } else {
                return ctx.fail(std::string("config '") + key + "' must be a number or a list of numbers");
            }
        }
    } else {
        const int i = ctx.find_weight({key});
        if (i < 0) return ctx.fail(std::string("has no '") + key + "' weight and no '" + key + "' in its config (not adapted?)");
        const ir::Tensor& w = ctx.weights[size_t(i)].value;
        for (int64_t k = 0; k < w.num_elements(); ++k) values.push_back(w.value_as_double(k));
    }
    if (values.size() != 1 && int64_t(values.size()) != n)
        return ctx.fail(std::string("'") + key + "' has " + std::to_string(values.size()) + " values, the kept axes need " + std::to_string(n));
    for (int64_t k = 0; k < n; ++k) out.data<float>()[k] = float(values.size() == 1 ? values[0] : values[size_t(k)]);
    return out;
}

Expected<std::vector<KTensor>> normalization(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1) return ctx.fail("expects one input");
    const int rank = in[0].rank();
    if (rank < 1) return ctx.fail("needs an input with a batch axis");
    auto kept = kept_axes(ctx, rank);
    if (!kept) return kept.error();
    std::vector<int64_t> dims(size_t(rank), 1);
    for (int a : *kept) {
        if (in[0].dim(a) < 0) return ctx.fail("kept axis " + std::to_string(a) + " of input " + in[0].shape.to_string() + " has no static size");
        dims[size_t(a)] = in[0].dim(a);
    }
    const ir::Shape broadcast(dims);
    auto mean = normalization_stat(ctx, "mean", broadcast);
    if (!mean) return mean.error();
    auto variance = normalization_stat(ctx, "variance", broadcast);
    if (!variance) return variance.error();

    auto stat_node = [&](const std::string& suffix, const ir::Tensor& t) {
        const std::string name = ctx.node(suffix);
        return ctx.b.model().graph.find(name) ? name : ctx.b.weight(name, t, ctx.layer_name);  // shared layer
    };
    const std::string m = stat_node("mean", *mean);
    std::string stddev = ctx.b.unary(ctx.node("sqrt"), "Sqrt", stat_node("variance", *variance));
    stddev = ctx.b.binary(ctx.node("maximum"), "Maximum", stddev, ctx.b.scalar(ctx.node("epsilon"), kNormalizationEpsilon));
    std::string y;
    if (ctx.get_bool("invert", false)) {
        y = ctx.b.binary(ctx.node("mul"), "Mul", in[0].ref, stddev);
        y = ctx.b.binary(ctx.node("add"), "AddV2", y, m);
    } else {
        y = ctx.b.binary(ctx.node("sub"), "Sub", in[0].ref, m);
        y = ctx.b.binary(ctx.node("truediv"), "RealDiv", y, stddev);
    }
    return std::vector<KTensor>{{y, in[0].shape}};
}

}  // namespace

void register_preprocessing_layers(LayerTable& t) {
    t.emplace_back("Rescaling", rescaling);
    t.emplace_back("Normalization", normalization);
}

}  // namespace wb::formats::keras
