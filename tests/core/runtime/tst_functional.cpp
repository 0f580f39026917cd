// SPDX-License-Identifier: Apache-2.0
// TF2 functional control flow (If/StatelessIf, Case, While/StatelessWhile, PartitionedCall/
// StatefulPartitionedCall) on FunctionDefs built inline; expected values computed by hand from
// TensorFlow's semantics (ToBool of the predicate, Case's out-of-range → last branch, loop
// values carried through body until cond is false, "node:out_arg:k" naming in bodies).
#include <QTest>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

namespace {

// add_one(x) = x + 1 and sub_one(x) = x - 1 on float scalars.
ir::Function unary_fn(const std::string& name, const std::string& op) {
    return function(name, {"x"},
                    {constant("one", scalar_float(1.f)), node("r", op, {"x", "one:output:0"})},
                    {{"y", "r:z:0"}});
}

// cond(i, acc) = i < limit; body(i, acc) = (i + 1, acc * 2).
std::vector<ir::Function> doubling_loop(int limit) {
    return {function("cond", {"i", "acc"}, {constant("limit", scalar_int(limit)), node("less", "Less", {"i", "limit:output:0"})},
                     {{"p", "less:z:0"}}),
            function("body", {"i", "acc"},
                     {constant("one", scalar_int(1)), constant("two", scalar_float(2.f)),
                      node("next_i", "AddV2", {"i", "one:output:0"}), node("next_acc", "Mul", {"acc", "two:output:0"})},
                     {{"i_out", "next_i:z:0"}, {"acc_out", "next_acc:z:0"}})};
}

ir::AttrMap branch_attrs() { return {{"then_branch", fn_ref("add_one")}, {"else_branch", fn_ref("sub_one")}}; }

}  // namespace

