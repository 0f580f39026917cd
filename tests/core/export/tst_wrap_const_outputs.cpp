// SPDX-License-Identifier: Apache-2.0
// wrap_const_outputs: a graph whose outputs are computed stays as it is; a Const output gets an
// Identity under its name, the Const moves to "<name>/value" and its other consumers follow.
#include <QTest>

#include "export/wrap_const_outputs.h"

using namespace wb;

namespace {

ir::Node node(std::string name, std::string op, std::vector<std::string> inputs = {}) {
    ir::Node n;
    n.name = std::move(name);
    n.op = std::move(op);
    n.inputs = std::move(inputs);
    n.attrs["T"] = ir::DType::Float32;
    return n;
}

ir::Node constant(std::string name) {
    ir::Node n = node(std::move(name), "Const");
    n.attrs.erase("T");
    n.attrs["dtype"] = ir::DType::Float32;
    n.attrs["value"] = ir::Tensor::from_vector<float>(ir::DType::Float32, ir::Shape({1}), {2.f});
    return n;
}

ir::Model model_with_output(const std::string& output) {
    ir::Model m;
    m.graph.add(node("x", "Placeholder"));
    m.graph.add(constant("c"));
    m.graph.add(node("y", "Mul", {"x", "c"}));
    m.outputs.push_back({"out", output + ":0", ir::DType::Float32, ir::Shape({1})});
    return m;
}

}  // namespace

class TestWrapConstOutputs : public QObject {
    Q_OBJECT
private slots:
    void computedOutputUntouched() {
        auto m = model_with_output("y");
        QCOMPARE(exporter::wrap_const_outputs(m), std::size_t(0));
        QCOMPARE(m.graph.size(), std::size_t(3));
        QVERIFY(m.graph.find("c")->is_const());
    }

    void constOutputWrapped() {
        auto m = model_with_output("c");
        QCOMPARE(exporter::wrap_const_outputs(m), std::size_t(1));
        QCOMPARE(m.graph.size(), std::size_t(4));
        const ir::Node* id = m.graph.find("c");
        QVERIFY(id);
        QCOMPARE(id->op, std::string("Identity"));
        QCOMPARE(id->inputs, std::vector<std::string>{"c/value"});
        QCOMPARE(ir::attr_type(id->attrs, "T"), ir::DType::Float32);
        QVERIFY(m.graph.find("c/value")->is_const());
        QCOMPARE(m.graph.find("y")->inputs, (std::vector<std::string>{"x", "c/value"}));
        QCOMPARE(m.outputs[0].name, std::string("c:0"));  // the signature is unchanged
    }
};

QTEST_GUILESS_MAIN(TestWrapConstOutputs)
#include "tst_wrap_const_outputs.moc"
