// SPDX-License-Identifier: Apache-2.0
// Small graphs and functions built inline for the kernel suites that need a Session (functional
// control flow, TensorList, image ops): nodes, constants, FunctionDefs and a run helper.
#pragma once
#include <QTest>

#include <memory>
#include <string>
#include <vector>

#include "ir/model.h"
#include "runtime/session.h"

namespace wb::test {

inline ir::Node node(const std::string& name, const std::string& op, std::vector<std::string> inputs,
                     ir::AttrMap attrs = {}) {
    ir::Node n;
    n.name = name;
    n.op = op;
    n.inputs = std::move(inputs);
    n.attrs = std::move(attrs);
    return n;
}

inline ir::Node constant(const std::string& name, ir::Tensor v) {
    return node(name, "Const", {}, {{"dtype", v.dtype()}, {"value", v}});
}

template <class T>
ir::Tensor tensor(ir::DType t, ir::Shape s, std::vector<T> v) { return ir::Tensor::from_vector<T>(t, std::move(s), v); }
inline ir::Tensor floats(ir::Shape s, std::vector<float> v) { return tensor<float>(ir::DType::Float32, std::move(s), std::move(v)); }
inline ir::Tensor ints(ir::Shape s, std::vector<int32_t> v) { return tensor<int32_t>(ir::DType::Int32, std::move(s), std::move(v)); }
inline ir::Tensor scalar_int(int32_t v) { return ir::Tensor::scalar<int32_t>(ir::DType::Int32, v); }
inline ir::Tensor scalar_float(float v) { return ir::Tensor::scalar<float>(ir::DType::Float32, v); }
inline ir::Tensor scalar_bool(bool v) { return ir::Tensor::scalar<uint8_t>(ir::DType::Bool, v ? 1 : 0); }

inline ir::NameAttrList fn_ref(const std::string& name) {
    ir::NameAttrList f;
    f.name = name;
    return f;
}

// A FunctionDef: `inputs` are argument names, `rets` map output names to body tensors
// ("node:out_arg:k" or an argument name).
inline ir::Function function(const std::string& name, std::vector<std::string> inputs, std::vector<ir::Node> body,
                             std::vector<std::pair<std::string, std::string>> rets) {
    ir::Function f;
    f.name = name;
    for (auto& a : inputs) f.inputs.push_back({a, ir::DType::Invalid, {}, {}, {}, false});
    f.nodes = std::move(body);
    for (auto& [out, tensor] : rets) {
        f.outputs.push_back({out, ir::DType::Invalid, {}, {}, {}, false});
        f.ret[out] = tensor;
    }
    return f;
}

struct Graph {
    std::shared_ptr<ir::Model> model = std::make_shared<ir::Model>();
    Graph(std::vector<ir::Node> nodes, std::vector<ir::Function> library = {}) {
        for (auto& n : nodes) model->graph.add(std::move(n));
        model->graph.functions = std::move(library);
    }
    // Runs the graph; fails the test with the error text when the run fails.
    std::vector<ir::Tensor> run(const std::vector<std::string>& fetches, const std::vector<runtime::NamedTensor>& feeds = {}) const {
        auto out = try_run(fetches, feeds);
        if (!out) qFatal("%s", out.error().what().c_str());
        return std::move(*out);
    }
    Expected<std::vector<ir::Tensor>> try_run(const std::vector<std::string>& fetches,
                                              const std::vector<runtime::NamedTensor>& feeds = {}) const {
        auto s = runtime::Session::create(model, runtime::SessionOptions{2, false});
        if (!s) return s.error();
        return (*s)->run(feeds, fetches);
    }
};

// Exact comparison of values (as doubles) and shapes.
inline void expect_values(const ir::Tensor& got, const ir::Shape& shape, const std::vector<double>& want, double tol = 0.0) {
    QCOMPARE(got.shape(), shape);
    QCOMPARE(got.num_elements(), static_cast<int64_t>(want.size()));
    for (std::size_t i = 0; i < want.size(); ++i)
        if (std::abs(got.value_as_double(static_cast<int64_t>(i)) - want[i]) > tol)
            QFAIL(qPrintable(QString("element %1: %2, want %3").arg(i).arg(got.value_as_double(static_cast<int64_t>(i))).arg(want[i])));
}

}  // namespace wb::test
