// SPDX-License-Identifier: Apache-2.0
#pragma once
// Graphs built in code for the view tests: `blocks` conv blocks under name scopes, each
// Const → Conv2D → BiasAdd → Relu, chained, with an optional MatrixInverse (an op
// TensorFlow.js cannot run) in the middle block.
#include <memory>
#include <string>

#include "ir/model.h"

namespace wb::test {

inline std::shared_ptr<const ir::Model> synthetic_model(int blocks, bool with_unsupported = true) {
    auto model = std::make_shared<ir::Model>();
    model->format = "synthetic";
    auto& g = model->graph;
    auto node = [&g](std::string name, std::string op, std::vector<std::string> inputs) {
        ir::Node n;
        n.name = std::move(name);
        n.op = std::move(op);
        n.inputs = std::move(inputs);
        n.attrs["T"] = ir::AttrValue(ir::DType::Float32);
        g.add(std::move(n));
    };
    ir::Node input;
    input.name = "input";
    input.op = "Placeholder";
    input.attrs["dtype"] = ir::AttrValue(ir::DType::Float32);
    input.attrs["shape"] = ir::AttrValue(ir::Shape{1, 8, 8, 3});
    g.add(std::move(input));
    std::string prev = "input";
    for (int b = 0; b < blocks; ++b) {
        const std::string s = "block" + std::to_string(b) + "/";
        ir::Node w;
        w.name = s + "weights";
        w.op = "Const";
        w.attrs["dtype"] = ir::AttrValue(ir::DType::Float32);
        std::vector<float> values(3 * 3 * 3 * 3);
        for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<float>(i % 7) - 3.f;
        w.attrs["value"] = ir::AttrValue(ir::Tensor::from_vector(ir::DType::Float32, ir::Shape{3, 3, 3, 3}, values));
        g.add(std::move(w));
        node(s + "Conv2D", "Conv2D", {prev, s + "weights"});
        node(s + "BiasAdd", "BiasAdd", {s + "Conv2D"});
        node(s + "Relu", "Relu", {s + "BiasAdd"});
        prev = s + "Relu";
        if (with_unsupported && b == blocks / 2) {
            node(s + "MatrixInverse", "MatrixInverse", {prev});
            prev = s + "MatrixInverse";
        }
    }
    node("output", "Softmax", {prev});
    ir::TensorInfo out;
    out.name = "output:0";
    out.dtype = ir::DType::Float32;
    model->outputs.push_back(out);
    g.reindex();
    return model;
}

}  // namespace wb::test