class TstFunctional : public QObject {
    Q_OBJECT
private slots:
    void ifTakesTheBranchTheScalarPredicateNames() {
        for (const char* op : {"If", "StatelessIf"})
            for (bool pred : {true, false}) {
                Graph g({constant("p", scalar_bool(pred)), constant("x", scalar_float(5.f)),
                         node("if", op, {"p", "x"}, branch_attrs())},
                        {unary_fn("add_one", "AddV2"), unary_fn("sub_one", "Sub")});
                expect_values(g.run({"if"})[0], ir::Shape{}, {pred ? 6.0 : 4.0});
            }
    }
    void ifPredicateOfHigherRankIsTrueWhenNonEmpty() {
        for (int64_t n : {0, 3}) {
            Graph g({constant("p", ir::Tensor(ir::DType::Float32, ir::Shape{n})), constant("x", scalar_float(5.f)),
                     node("if", "If", {"p", "x"}, branch_attrs())},
                    {unary_fn("add_one", "AddV2"), unary_fn("sub_one", "Sub")});
            expect_values(g.run({"if"})[0], ir::Shape{}, {n ? 6.0 : 4.0});
        }
    }
    void caseOutOfRangeTakesTheLastBranch() {
        ir::AttrList branches;
        branches.func = {fn_ref("add_one"), fn_ref("sub_one")};
        for (auto [index, want] : std::vector<std::pair<int, double>>{{0, 8.0}, {1, 6.0}, {7, 6.0}, {-1, 6.0}}) {
            Graph g({constant("b", scalar_int(index)), constant("x", scalar_float(7.f)),
                     node("case", "StatelessCase", {"b", "x"}, {{"branches", branches}})},
                    {unary_fn("add_one", "AddV2"), unary_fn("sub_one", "Sub")});
            expect_values(g.run({"case"})[0], ir::Shape{}, {want});
        }
    }
    void whileCarriesValuesUntilCondFails() {
        for (const char* op : {"While", "StatelessWhile"}) {
            Graph g({constant("i0", scalar_int(0)), constant("acc0", scalar_float(1.f)),
                     node("loop", op, {"i0", "acc0"}, {{"cond", fn_ref("cond")}, {"body", fn_ref("body")}})},
                    doubling_loop(5));
            auto out = g.run({"loop:0", "loop:1"});
            expect_values(out[0], ir::Shape{}, {5});
            expect_values(out[1], ir::Shape{}, {32});
        }
    }
    void whileWhoseCondIsFalseAtOnceReturnsItsInputs() {
        Graph g({constant("i0", scalar_int(9)), constant("acc0", scalar_float(3.f)),
                 node("loop", "While", {"i0", "acc0"}, {{"cond", fn_ref("cond")}, {"body", fn_ref("body")}})},
                doubling_loop(5));
        auto out = g.run({"loop:0", "loop:1"});
        expect_values(out[0], ir::Shape{}, {9});
        expect_values(out[1], ir::Shape{}, {3});
    }
    void partitionedCallMapsOutputArgumentsToIndices() {
        // f(x) = (TopKV2(x, 1).indices, x passed through, If(true, x) inside the body).
        ir::Function f = function(
            "f", {"x"},
            {constant("k", scalar_int(1)), node("topk", "TopKV2", {"x", "k:output:0"}),
             constant("t", scalar_bool(true)), constant("s", scalar_float(10.f)),
             node("inner", "StatelessIf", {"t:output:0", "s:output:0"}, branch_attrs())},
            {{"indices", "topk:indices:0"}, {"same", "x"}, {"branch", "inner:output:0"}});
        for (const char* op : {"PartitionedCall", "StatefulPartitionedCall"}) {
            Graph g({constant("x", floats({3}, {1.f, 9.f, 4.f})), node("call", op, {"x"}, {{"f", fn_ref("f")}})},
                    {f, unary_fn("add_one", "AddV2"), unary_fn("sub_one", "Sub")});
            auto out = g.run({"call:0", "call:1", "call:2"});
            expect_values(out[0], ir::Shape{1}, {1});
            expect_values(out[1], ir::Shape{3}, {1, 9, 4});
            expect_values(out[2], ir::Shape{}, {11});
        }
    }
    void recursiveFunctionIsAnErrorNotAStackOverflow() {
        ir::Function f = function("f", {"x"}, {node("again", "PartitionedCall", {"x"}, {{"f", fn_ref("f")}})},
                                  {{"y", "again:output:0"}});
        Graph g({constant("x", scalar_float(1.f)), node("call", "PartitionedCall", {"x"}, {{"f", fn_ref("f")}})}, {f});
        auto out = g.try_run({"call"});
        QVERIFY(!out);
        QVERIFY2(out.error().what().find("calls itself") != std::string::npos, out.error().what().c_str());
    }
    void missingFunctionNamesTheNodeAndFunction() {
        Graph g({constant("x", scalar_float(1.f)), node("call", "PartitionedCall", {"x"}, {{"f", fn_ref("nowhere")}})});
        auto out = g.try_run({"call"});
        QVERIFY(!out);
        QVERIFY2(out.error().what().find("node 'call'") != std::string::npos, out.error().what().c_str());
        QVERIFY2(out.error().what().find("nowhere") != std::string::npos, out.error().what().c_str());
    }
    void bodyErrorsSurfaceWithTheFunctionName() {
        // The body fails at run time (Reshape to an impossible shape).
        ir::Function bad = function("bad", {"x"}, {constant("shape", ints({1}, {7})), node("r", "Reshape", {"x", "shape:output:0"})},
                                    {{"y", "r:output:0"}});
        Graph g({constant("x", floats({2}, {1.f, 2.f})), node("call", "PartitionedCall", {"x"}, {{"f", fn_ref("bad")}})}, {bad});
        auto out = g.try_run({"call"});
        QVERIFY(!out);
        QVERIFY2(out.error().what().find("function 'bad'") != std::string::npos, out.error().what().c_str());
    }
};

QTEST_GUILESS_MAIN(TstFunctional)
#include "tst_functional.moc"
