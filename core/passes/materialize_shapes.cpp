// SPDX-License-Identifier: Apache-2.0
// Grappler's constfold, MaterializeShapes (constant_folding.cc): Shape, ShapeN, Size and Rank
// of a tensor whose static shape is known become Consts, so the shape arithmetic downstream
// folds too. The converter runs constfold in both Grappler passes (spec §6.2 steps 3, 7).
#include <optional>

#include "passes/all_passes.h"
#include "passes/graph_editor.h"
#include "passes/op_traits.h"

namespace wb::passes {
namespace {

// Ops whose output 0 has the shape of their input 0: shape knowledge flows through them.
bool keeps_input_shape(std::string_view op) {
    static constexpr std::string_view kOps[] = {
        "Identity", "Relu", "Relu6", "Elu", "Selu", "LeakyRelu", "Sigmoid", "Tanh", "Softplus", "Softsign",
        "Neg", "Abs", "Exp", "Log", "Sqrt", "Rsqrt", "Square", "Floor", "Ceil", "Round", "Sign", "Cast",
        "Softmax", "LogSoftmax", "StopGradient", "Snapshot", "BiasAdd", "FusedBatchNorm", "FusedBatchNormV3"};
    for (auto o : kOps)
        if (o == op) return true;
    return false;
}

// The static shape of `ref`'s tensor, possibly with unknown dims (-1); unknown rank when
// nothing says. Follows shape-preserving ops a few steps up.
ir::Shape static_shape(const ir::Graph& graph, const ir::InputRef& ref, int depth = 0) {
    const ir::Node* n = graph.find(ref.node);
    if (!n) return ir::Shape::unknown();
    if (auto s = known_shape(*n, ref.index)) return *s;
    if (n->op == "Placeholder" && ref.index == 0)
        if (const ir::Shape* s = ir::attr_shape(n->attrs, "shape")) return *s;
    if (auto it = n->attrs.find("_output_shapes"); it != n->attrs.end())
        if (const auto* list = it->second.get_if<ir::AttrList>(); list && ref.index < int(list->shape.size()))
            return list->shape[ref.index];
    auto data = n->data_inputs();
    if (ref.index == 0 && depth < 32 && !data.empty() && keeps_input_shape(n->op))
        return static_shape(graph, data[0], depth + 1);
    return ir::Shape::unknown();
}

ir::Tensor int_tensor(ir::DType dtype, ir::Shape shape, const std::vector<int64_t>& values) {
    if (dtype == ir::DType::Int64) return ir::Tensor::from_vector(dtype, std::move(shape), values);
    std::vector<int32_t> narrow(values.begin(), values.end());
    return ir::Tensor::from_vector(ir::DType::Int32, std::move(shape), narrow);
}

// The value Shape / Size / Rank would compute from `s`, or nullopt when `s` does not fix it.
std::optional<ir::Tensor> materialize(const std::string& op, const ir::Shape& s, ir::DType out_type) {
    if (s.unknown_rank) return std::nullopt;
    if (op == "Rank") return int_tensor(ir::DType::Int32, {}, {s.rank()});
    if (!s.fully_defined()) return std::nullopt;
    if (op == "Size") {
        auto count = s.num_elements();
        return count ? std::optional(int_tensor(out_type, {}, {*count})) : std::nullopt;
    }
    return int_tensor(out_type, ir::Shape{s.rank()}, s.dims);  // Shape, ShapeN
}

class MaterializeShapes : public Pass {
public:
    std::string name() const override { return "materialize_shapes"; }
    std::string description() const override {
        return "Replaces Shape, ShapeN, Size and Rank of tensors with a static shape by Consts.";
    }

    // shape(x) = [d0, ..., dn-1], size(x) = d0·…·dn-1, rank(x) = n when x's shape is static.
    // The Const keeps a control edge on x's producer (as Grappler does) so that it stays in
    // x's loop frame or cond branch.
    ChangeLog run(ir::Graph& graph, PassContext& ctx) override {
        ChangeLog log;
        GraphEditor ed(graph, log);
        for (auto& n : graph.nodes()) {
            const bool shape_n = n.op == "ShapeN";
            if (!shape_n && n.op != "Shape" && n.op != "Size" && n.op != "Rank") continue;
            auto data = n.data_inputs();
            if (data.empty() || ctx.is_protected(n.name)) continue;
            const ir::DType out_type = ir::attr_type(n.attrs, "out_type", ir::DType::Int32);
            std::vector<ir::Tensor> values;
            for (const auto& ref : data)
                if (auto v = materialize(shape_n ? "Shape" : n.op, static_shape(graph, ref), out_type)) values.push_back(*v);
            if (values.size() != data.size() || (!shape_n && values.size() != 1)) continue;
            std::vector<std::string> controls;
            for (const auto& in : n.inputs)
                if (!in.empty() && in.front() == '^') controls.push_back(in);
            for (const auto& ref : data) controls.push_back("^" + ref.node);
            const std::string what = n.op + " of " + static_shape(graph, data[0]).to_string();
            if (!shape_n) {
                n = [&] { ir::Node c = make_const(n.name, values[0], n.device); c.inputs = controls; return c; }();
                ed.rewritten(n, {n.name}, what + " materialized");
                continue;
            }
            std::vector<std::string> names;
            for (std::size_t k = 0; k < values.size(); ++k) {
                ir::Node c = make_const(ed.unique_name("ConstantFolding/" + n.name + "-matshapes-" + std::to_string(k)),
                                        values[k], n.device);
                c.inputs = {"^" + data[k].node};
                names.push_back(c.name);
                ed.add(std::move(c), {n.name}, "ShapeN output " + std::to_string(k) + " materialized");
            }
            ed.forward_outputs(n.name, names, "every shape static");
        }
        ed.commit();
        return log;
    }
};

}  // namespace

std::unique_ptr<Pass> make_materialize_shapes() { return std::make_unique<MaterializeShapes>(); }

}  // namespace wb::passes
