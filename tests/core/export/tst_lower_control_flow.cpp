// SPDX-License-Identifier: Apache-2.0
// lower_functional_control_flow: a graph without While/If stays as it is; a While and an If become
// TF1 control flow with their functions inlined, the result still valid and named like before.
// (tst_tfjs_compat::loweredControlFlow runs the lowered export in TensorFlow.js.)
#include <QTest>

#include <algorithm>

#include "control_flow_model.h"
#include "formats/saved_model/lower_control_flow.h"
#include "ir/validate.h"

using namespace wb;

namespace {

std::size_t count_op(const ir::Graph& g, const std::string& op) {
    return std::count_if(g.nodes().begin(), g.nodes().end(), [&](const ir::Node& n) { return n.op == op; });
}

}  // namespace

class TestLowerControlFlow : public QObject {
    Q_OBJECT
private slots:
    void graphWithoutControlFlowUntouched() {
        ir::Model m;
        m.graph.add(test::cf_node("x", "Placeholder", {}, ir::DType::Float32));
        m.graph.add(test::cf_node("y", "Neg", {"x"}, ir::DType::Float32));
        formats::saved_model::OpOutputs outs({}, {});
        QVERIFY(formats::saved_model::lower_functional_control_flow(m.graph, outs, "test").ok());
        QCOMPARE(m.graph.size(), std::size_t(2));
    }

    void whileAndIfLowered() {
        auto m = test::control_flow_model();
        formats::saved_model::OpOutputs outs({}, m.graph.functions);
        std::vector<std::string> kept;
        auto st = formats::saved_model::lower_functional_control_flow(m.graph, outs, "test", &kept);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().what().c_str());
        QVERIFY(kept.empty());
        QCOMPARE(count_op(m.graph, "While") + count_op(m.graph, "If"), std::size_t(0));
        QCOMPARE(count_op(m.graph, "Enter"), std::size_t(2));
        QCOMPARE(count_op(m.graph, "Exit"), std::size_t(2));
        QCOMPARE(count_op(m.graph, "NextIteration"), std::size_t(2));
        QCOMPARE(count_op(m.graph, "LoopCond"), std::size_t(1));
        QCOMPARE(count_op(m.graph, "Merge"), std::size_t(3));   // 2 loop variables + 1 If result
        QCOMPARE(count_op(m.graph, "Switch"), std::size_t(4));  // 2 loop variables + If pred + If input
        QCOMPARE(m.graph.find("loop")->op, std::string("IdentityN"));  // "loop:1" still resolves
        QCOMPARE(m.graph.find("loop/body/add")->inputs, (std::vector<std::string>{"loop/Identity_0", "loop/body/one"}));
        // Input-less body and branch nodes run in the loop frame / the taken branch.
        QCOMPARE(m.graph.find("loop/body/one")->inputs, std::vector<std::string>{"^loop/Identity_0"});
        QCOMPARE(m.graph.find("loop/cond/limit")->inputs, std::vector<std::string>{"^loop/Merge_0"});
        QCOMPARE(m.graph.find("branch/then/two")->inputs, std::vector<std::string>{"^branch/pivot_t"});
        QCOMPARE(ir::attr_string(m.graph.find("loop/Enter_1")->attrs, "frame_name"), std::string("loop"));
        auto valid = ir::validate(m);
        QVERIFY2(valid.ok(), valid.ok() ? "" : valid.error().what().c_str());
    }
};

QTEST_GUILESS_MAIN(TestLowerControlFlow)
#include "tst_lower_control_flow.moc"
