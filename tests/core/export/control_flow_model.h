// SPDX-License-Identifier: Apache-2.0
// A small TF2-style model with functional control flow, for the lowering tests:
//   (i, y) = While(i < 4: i + 1, y * 1.5)(0, x);  out = If(flag, then: y * 2, else: -y)
// x: float32 [2], flag: bool scalar. Function bodies use FunctionDef references ("add:z:0") and
// input-less Consts, like a SavedModel's library.
#pragma once
#include "ir/model.h"

namespace wb::test {

inline ir::Node cf_node(std::string name, std::string op, std::vector<std::string> in, ir::DType t) {
    ir::Node n;
    n.name = std::move(name);
    n.op = std::move(op);
    n.inputs = std::move(in);
    n.attrs["T"] = t;
    return n;
}

template <class T>
ir::Node cf_const(std::string name, ir::DType t, T v) {
    ir::Node n;
    n.name = std::move(name);
    n.op = "Const";
    n.attrs["dtype"] = t;
    n.attrs["value"] = ir::Tensor::scalar<T>(t, v);
    return n;
}

inline ir::Function cf_function(std::string name, std::vector<ir::ArgDef> in, std::vector<ir::ArgDef> out,
                                std::vector<ir::Node> nodes, std::map<std::string, std::string> ret) {
    ir::Function f;
    f.name = std::move(name);
    f.inputs = std::move(in);
    f.outputs = std::move(out);
    f.nodes = std::move(nodes);
    f.ret = std::move(ret);
    return f;
}

inline ir::Model control_flow_model() {
    using ir::DType;
    const ir::ArgDef i{"i", DType::Int32}, y{"y", DType::Float32};
    ir::Model m;
    m.format = "tf_saved_model";
    auto& g = m.graph;
    g.functions.push_back(cf_function("cond", {i, y}, {{"out", DType::Bool}},
                                      {cf_const("limit", DType::Int32, int32_t{4}),
                                       cf_node("less", "Less", {"i", "limit:output:0"}, DType::Int32)},
                                      {{"out", "less:z:0"}}));
    g.functions.push_back(cf_function("body", {i, y}, {{"i_next", DType::Int32}, {"y_next", DType::Float32}},
                                      {cf_const("one", DType::Int32, int32_t{1}), cf_const("k", DType::Float32, 1.5f),
                                       cf_node("add", "AddV2", {"i", "one:output:0"}, DType::Int32),
                                       cf_node("mul", "Mul", {"y", "k:output:0"}, DType::Float32)},
                                      {{"i_next", "add:z:0"}, {"y_next", "mul:z:0"}}));
    g.functions.push_back(cf_function("twice", {y}, {{"out", DType::Float32}},
                                      {cf_const("two", DType::Float32, 2.f),
                                       cf_node("mul", "Mul", {"y", "two:output:0"}, DType::Float32)},
                                      {{"out", "mul:z:0"}}));
    g.functions.push_back(cf_function("negate", {y}, {{"out", DType::Float32}},
                                      {cf_node("neg", "Neg", {"y"}, DType::Float32)}, {{"out", "neg:y:0"}}));
    ir::Node x = cf_node("x", "Placeholder", {}, DType::Float32);
    x.attrs.erase("T");
    x.attrs["dtype"] = DType::Float32;
    x.attrs["shape"] = ir::Shape({2});
    ir::Node flag = cf_node("flag", "Placeholder", {}, DType::Bool);
    flag.attrs.erase("T");
    flag.attrs["dtype"] = DType::Bool;
    flag.attrs["shape"] = ir::Shape{};
    g.add(x);
    g.add(flag);
    g.add(cf_const("zero", DType::Int32, int32_t{0}));
    ir::Node loop = cf_node("loop", "While", {"zero", "x"}, DType::Int32);
    ir::AttrList types;
    types.type = {DType::Int32, DType::Float32};
    loop.attrs["T"] = types;
    loop.attrs["cond"] = ir::NameAttrList{"cond"};
    loop.attrs["body"] = ir::NameAttrList{"body"};
    loop.attrs["parallel_iterations"] = 10;
    g.add(loop);
    ir::Node branch = cf_node("branch", "If", {"flag", "loop:1"}, DType::Float32);
    branch.attrs.erase("T");
    ir::AttrList tf;
    tf.type = {DType::Float32};
    branch.attrs["Tcond"] = DType::Bool;
    branch.attrs["Tin"] = tf;
    branch.attrs["Tout"] = tf;
    branch.attrs["then_branch"] = ir::NameAttrList{"twice"};
    branch.attrs["else_branch"] = ir::NameAttrList{"negate"};
    g.add(branch);
    g.add(cf_node("out", "Identity", {"branch"}, DType::Float32));
    m.inputs = {{"x", "x:0", DType::Float32, ir::Shape({2})}, {"flag", "flag:0", DType::Bool, ir::Shape{}}};
    m.outputs = {{"out", "out:0", DType::Float32, ir::Shape({2})}};
    return m;
}

}  // namespace wb::test
