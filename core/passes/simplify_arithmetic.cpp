// SPDX-License-Identifier: Apache-2.0
// Grappler's arithmetic optimizer, the rewrites that matter for inference graphs.
#include "passes/all_passes.h"
#include "passes/graph_editor.h"
#include "passes/op_traits.h"

namespace wb::passes {

// Identical-node merging lives in merge_duplicates.cpp; simplify_arithmetic calls it last.
void merge_duplicate_nodes(ir::Graph& graph, PassContext& ctx, ChangeLog& log);

namespace {

// c is neutral for x when every element is `v` and broadcasting x against c cannot change
// x's shape: c is a scalar, or all of c's dims are 1 and x's known rank is at least c's.
bool neutral(GraphEditor& ed, const ir::Node& n, int c_index, double v) {
    const ir::Node* c = ed.input_node(n, c_index);
    const ir::Node* x = ed.input_node(n, 1 - c_index);
    const ir::Tensor* t = c ? const_value(*c) : nullptr;
    if (!t || !x || !all_elements_equal(*t, v)) return false;
    if (t->shape().rank() == 0) return true;
    if (t->num_elements() != 1) return false;
    auto xs = known_shape(*x, n.data_inputs()[1 - c_index].index);
    return xs && xs->rank() >= t->shape().rank();
}

std::vector<int64_t> const_ints(const ir::Node* n) {
    std::vector<int64_t> out;
    const ir::Tensor* t = n ? const_value(*n) : nullptr;
    if (!t || !ir::is_integer(t->dtype())) return out;
    for (int64_t i = 0; i < t->num_elements(); ++i) out.push_back(static_cast<int64_t>(t->value_as_double(i)));
    return out;
}

class SimplifyArithmetic : public Pass {
public:
    std::string name() const override { return "simplify_arithmetic"; }
    std::string description() const override {
        return "Removes x*1, x+0, x-0, x/1, -(-x), inverse transposes, chained reshapes, no-op "
               "casts and squeezes, and merges identical nodes.";
    }

    ChangeLog run(ir::Graph& graph, PassContext& ctx) override {
        ChangeLog log;
        GraphEditor ed(graph, log);
        for (auto& n : graph.nodes()) {
            if (ctx.is_protected(n.name)) continue;
            auto in = n.data_inputs();
            auto input = [&](int k) { return ir::format_input(in[k]); };
            const std::string& op = n.op;
            if (in.size() == 2 && (op == "Mul" || op == "Add" || op == "AddV2")) {
                double v = op == "Mul" ? 1.0 : 0.0;
                // x*1 = 1*x = x;  x+0 = 0+x = x
                if (neutral(ed, n, 1, v)) ed.forward(n.name, input(0), op + "(x, " + fmt(v) + ") -> x");
                else if (neutral(ed, n, 0, v)) ed.forward(n.name, input(1), op + "(" + fmt(v) + ", x) -> x");
            } else if (in.size() == 2 && (op == "Sub" || op == "BiasAdd") && neutral(ed, n, 1, 0.0)) {
                ed.forward(n.name, input(0), op + "(x, 0) -> x");  // x-0 = x, x+b with b=0 is x
            } else if (in.size() == 2 && (op == "RealDiv" || op == "Div") && neutral(ed, n, 1, 1.0)) {
                ed.forward(n.name, input(0), op + "(x, 1) -> x");  // x/1 = x
            } else if (op == "Neg" && in.size() == 1) {
                // -(-x) = x
                const ir::Node* inner = ed.input_node(n, 0);
                if (inner && inner->op == "Neg" && !inner->data_inputs().empty())
                    ed.forward(n.name, ir::format_input(inner->data_inputs()[0]), "-(-x) -> x");
            } else if (op == "Transpose" && in.size() == 2) {
                simplify_transpose(ed, n);
            } else if (op == "Reshape" && in.size() == 2) {
                simplify_reshape(ed, n, in);
            } else if (op == "Cast" && in.size() == 1) {
                // cast<T>(x: T) = x
                if (ir::attr_type(n.attrs, "SrcT") == ir::attr_type(n.attrs, "DstT") &&
                    ir::attr_type(n.attrs, "SrcT") != ir::DType::Invalid)
                    ed.forward(n.name, input(0), "Cast to the same type -> x");
            } else if (op == "Squeeze" && in.size() == 1) {
                simplify_squeeze(ed, n, in);
            }
        }
        ed.commit();
        merge_duplicate_nodes(graph, ctx, log);
        return log;
    }

private:
    static std::string fmt(double v) { return v == 0.0 ? "0" : "1"; }

