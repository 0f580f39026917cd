// SPDX-License-Identifier: Apache-2.0
// The compiled-in op table equals TensorFlow.js's op list (reference/tfjs-supported-ops.txt).
#include <QTest>

#include <fstream>
#include <set>

#include "analysis/op_support.h"
#include "common/corpus.h"
#include "runtime/kernel.h"

using namespace wb;

class TestOpSupport : public QObject {
    Q_OBJECT
private slots:
    void tableEqualsTheTfjsOpList() {
        const auto ref = wb::test::shared_dir() / "reference/tfjs-supported-ops.txt";
        if (!std::filesystem::exists(ref)) {
            if (wb::test::in_ci()) QFAIL("reference/tfjs-supported-ops.txt missing under CI=true");
            QSKIP("../shared/reference is absent");
        }
        std::ifstream in(ref);
        std::string category, op;
        std::set<std::string> listed;
        while (in >> category >> op) {
            listed.insert(op);
            QVERIFY2(analysis::tfjs_supports(op), op.c_str());
            QCOMPARE(std::string(analysis::op_category(op)), category);
        }
        QCOMPARE(listed.size(), std::size_t(248));
        QCOMPARE(std::set<std::string>(analysis::tfjs_ops().begin(), analysis::tfjs_ops().end()), listed);
        QCOMPARE(analysis::op_categories().size(), std::size_t(21));
    }

    void debugOpsDependOnStripping() {
        // Print is also in tfjs's op list (graph category), so it is supported either way.
        QVERIFY(analysis::tfjs_supports("Print", false));
        QCOMPARE(std::string(analysis::op_category("Print")), std::string("graph"));
        for (const char* op : {"Assert", "CheckNumerics"}) {
            QVERIFY(analysis::tfjs_supports(op, true));
            QVERIFY(!analysis::tfjs_supports(op, false));
            QCOMPARE(std::string(analysis::op_category(op)), std::string("debug"));
        }
    }

    void unsupportedOpsHaveHintsAndColours() {
        QVERIFY(!analysis::tfjs_supports("Svd"));
        QVERIFY(!analysis::tfjs_supports("MatrixInverse"));
        QVERIFY(!analysis::tfjs_supports("conv2d"));  // names are case-sensitive
        QVERIFY(!std::string(analysis::unsupported_hint("Svd")).empty());
        QVERIFY(!std::string(analysis::unsupported_hint("StatelessRandomUniform")).empty());
        QCOMPARE(std::string(analysis::op_category("Svd")), std::string());
        QCOMPARE(analysis::category_color("").size(), std::size_t(7));
        QVERIFY(analysis::category_color("convolution") != analysis::category_color(""));
    }

    void unsupportedOpsWalksFunctionBodies() {
        ir::Graph g;
        ir::Node a;
        a.name = "inv";
        a.op = "MatrixInverse";
        g.add(a);
        ir::Node b;
        b.name = "ok";
        b.op = "Conv2D";
        g.add(b);
        ir::Function fn;
        fn.name = "body";
        ir::Node c;
        c.name = "s";
        c.op = "Svd";
        fn.nodes.push_back(c);
        fn.nodes.push_back(a);
        g.functions.push_back(fn);
        auto bad = analysis::unsupported_ops(g);
        QCOMPARE(bad.size(), std::size_t(2));
        QCOMPARE(bad["MatrixInverse"], (std::vector<std::string>{"inv", "body/inv"}));
        QCOMPARE(bad["Svd"], (std::vector<std::string>{"body/s"}));
    }

    void runtimeQueryAsksTheKernelRegistry() {
        for (const auto& op : {std::string("Conv2D"), std::string("Svd"), std::string("NoSuchOp")})
            QCOMPARE(analysis::runtime_supports(op), runtime::KernelRegistry::instance().has(op));
        QVERIFY(!analysis::runtime_supports("NoSuchOp"));
    }
};

QTEST_GUILESS_MAIN(TestOpSupport)
#include "tst_op_support.moc"
