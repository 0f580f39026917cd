// SPDX-License-Identifier: Apache-2.0
// Grappler pass-1 style passes: prune, strip debug ops, remove identities, fold constants,
// simplify arithmetic, materialize shapes. Each has a graph it must leave alone and a small one it must rewrite.
#include <QtTest>

#include "graph_builder.h"
#include "ir/validate.h"
#include "passes/op_traits.h"

using namespace wb;
using wb::test::GraphBuilder;

class TstSimplifyPasses : public QObject {
    Q_OBJECT

    static void expect_untouched(const std::string& pass, const ir::Model& m) {
        auto [out, log] = test::apply(pass, m);
        QVERIFY2(log.empty(), (pass + " changed a graph it must leave alone").c_str());
        QCOMPARE(test::ops_of(out.graph), test::ops_of(m.graph));
    }
    static void expect_valid(const ir::Graph& g) {
        auto ok = ir::validate(g);
        QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().what().c_str());
    }

private slots:
    void prune_to_outputs() {
        GraphBuilder b;
        b.placeholder("x", {2});
        b.op("Relu", "y", {"x"});
        expect_untouched("prune_to_outputs", b.model({"y"}));
        b.constant("c", {2}, {1, 2});
        b.op("Add", "dead", {"x", "c"});
        b.op("Neg", "dead2", {"dead"});
        auto [out, log] = test::apply("prune_to_outputs", b.model({"y"}));
        QCOMPARE(out.graph.size(), 2u);
        QCOMPARE(log.removed.size(), 3u);
        QVERIFY(out.graph.find("x"));  // inputs stay even when unread
        expect_valid(out.graph);
    }

    void strip_debug_ops() {
        GraphBuilder b;
        b.placeholder("x", {2});
        b.op("Relu", "y", {"x"});
        expect_untouched("strip_debug_ops", b.model({"y"}));
        GraphBuilder g;
        g.placeholder("x", {2});
        g.op("CheckNumerics", "check", {"x"}, {{"message", std::string("bad")}});
        g.op("IsFinite", "finite", {"x"});
        g.op("All", "all", {"finite"});
        g.op("Assert", "assert", {"all", "x"});
        g.op("Relu", "y", {"check", "^assert"});
        auto [out, log] = test::apply("strip_debug_ops", g.model({"y"}));
        QVERIFY(!out.graph.find("check") && !out.graph.find("assert"));
        QCOMPARE(out.graph.find("y")->inputs, std::vector<std::string>{"x"});
        QCOMPARE(log.removed.size(), 2u);
        expect_valid(out.graph);
    }

    void remove_identities() {
        GraphBuilder b;
        b.placeholder("x", {2});
        b.op("Relu", "r", {"x"});
        b.op("Identity", "Identity", {"r"});  // feeds the output: kept
        expect_untouched("remove_identities", b.model({"Identity"}));
        GraphBuilder g;
        g.placeholder("x", {2});
        g.op("Identity", "id", {"x"});
        g.op("NoOp", "deps", {"^x"}, {{"T", ir::AttrValue{}}});
        g.op("StopGradient", "sg", {"id", "^deps"});
        g.op("Relu", "y", {"sg", "^x", "^x"});
        auto [out, log] = test::apply("remove_identities", g.model({"y"}));
        QCOMPARE(out.graph.size(), 2u);
        // ^x was redundant with the data edge; ^deps collapsed to ^x, also redundant.
        QCOMPARE(out.graph.find("y")->inputs, std::vector<std::string>{"x"});
        expect_valid(out.graph);
    }

    void fold_constants() {
        GraphBuilder b;
        b.placeholder("x", {2});
        b.constant("c", {2}, {1, 2});
        b.op("AddV2", "y", {"x", "c"});
        expect_untouched("fold_constants", b.model({"y"}));
        GraphBuilder g;
        g.placeholder("x", {2});
        g.constant("a", {2}, {1, 2});
        g.constant("b", {2}, {3, 4});
        g.op("AddV2", "s", {"a", "b"});
        g.op("Mul", "m", {"s", "a"});
        g.op("AddV2", "y", {"x", "m"});
        auto [out, log] = test::apply("fold_constants", g.model({"y"}));
        // (a + b) * a = (4, 6) * (1, 2) = (4, 12), as TensorFlow computes it.
        const ir::Node* m = out.graph.find("m");
        QVERIFY(m && m->op == "Const");
        const ir::Tensor* t = passes::const_value(*m);
        QCOMPARE(t->value_as_double(0), 4.0);
        QCOMPARE(t->value_as_double(1), 12.0);
        QCOMPARE(out.graph.size(), 3u);  // x, m, y: a, b and s went with the fold
        expect_valid(out.graph);
    }

    void fold_constants_keeps_the_model_small() {
        // BroadcastTo a 1-element Const to 256x256 would add 256 KiB of weights: left alone.
        GraphBuilder g;
        g.placeholder("x", {256, 256});
        g.constant("one", {1}, {1});
        g.ints("shape", {256, 256});
        g.op("BroadcastTo", "big", {"one", "shape"}, {{"Tidx", ir::DType::Int32}});
        g.op("Mul", "y", {"x", "big"});
        auto [out, log] = test::apply("fold_constants", g.model({"y"}));
        QCOMPARE(out.graph.find("big")->op, std::string("BroadcastTo"));
    }

    void simplify_arithmetic() {
        GraphBuilder b;
        b.placeholder("x", {2});
        b.constant("two", {}, {2});
        b.op("Mul", "y", {"x", "two"});
        expect_untouched("simplify_arithmetic", b.model({"y"}));
        GraphBuilder g;
        g.placeholder("x", {2});
        g.constant("one", {}, {1});
        g.constant("zero", {}, {0});
        g.op("Mul", "m", {"one", "x"});
        g.op("Sub", "s", {"m", "zero"});
        g.op("Neg", "n1", {"s"});
        g.op("Neg", "n2", {"n1"});
        g.op("Relu", "y", {"n2"});
        auto [out, log] = test::apply("simplify_arithmetic", g.model({"y"}));
        QCOMPARE(out.graph.find("y")->inputs, std::vector<std::string>{"x"});
        expect_valid(out.graph);
    }

    void simplify_arithmetic_layout_ops() {
        GraphBuilder g;
        g.placeholder("x", {2, 3, 4});
        g.ints("p", {2, 0, 1});
        g.ints("q", {1, 2, 0});
        g.op("Transpose", "t1", {"x", "p"}, {{"Tperm", ir::DType::Int32}});
        g.op("Transpose", "t2", {"t1", "q"}, {{"Tperm", ir::DType::Int32}});
        g.ints("s1", {6, 4});
        g.ints("s2", {24});
        g.op("Reshape", "r1", {"t2", "s1"});
        g.op("Reshape", "r2", {"r1", "s2"});
        g.op("Cast", "c", {"r2"}, {{"SrcT", ir::DType::Float32}, {"DstT", ir::DType::Float32}, {"T", ir::AttrValue{}}});
        g.op("Relu", "y", {"c"});
        ir::Model before = g.model({"y"});
        auto [out, log] = test::apply("simplify_arithmetic", before);
        // p∘q is the identity, reshape(reshape(x)) reads x directly, the cast does nothing.
        QCOMPARE(out.graph.find("y")->inputs, std::vector<std::string>{"r2"});
        QCOMPARE(out.graph.find("r2")->inputs[0], std::string("x"));
        auto x = test::random_tensor({2, 3, 4});
        auto a = test::run_model(before, {{"x", x}});
        auto c = test::run_model(out, {{"x", x}});
        QVERIFY(!a.empty() && !c.empty() && test::close(a[0], c[0], 0, 0));
    }

    void simplify_arithmetic_merges_duplicates() {
        GraphBuilder g;
        g.placeholder("x", {2});
        g.op("Relu", "r1", {"x"});
        g.op("Relu", "r2", {"x"});
        g.op("AddV2", "y", {"r1", "r2"});
        auto [out, log] = test::apply("simplify_arithmetic", g.model({"y"}));
        QCOMPARE(out.graph.size(), 3u);
        QCOMPARE(out.graph.find("y")->inputs, (std::vector<std::string>{"r1", "r1"}));
    }
    void materialize_shapes() {
        GraphBuilder b;  // the batch dim is unknown: Shape cannot be a constant
        b.placeholder("x", {-1, 3});
        b.op("Shape", "s", {"x"}, {{"out_type", ir::DType::Int32}});
        b.op("Reshape", "y", {"x", "s"});
        expect_untouched("materialize_shapes", b.model({"y"}));
        GraphBuilder g;
        g.placeholder("x", {2, 3});
        g.op("Relu", "r", {"x"});
        g.op("Shape", "s", {"r"}, {{"out_type", ir::DType::Int32}, {"T", ir::AttrValue{}}});
        g.op("Reshape", "y", {"x", "s"});
        ir::Model before = g.model({"y"});
        auto [out, log] = test::apply("materialize_shapes", before);
        // shape(relu(x: [2,3])) = [2,3], kept in r's frame by a control edge.
        const ir::Node* s = out.graph.find("s");
        QVERIFY(s && s->op == "Const");
        const ir::Tensor* t = passes::const_value(*s);
        QCOMPARE(t->dtype(), ir::DType::Int32);
        QCOMPARE(t->value_as_double(0), 2.0);
        QCOMPARE(t->value_as_double(1), 3.0);
        QCOMPARE(s->inputs, std::vector<std::string>{"^r"});
        expect_valid(out.graph);
        auto x = test::random_tensor({2, 3});
        auto a = test::run_model(before, {{"x", x}});
        auto c = test::run_model(out, {{"x", x}});
        QVERIFY(!a.empty() && !c.empty() && test::close(a[0], c[0], 0, 0));
    }

    void materialize_shapes_rank_and_size() {
        GraphBuilder g;  // rank needs only the rank; size needs every dim
        g.placeholder("x", {-1, 3});
        g.placeholder("z", {4, 5});
        g.op("Rank", "rk", {"x"});
        g.op("Size", "n", {"z"}, {{"out_type", ir::DType::Int64}});
        g.op("Pack", "y", {"rk", "rk"}, {{"N", int64_t(2)}, {"axis", int64_t(0)}, {"T", ir::DType::Int32}});
        g.op("Identity", "w", {"n"}, {{"T", ir::DType::Int64}});
        auto [out, log] = test::apply("materialize_shapes", g.model({"y", "w"}));
        QCOMPARE(passes::const_value(*out.graph.find("rk"))->value_as_double(0), 2.0);
        const ir::Tensor* n = passes::const_value(*out.graph.find("n"));
        QCOMPARE(n->dtype(), ir::DType::Int64);
        QCOMPARE(n->value_as_double(0), 20.0);
        expect_valid(out.graph);
    }
};

QTEST_GUILESS_MAIN(TstSimplifyPasses)
#include "tst_simplify_passes.moc"
