// SPDX-License-Identifier: Apache-2.0
// Pass manager and pipelines: report lines, switching passes off, unknown names,
// cancellation, and validation after each pass naming the pass that broke the graph.
#include <QtTest>

#include <atomic>

#include "graph_builder.h"

using namespace wb;
using wb::test::GraphBuilder;

namespace {

// A deliberately broken pass: points a node at one that does not exist.
class DanglingPass : public passes::Pass {
public:
    std::string name() const override { return "break_graph"; }
    std::string description() const override { return "test only"; }
    passes::ChangeLog run(ir::Graph& g, passes::PassContext&) override {
        g.nodes().back().inputs = {"nowhere"};
        passes::ChangeLog log;
        log.rewritten.push_back({g.nodes().back().name, g.nodes().back().op, {}, "broken"});
        return log;
    }
};

GraphBuilder small_graph() {
    GraphBuilder g;
    g.placeholder("x", {2});
    g.op("Identity", "id", {"x"});
    g.op("Relu", "y", {"id"});
    return g;
}

}  // namespace

class TstPassManager : public QObject {
    Q_OBJECT

private slots:
    void reports_each_pass() {
        ir::Model m = small_graph().model({"y"});
        auto report = passes::run_default_pipeline(m);
        QVERIFY(report.ok());
        QCOMPARE(report->passes.size(), passes::default_pipeline_order().size());
        QCOMPARE(report->nodes_before, 3u);
        QCOMPARE(report->nodes_after, 2u);
        bool saw_removal = false;
        for (const auto& p : report->passes) {
            if (p.pass == "remove_identities" && !p.did_nothing()) {
                saw_removal = true;
                QVERIFY2(p.summary().rfind("remove_identities: 2 nodes (-1), ", 0) == 0, p.summary().c_str());
            }
            if (p.did_nothing()) QCOMPARE(QString::fromStdString(p.summary()), QString::fromStdString(p.pass + ": did nothing"));
        }
        QVERIFY(saw_removal);
    }

    void default_order_follows_the_converter() {
        auto order = passes::default_pipeline_order();
        QCOMPARE(order.front(), std::string("strip_debug_ops"));
        auto pos = [&](const std::string& p) { return std::find(order.begin(), order.end(), p) - order.begin(); };
        QVERIFY(pos("fold_batch_norms") < pos("normalize_bias_add"));
        QVERIFY(pos("normalize_bias_add") < pos("set_cpu_device"));
        QVERIFY(pos("set_cpu_device") < pos("fuse_conv_bias_activation"));
        QVERIFY(pos("fuse_prelu") < pos("fuse_depthwise"));
        QCOMPARE(order.back(), std::string("fuse_prelu_into_fused_ops"));
        QCOMPARE(passes::default_pipeline_order(false).front(), std::string("prune_to_outputs"));
        for (const auto& name : passes::all_pass_names()) QVERIFY(passes::make_pass(name)->name() == name);
    }

    void passes_switch_off_by_name() {
        passes::PipelineOptions skip;
        skip.skip = {"remove_identities"};
        ir::Model m = small_graph().model({"y"});
        auto report = passes::run_default_pipeline(m, skip);
        QVERIFY(report.ok());
        QVERIFY(m.graph.find("id"));
        passes::PipelineOptions only;
        only.only = {"remove_identities"};
        auto manager = passes::build_pipeline(only);
        QVERIFY(manager.ok());
        QCOMPARE(manager->passes().size(), 3u);  // it runs three times in the converter's order
    }

    void unknown_pass_is_an_error() {
        passes::PipelineOptions o;
        o.skip = {"fold_everything"};
        auto manager = passes::build_pipeline(o);
        QVERIFY(!manager.ok());
        QVERIFY(manager.error().item.find("fold_everything") != std::string::npos);
    }

    void cancellation_stops_between_passes() {
        std::atomic<bool> stop{true};
        Progress progress;
        progress.stop = &stop;
        ir::Model m = small_graph().model({"y"});
        auto report = passes::run_default_pipeline(m, {}, progress);
        QVERIFY(!report.ok());
        QVERIFY(report.error().message.find("cancelled") != std::string::npos);
        QCOMPARE(m.graph.size(), 3u);
    }

    void validation_names_the_broken_pass() {
        passes::PassManager manager;
        manager.set_validate(true);
        manager.add(std::make_unique<DanglingPass>());
        ir::Model m = small_graph().model({"y"});
        passes::PassContext ctx = passes::PassContext::for_model(m);
        auto report = manager.run(m.graph, ctx);
        QVERIFY(!report.ok());
        QVERIFY2(report.error().item.find("break_graph") != std::string::npos, report.error().what().c_str());
    }

    void sinks_are_outputs_without_a_signature() {
        GraphBuilder g = small_graph();
        ir::Model m;
        m.graph = g.graph;
        passes::PassContext ctx = passes::PassContext::for_model(m);
        QCOMPARE(ctx.output_nodes, std::vector<std::string>{"y"});
        QVERIFY(ctx.is_protected("x"));
    }
};

QTEST_GUILESS_MAIN(TstPassManager)
#include "tst_pass_manager.moc"
