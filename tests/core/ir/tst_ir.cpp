// SPDX-License-Identifier: Apache-2.0
#include <QTest>

#include <cstring>

#include "ir/name_scope.h"
#include "ir/tensor.h"
#include "ir/validate.h"

using namespace wb::ir;

namespace {

Node make(std::string name, std::string op, std::vector<std::string> inputs = {}) {
    Node n;
    n.name = std::move(name);
    n.op = std::move(op);
    n.inputs = std::move(inputs);
    if (n.op == "Const") n.attrs["value"] = Tensor::scalar<float>(DType::Float32, 1.f);
    return n;
}

}  // namespace

class TestIr : public QObject {
    Q_OBJECT
private slots:
    void parsesInputs() {
        auto a = parse_input("conv/BiasAdd:2");
        QCOMPARE(a.node, std::string("conv/BiasAdd"));
        QCOMPARE(a.index, 2);
        auto c = parse_input("^init");
        QVERIFY(c.control);
        QCOMPARE(c.node, std::string("init"));
        auto f = parse_input("while/body:output:0");
        QCOMPARE(f.node, std::string("while/body"));
        QCOMPARE(f.port, std::string("output"));
        QCOMPARE(format_input(parse_input("x:0")), std::string("x"));
    }

    // Half-precision vectors from tfjs-converter-spec §5.3 (verified against NumPy there):
    // [0, -0.1, 1.2, 70000, 1e-8] -> 0000 66ae cd3c 007c 0000 (little-endian bytes).
    void halfMatchesSpecVectors() {
        const float in[] = {0.f, -0.1f, 1.2f, 70000.f, 1e-8f};
        const uint16_t want[] = {0x0000, 0xae66, 0x3ccd, 0x7c00, 0x0000};
        for (int k = 0; k < 5; ++k) QCOMPARE(float_to_half(in[k]), want[k]);
        QCOMPARE(half_to_float(0x3ccd), 1.2001953125f);
        QCOMPARE(half_to_float(0x0001), 5.9604644775390625e-08f);  // smallest subnormal
        QCOMPARE(float_to_half(5.9604644775390625e-08f), uint16_t(0x0001));
        QCOMPARE(float_to_half(65504.f), uint16_t(0x7bff));
    }

    void validateAcceptsWhileLoopBackEdge() {
        Graph g;
        g.add(make("x", "Const"));
        g.add(make("enter", "Enter", {"x"}));
        g.add(make("merge", "Merge", {"enter", "next"}));
        g.add(make("next", "NextIteration", {"merge"}));
        QVERIFY(validate(g).ok());
    }

    void validateRejectsBrokenGraphs() {
        Graph dup;
        dup.add(make("a", "Const"));
        dup.add(make("a", "Const"));
        auto s = validate(dup, "m.pb");
        QVERIFY(!s.ok());
        QVERIFY(s.error().what().find("duplicate") != std::string::npos);

        Graph missing;
        missing.add(make("a", "Relu", {"nowhere"}));
        QVERIFY(!validate(missing).ok());

        Graph cycle;
        cycle.add(make("a", "Relu", {"b"}));
        cycle.add(make("b", "Relu", {"a"}));
        auto c = validate(cycle, "m.pb");
        QVERIFY(!c.ok());
        QVERIFY(c.error().what().find("cycle") != std::string::npos);
    }

    void buildsScopeTree() {
        Graph g;
        g.add(make("in", "Placeholder"));
        g.add(make("block1/conv/Conv2D", "Conv2D", {"in"}));
        g.add(make("block1/conv/Relu", "Relu", {"block1/conv/Conv2D"}));
        g.add(make("block2/Relu", "Relu", {"block1/conv/Relu"}));
        auto root = build_scope_tree(g);
        QCOMPARE(root->total_nodes, std::size_t(4));
        QCOMPARE(root->nodes.size(), std::size_t(1));
        const ScopeNode* b1 = root->child("block1");
        QVERIFY(b1);
        QCOMPARE(b1->total_nodes, std::size_t(2));
        QVERIFY(b1->child("conv"));
        QCOMPARE(b1->child("conv")->full_path, std::string("block1/conv"));
    }
};

QTEST_GUILESS_MAIN(TestIr)
#include "tst_ir.moc"
