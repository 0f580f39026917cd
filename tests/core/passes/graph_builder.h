// SPDX-License-Identifier: Apache-2.0
// A tiny inline graph builder for pass tests (Grappler's debug_stripper_test habit):
// every test states its 3-6 node graph in a few readable lines.
#pragma once
#include <QTest>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "ir/model.h"
#include "passes/pass.h"
#include "passes/pipelines.h"
#include "runtime/session.h"

namespace wb::test {

class GraphBuilder {
public:
    ir::Graph graph;

    std::string placeholder(const std::string& name, ir::Shape shape) {
        ir::Node n{name, "Placeholder", {}, {}, {}, {}};
        n.attrs["dtype"] = ir::DType::Float32;
        n.attrs["shape"] = shape;
        inputs_.push_back({name, name + ":0", ir::DType::Float32, shape});
        return add(std::move(n));
    }
    std::string constant(const std::string& name, ir::Shape shape, std::vector<float> values) {
        return constant(name, ir::Tensor::from_vector(ir::DType::Float32, std::move(shape), values));
    }
    std::string constant(const std::string& name, const ir::Tensor& t) {
        ir::Node n{name, "Const", {}, {}, {}, {}};
        n.attrs["dtype"] = t.dtype();
        n.attrs["value"] = t;
        return add(std::move(n));
    }
    std::string ints(const std::string& name, std::vector<int32_t> values) {
        return constant(name, ir::Tensor::from_vector(ir::DType::Int32, ir::Shape{int64_t(values.size())}, values));
    }
    // An op with T = float32 unless attrs say otherwise.
    std::string op(const std::string& type, const std::string& name, std::vector<std::string> inputs,
                   ir::AttrMap attrs = {}) {
        ir::Node n{name, type, std::move(inputs), {}, std::move(attrs), {}};
        if (!n.attrs.count("T")) n.attrs["T"] = ir::DType::Float32;
        else if (n.attrs["T"].is<std::monostate>()) n.attrs.erase("T");  // T = {} means "no T"

        return add(std::move(n));
    }
    std::string conv(const std::string& name, const std::string& x, const std::string& w,
                     const std::string& type = "Conv2D") {
        ir::AttrList strides;
        strides.i = {1, 1, 1, 1};
        return op(type, name, {x, w}, {{"strides", strides}, {"padding", std::string("SAME")},
                                       {"data_format", std::string("NHWC")}});
    }
    // A model whose outputs are the given nodes and inputs every placeholder.
    ir::Model model(const std::vector<std::string>& outputs) const {
        ir::Model m;
        m.graph = graph;
        m.inputs = inputs_;
        for (const auto& o : outputs) m.outputs.push_back({o, o + ":0", ir::DType::Float32, ir::Shape::unknown()});
        return m;
    }

private:
    std::string add(ir::Node n) {
        std::string name = n.name;
        graph.add(std::move(n));
        return name;
    }
    std::vector<ir::TensorInfo> inputs_;
};

// Deterministic values in [-1, 1) for a shape.
inline std::vector<float> random_values(int64_t count, unsigned seed = 7) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1.f, 1.f);
    std::vector<float> v(count);
    for (auto& x : v) x = dist(rng);
    return v;
}

inline ir::Tensor random_tensor(ir::Shape shape, unsigned seed = 7) {
    return ir::Tensor::from_vector(ir::DType::Float32, shape, random_values(*shape.num_elements(), seed));
}

// Runs a model on the bundled runtime; fails the test on error.
inline std::vector<ir::Tensor> run_model(const ir::Model& model, const std::vector<runtime::NamedTensor>& feeds) {
    auto session = runtime::Session::create(std::make_shared<const ir::Model>(model));
    if (!session) {
        QTest::qFail(("session: " + session.error().what()).c_str(), __FILE__, __LINE__);
        return {};
    }
    auto out = (*session)->run(feeds);
    if (!out) {
        QTest::qFail(("run: " + out.error().what()).c_str(), __FILE__, __LINE__);
        return {};
    }
    return std::move(*out);
}

// |a - b| <= abs + rel * |b| elementwise; false with a message on the first difference.
inline bool close(const ir::Tensor& a, const ir::Tensor& b, double abs, double rel, std::string* why = nullptr) {
    if (a.shape().dims != b.shape().dims || a.num_elements() != b.num_elements()) {
        if (why) *why = "shape " + a.shape().to_string() + " vs " + b.shape().to_string();
        return false;
    }
    if (a.dtype() == ir::DType::String) return a.strings() == b.strings();
    for (int64_t i = 0; i < a.num_elements(); ++i) {
        double x = a.value_as_double(i), y = b.value_as_double(i);
        if (x == y || (std::isnan(x) && std::isnan(y))) continue;
        if (!(std::abs(x - y) <= abs + rel * std::abs(y))) {
            if (why) *why = "element " + std::to_string(i) + ": " + std::to_string(x) + " vs " + std::to_string(y);
            return false;
        }
    }
    return true;
}

// Runs `pass` on a copy of the model's graph and returns the copy with the change log.
inline std::pair<ir::Model, passes::ChangeLog> apply(const std::string& pass, const ir::Model& model) {
    ir::Model out = model;
    passes::PassContext ctx = passes::PassContext::for_model(out);
    auto p = passes::make_pass(pass);
    passes::ChangeLog log = p->run(out.graph, ctx);
    return {std::move(out), std::move(log)};
}

inline std::vector<std::string> ops_of(const ir::Graph& g) {
    std::vector<std::string> ops;
    for (const auto& n : g.nodes()) ops.push_back(n.op);
    return ops;
}

}  // namespace wb::test