    // transpose(transpose(x, p), q)[i] = x[p[q[i]]]: the identity when p[q[i]] = i for all i.
    static void simplify_transpose(GraphEditor& ed, ir::Node& n) {
        const ir::Node* inner = ed.input_node(n, 0);
        if (!inner || inner->op != "Transpose" || inner->data_inputs().size() != 2) return;
        auto q = const_ints(ed.input_node(n, 1));
        auto p = const_ints(ed.input_node(*inner, 1));
        if (p.empty() || p.size() != q.size()) return;
        for (std::size_t i = 0; i < q.size(); ++i)
            if (q[i] < 0 || q[i] >= static_cast<int64_t>(p.size()) || p[q[i]] != static_cast<int64_t>(i)) return;
        ed.forward(n.name, ir::format_input(inner->data_inputs()[0]), "transpose(transpose(x)) = x");
    }

    // reshape(reshape(x, s1), s2) = reshape(x, s2): reshapes only reinterpret the row-major
    // buffer. reshape(x, s) = x when x's static shape already is s.
    static void simplify_reshape(GraphEditor& ed, ir::Node& n, const std::vector<ir::InputRef>& in) {
        const ir::Node* inner = ed.input_node(n, 0);
        if (!inner) return;
        auto target = const_ints(ed.input_node(n, 1));
        auto xs = known_shape(*inner, in[0].index);
        if (xs && !target.empty() && xs->dims == target) {
            ed.forward(n.name, ir::format_input(in[0]), "Reshape to its own shape -> x");
            return;
        }
        if (inner->op == "Reshape" && inner->data_inputs().size() == 2 && in[0].index == 0) {
            std::string x = ir::format_input(inner->data_inputs()[0]);
            n.inputs[0] = x;
            ed.rewritten(n, {n.name, inner->name}, "reshape(reshape(x)) -> reshape(x)");
        }
    }

    // squeeze(expand_dims(x, a), [a]) = x for a >= 0; squeeze(x) = x when x has no unit dims.
    static void simplify_squeeze(GraphEditor& ed, ir::Node& n, const std::vector<ir::InputRef>& in) {
        const ir::Node* inner = ed.input_node(n, 0);
        if (!inner) return;
        auto dims = ir::attr_ints(n.attrs, "squeeze_dims");
        if (inner->op == "ExpandDims" && in[0].index == 0 && dims.size() == 1 && dims[0] >= 0) {
            auto axis = const_ints(ed.input_node(*inner, 1));
            if (axis.size() == 1 && axis[0] == dims[0]) {
                ed.forward(n.name, ir::format_input(inner->data_inputs()[0]), "squeeze(expand_dims(x)) = x");
                return;
            }
        }
        auto xs = known_shape(*inner, in[0].index);
        if (xs && dims.empty()) {
            for (auto d : xs->dims)
                if (d == 1) return;
            ed.forward(n.name, ir::format_input(in[0]), "Squeeze of a shape without unit dims -> x");
        }
    }
};

}  // namespace

std::unique_ptr<Pass> make_simplify_arithmetic() { return std::make_unique<SimplifyArithmetic>(); }

}  // namespace wb::passes
