// SPDX-License-Identifier: Apache-2.0
// Every frozen GraphDef of corpus/tf_graphs (written by TensorFlow 1.x) loads, validates, has the
// node count of its text form, and survives GraphDef → IR → GraphDef.
#include <QElapsedTimer>
#include <QTest>

#include <google/protobuf/util/message_differencer.h>

#include <algorithm>
#include <cstring>

#include "common/corpus.h"
#include "formats/graphdef/frozen_graph_reader.h"
#include "formats/graphdef/graphdef_proto.h"
#include "formats/graphdef/tensor_proto.h"
#include "formats/registry.h"

using namespace wb;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> frozen_models() {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(wb::test::corpus_dir() / "tf_graphs"))
        if (e.is_regular_file() && e.path().filename() == "frozen_model.pb") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

bool same_tensor(const ir::Tensor& a, const ir::Tensor& b) {
    if (a.dtype() != b.dtype() || a.shape() != b.shape()) return false;
    if (a.dtype() == ir::DType::String) return a.strings() == b.strings();
    return a.byte_size() == b.byte_size() && std::memcmp(a.raw(), b.raw(), a.byte_size()) == 0;
}

// An empty sub-message and an absent one mean the same to TensorFlow; the IR keeps no flag for
// them, so the comparison drops empty ones from the original.
void drop_empty_submessages(tensorflow::GraphDef& g) {
    if (g.has_library() && g.library().ByteSizeLong() == 0) g.clear_library();
    for (auto& n : *g.mutable_node())
        if (n.has_experimental_debug_info() && n.experimental_debug_info().ByteSizeLong() == 0)
            n.clear_experimental_debug_info();
}

}  // namespace

class TestGraphdefCorpus : public QObject {
    Q_OBJECT
private slots:
    void everyFrozenGraphLoadsAndMatchesItsText() {
        WB_REQUIRE_CORPUS();
        const auto models = frozen_models();
        QCOMPARE(models.size(), std::size_t(1324));
        std::vector<std::string> failures;
        std::size_t text_compared = 0, nodes = 0, bytes = 0;
        qint64 pb_ms = 0, txt_ms = 0;
        for (const auto& pb : models) {
            QElapsedTimer timer;
            timer.start();
            auto model = formats::read_model(pb);  // detect + read + validate
            pb_ms += timer.elapsed();
            if (!model) {
                failures.push_back(model.error().what());
                continue;
            }
            if (model->format != "tf_frozen_model") failures.push_back(pb.string() + ": detected as " + model->format);
            nodes += model->graph.size();
            bytes += fs::file_size(pb);
            const fs::path txt = pb.parent_path() / "frozen_graph.pbtxt";
            if (!fs::exists(txt)) continue;  // lstm_mnist ships only the binary form
            timer.restart();
            auto text = formats::read_model(txt);
            txt_ms += timer.elapsed();
            ++text_compared;
            if (!text) {
                failures.push_back(text.error().what());
                continue;
            }
            if (text->graph.size() != model->graph.size()) {
                failures.push_back(pb.string() + ": " + std::to_string(model->graph.size()) + " nodes, text form has " +
                                   std::to_string(text->graph.size()));
                continue;
            }
            for (std::size_t k = 0; k < text->graph.size(); ++k)
                if (text->graph.nodes()[k].name != model->graph.nodes()[k].name ||
                    text->graph.nodes()[k].op != model->graph.nodes()[k].op) {
                    failures.push_back(pb.string() + ": node " + std::to_string(k) + " differs from the text form");
                    break;
                }
        }
        qInfo("tf_graphs: %zu frozen_model.pb (%zu nodes, %.1f MB) loaded+validated in %lld ms; %zu pbtxt in %lld ms; "
              "%zu failures",
              models.size(), nodes, bytes / 1e6, static_cast<long long>(pb_ms), text_compared,
              static_cast<long long>(txt_ms), failures.size());
        for (std::size_t k = 0; k < failures.size() && k < 10; ++k) qWarning("%s", failures[k].c_str());
        QCOMPARE(text_compared, std::size_t(1323));
        QVERIFY(failures.empty());
    }

    void graphDefSurvivesTheIr() {
        WB_REQUIRE_CORPUS();
        // Typed *_val fields come back as tensor_content, so tensor values are compared decoded.
        google::protobuf::util::MessageDifferencer diff;
        const auto* tp = tensorflow::TensorProto::descriptor();
        for (const char* field : {"tensor_content", "half_val", "float_val", "double_val", "int_val", "string_val",
                                  "scomplex_val", "int64_val", "bool_val", "dcomplex_val", "uint32_val", "uint64_val"})
            diff.IgnoreField(tp->FindFieldByName(field));
        std::string report;
        diff.ReportDifferencesToString(&report);
        std::size_t checked = 0, tensors = 0;
        for (const auto& pb : frozen_models()) {
            auto original = formats::parse_graphdef_file(pb);
            QVERIFY2(original.ok(), original.ok() ? "" : original.error().what().c_str());
            drop_empty_submessages(*original);
            auto graph = formats::graph_from_proto(*original);
            QVERIFY(graph.ok());
            tensorflow::GraphDef back;
            formats::graph_to_proto(*graph, &back);
            report.clear();
            QVERIFY2(diff.Compare(*original, back), (pb.string() + "\n" + report).c_str());
            for (int k = 0; k < original->node_size(); ++k)
                for (const auto& [key, attr] : original->node(k).attr()) {
                    if (!attr.has_tensor()) continue;
                    auto a = formats::tensor_from_proto(attr.tensor(), key);
                    auto b = formats::tensor_from_proto(back.node(k).attr().at(key).tensor(), key);
                    QVERIFY(a.ok() && b.ok());
                    QVERIFY2(same_tensor(*a, *b), (pb.string() + ": " + original->node(k).name()).c_str());
                    ++tensors;
                }
            ++checked;
        }
        qInfo("round trip: %zu GraphDefs equal after GraphDef -> IR -> GraphDef (%zu tensors compared decoded)",
              checked, tensors);
    }

    void outputNodeNamesSelectOutputs() {
        WB_REQUIRE_CORPUS();
        const fs::path pb = wb::test::corpus_dir() / "tf_graphs/svd/rank2_3,3_full_uv/frozen_model.pb";
        auto plain = formats::read_model(pb);
        QVERIFY(plain.ok());
        QVERIFY(!plain->outputs.empty());
        formats::ReadOptions options;
        options.output_node_names = {plain->graph.nodes().front().name};
        auto chosen = formats::read_model(pb, options);
        QVERIFY(chosen.ok());
        QCOMPARE(chosen->outputs.size(), std::size_t(1));
        QCOMPARE(chosen->outputs[0].name, plain->graph.nodes().front().name + ":0");
        options.output_node_names = {"Sv"};
        auto missing = formats::read_model(pb, options);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().item, std::string("output 'Sv'"));
        QVERIFY(missing.error().message.find("close names: ") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestGraphdefCorpus)
#include "tst_graphdef_corpus.moc"
