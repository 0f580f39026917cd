// SPDX-License-Identifier: Apache-2.0
#include "corpus_cases.h"

#include <fstream>
#include <regex>
#include <unordered_map>
#include <unordered_set>

#include "formats/registry.h"

namespace wb::test {

namespace {

std::vector<double> read_numbers(const std::filesystem::path& p) {
    std::vector<double> v;
    std::ifstream in(p);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) v.push_back(line == "true" ? 1.0 : line == "false" ? 0.0 : std::stod(line));
    return v;
}

template <class T>
ir::Tensor make(ir::DType t, const ir::Shape& s, const std::vector<double>& v) {
    std::vector<T> out(v.begin(), v.end());
    return ir::Tensor::from_vector(t, s, out);
}

// A tensor of dtype `t` from a CSV of values; invalid when the dtype is not numeric.
ir::Tensor tensor_from_values(ir::DType t, const ir::Shape& shape, const std::vector<double>& v) {
    switch (t) {
        case ir::DType::Float32: return make<float>(t, shape, v);
        case ir::DType::Float64: return make<double>(t, shape, v);
        case ir::DType::Int32: return make<int32_t>(t, shape, v);
        case ir::DType::Int64: return make<int64_t>(t, shape, v);
        case ir::DType::Bool: return make<uint8_t>(t, shape, v);
        default: return {};
    }
}

}  // namespace

std::string load_tf_graph_case(const std::filesystem::path& pb, CorpusCase& out) {
    auto model = formats::read_model(pb);
    if (!model) return model.error().what();
    out.path = pb;
    out.model = std::move(*model);
    auto dir = pb.parent_path();
    static const std::regex input_const("in_[0-9]+");
    std::vector<ir::TensorInfo> inputs;
    for (auto& n : out.model.graph.nodes()) {
        if (n.op == "Const" && std::regex_match(n.name, input_const)) {
            const ir::Tensor* value = ir::attr_tensor(n.attrs, "value");
            if (!value || !ir::is_floating(value->dtype())) continue;
            const ir::Tensor t = *value;  // copy (shares storage): replacing attrs frees *value
            out.feeds.push_back({n.name, t});
            n.op = "Placeholder";
            n.attrs = {{"dtype", t.dtype()}, {"shape", t.shape()}};
            inputs.push_back({n.name, n.name + ":0", t.dtype(), t.shape()});
        } else if (n.op == "Placeholder") {
            std::string file = n.name;
            for (std::size_t p; (p = file.find('/')) != std::string::npos;) file.replace(p, 1, "____");
            auto csv = dir / (file + ".placeholder.csv");
            if (!std::filesystem::exists(csv)) return "no feed for placeholder '" + n.name + "'";
            auto values = read_numbers(csv);
            ir::Shape shape;
            for (double d : read_numbers(dir / (file + ".placeholder.shape"))) shape.dims.push_back(int64_t(d));
            if (shape.dims.size() == 1 && shape.dims[0] == 0 && values.size() == 1) shape.dims.clear();  // scalar
            ir::Tensor t = tensor_from_values(ir::attr_type(n.attrs, "dtype"), shape, values);
            if (!t.valid() || static_cast<std::size_t>(t.num_elements()) != values.size())
                return "feed for '" + n.name + "' does not match its dtype/shape";
            out.feeds.push_back({n.name, t});
            inputs.push_back({n.name, n.name + ":0", t.dtype(), shape});
        }
    }
    out.model.graph.reindex();
    out.model.inputs = std::move(inputs);
    return {};
}

std::vector<std::string> leftover_optimizations(const ir::Model& model) {
    std::vector<std::string> found;
    const auto& g = model.graph;
    std::unordered_set<std::string> outputs;
    for (const auto& o : model.outputs) outputs.insert(ir::parse_input(o.name).node);
    // A signature input may be an Identity (TF1 SavedModels feed x = Identity(ParseExample)):
    // it is fed, so it stays, like an output.
    for (const auto& i : model.inputs) outputs.insert(ir::parse_input(i.name).node);
    std::unordered_map<std::string, int> readers;
    for (const auto& n : g.nodes())
        for (const auto& in : n.inputs) ++readers[ir::parse_input(in).node];
    auto producer = [&](const ir::Node& n, int k) -> const ir::Node* {
        auto data = n.data_inputs();
        return k < static_cast<int>(data.size()) ? g.find(data[k].node) : nullptr;
    };
    auto is_nhwc_float = [](const ir::Node& n) {
        return ir::attr_string(n.attrs, "data_format", "NHWC") == "NHWC" &&
               ir::attr_type(n.attrs, "T", ir::DType::Float32) == ir::DType::Float32;
    };
    for (const auto& n : g.nodes()) {
        if (n.op == "BiasAdd" && is_nhwc_float(n)) {
            const ir::Node* c = producer(n, 0);
            if (c && (c->op == "Conv2D" || c->op == "DepthwiseConv2dNative" || c->op == "MatMul") &&
                is_nhwc_float(*c) && readers[c->name] == 1 && !outputs.count(c->name))
                found.push_back(c->op + " '" + c->name + "' + BiasAdd '" + n.name + "' not fused");
        }
        if (n.op == "FusedBatchNorm" || n.op == "FusedBatchNormV3" || n.op == "BatchNormWithGlobalNormalization") {
            const ir::Node* c = producer(n, 0);
            if (c && (c->op == "BiasAdd" || c->op == "Add" || c->op == "AddV2")) c = producer(*c, 0);
            const ir::Node* w = c ? producer(*c, 1) : nullptr;
            if (c && (c->op == "Conv2D" || c->op == "DepthwiseConv2dNative") && w && w->op == "Const" &&
                readers[c->name] == 1 && !ir::attr_bool(n.attrs, "is_training", n.op != "BatchNormWithGlobalNormalization"))
                found.push_back(n.op + " '" + n.name + "' after " + c->op + " not folded");
        }
        if (n.op == "Identity" && !outputs.count(n.name)) {
            const ir::Node* p = producer(n, 0);
            bool control_flow = p && (p->op == "Switch" || p->op == "Merge" || p->op == "Enter" || p->op == "Exit" ||
                                      p->op == "NextIteration" || p->op == "LoopCond");
            if (!control_flow) found.push_back("Identity '" + n.name + "' left");
        }
    }
    return found;
}

}  // namespace wb::test
