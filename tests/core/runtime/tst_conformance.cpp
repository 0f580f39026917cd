// SPDX-License-Identifier: Apache-2.0
// Runs every ../shared/corpus/tf_graphs case through the runtime and compares with the values
// TensorFlow computed. Gate: every case whose ops are all in TensorFlow.js's op list and all have
// kernels passes, unless data/conformance_exceptions.tsv names it with a reason.
// WB_CONFORMANCE_FILTER=<substring> runs a subset; WB_CONFORMANCE_REPORT=<file> writes a TSV.
#include <QTest>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "common/corpus.h"
#include "corpus_case.h"
#include "formats/registry.h"
#include "runtime/kernel.h"
#include "runtime/session.h"

namespace fs = std::filesystem;
using namespace wb;

namespace {

bool graph_has(const void* graph, const std::string& name) {
    return static_cast<const ir::Graph*>(graph)->find(name) != nullptr;
}

std::set<std::string> read_tfjs_ops() {
    std::set<std::string> ops;
    std::ifstream in(test::shared_dir() / "reference" / "tfjs-supported-ops.txt");
    std::string line;
    while (std::getline(in, line)) {
        auto tab = line.find('\t');
        if (tab != std::string::npos && line[0] != '#') ops.insert(line.substr(tab + 1));
    }
    return ops;
}

std::map<std::string, std::string> read_exceptions() {
    std::map<std::string, std::string> out;
    std::ifstream in(std::string(WB_RUNTIME_TEST_DATA) + "/conformance_exceptions.tsv");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto tab = line.find('\t');
        out[line.substr(0, tab)] = tab == std::string::npos ? "" : line.substr(tab + 1);
    }
    return out;
}

// Some cases carry no `dtypes` file: take the dtype from the node's attributes instead. A
// placeholder is always fed as its own `dtype` attribute says (TensorFlow converts the fed values
// to it): some `dtypes` files are stale (primitive_gru_dynamic lists a float64 placeholder as
// float32 and names nodes the graph does not have).
void fill_dtypes(std::vector<test::RefTensor>& refs, const ir::Model& model, bool graph_wins = false) {
    for (auto& ref : refs) {
        if (!ref.dtype_name.empty() && !graph_wins) continue;
        const ir::Node* node = model.graph.find(ref.node);
        ir::DType t = ir::DType::Invalid;
        if (node)
            for (const char* key : {"dtype", "T", "DstT", "out_type", "output_type", "Tout"}) {
                ir::DType v = ir::attr_type(node->attrs, key);
                if (v != ir::DType::Invalid) {
                    t = v;
                    break;
                }
            }
        if (t != ir::DType::Invalid) ref.dtype_name = std::string(ir::dtype_name(t));
        else if (ref.dtype_name.empty()) ref.dtype_name = std::string(ir::dtype_name(ir::DType::Float32));
    }
}

// A `dtypes` file written for another version of the graph gives its placeholders other dtypes
// than the graph's own: then none of its entries can be trusted.
bool dtypes_file_stale(const std::vector<test::RefTensor>& placeholders, const ir::Model& model) {
    for (const auto& ref : placeholders) {
        const ir::Node* node = model.graph.find(ref.node);
        if (!node || ref.dtype_name.empty()) continue;
        ir::DType t = ir::attr_type(node->attrs, "dtype");
        if (t != ir::DType::Invalid && ref.dtype_name != ir::dtype_name(t)) return true;
    }
    return false;
}

struct Outcome {
    std::string status;  // pass, fail, unsupported
    std::string detail;
};

// Finds the first node (in graph order) whose TensorFlow intermediate we do not reproduce.
std::string first_divergence(runtime::Session& session, const ir::Model& model, const test::CorpusCase& c,
                             const std::vector<runtime::NamedTensor>& feeds) {
    std::map<std::string, const test::RefTensor*> by_node;
    for (const auto& ref : c.intermediates) by_node[ir::tensor_name(ref.node, ref.index)] = &ref;
    for (const auto& node : model.graph.nodes()) {
        for (int k = 0; k < 8; ++k) {
            auto it = by_node.find(ir::tensor_name(node.name, k));
            if (it == by_node.end()) continue;
            ir::Tensor want;
            std::string err;
            if (!test::read_ref(*it->second, want, err)) continue;
            auto got = session.run(feeds, {it->first});
            if (!got) continue;  // inside a loop frame or on a dead branch: not fetchable
            std::string detail;
            if (!test::tensors_match(got.value()[0], want, detail))
                return "first divergence at '" + it->first + "' (" + node.op + "): " + detail;
        }
    }
    return "no intermediate diverges";
}

Outcome run_case(const test::CorpusCase& c, const ir::Model& model) {
    std::vector<runtime::NamedTensor> feeds;
    for (const auto& ref : c.placeholders) {
        ir::Tensor t;
        std::string err;
        if (!test::read_ref(ref, t, err)) return {"fail", "placeholder '" + ref.node + "': " + err};
        feeds.emplace_back(ref.node, t);
    }
    std::vector<const test::RefTensor*> wanted;
    for (const auto& ref : c.predictions) wanted.push_back(&ref);
    if (wanted.empty()) {  // no final outputs stored: check what nobody consumes
        std::set<std::string> consumed;
        for (const auto& n : model.graph.nodes())
            for (const auto& in : n.inputs) consumed.insert(ir::parse_input(in).node);
        for (const auto& ref : c.intermediates)
            if (!consumed.count(ref.node)) wanted.push_back(&ref);
    }
    std::vector<std::string> fetches;
    std::vector<ir::Tensor> expected;
    for (const auto* ref : wanted) {
        ir::Tensor t;
        std::string err;
        if (!test::read_ref(*ref, t, err)) continue;  // resource handles etc.
        fetches.push_back(ir::tensor_name(ref->node, ref->index));
        expected.push_back(t);
    }
    if (fetches.empty()) return {"fail", "no reference outputs to compare"};
    auto model_ptr = std::shared_ptr<const ir::Model>(&model, [](const ir::Model*) {});
    auto session = runtime::Session::create(model_ptr, runtime::SessionOptions{2, false});
    if (!session) return {"fail", session.error().what()};
    auto got = (*session)->run(feeds, fetches);
    if (!got) return {"fail", got.error().what()};
    for (std::size_t i = 0; i < fetches.size(); ++i) {
        std::string detail;
        if (!test::tensors_match(got.value()[i], expected[i], detail))
            return {"fail", fetches[i] + ": " + detail + "; " + first_divergence(**session, model, c, feeds)};
    }
    return {"pass", ""};
}

}  // namespace

class TstConformance : public QObject {
    Q_OBJECT
private slots:
    void corpusGraphs() {
        WB_REQUIRE_CORPUS();
        const auto tfjs_ops = read_tfjs_ops();
        QVERIFY2(!tfjs_ops.empty(), "reference/tfjs-supported-ops.txt is missing");
        const auto exceptions = read_exceptions();
        const char* filter = std::getenv("WB_CONFORMANCE_FILTER");
        std::vector<fs::path> dirs;
        for (auto& e : fs::recursive_directory_iterator(test::corpus_dir() / "tf_graphs"))
            if (e.path().filename() == "frozen_model.pb") dirs.push_back(e.path().parent_path());
        std::sort(dirs.begin(), dirs.end());
        const auto& registry = runtime::KernelRegistry::instance();
        int passed = 0, failed = 0, unsupported = 0;
        std::vector<std::string> gate_failures;
        std::map<std::string, int> missing_ops;
        std::ofstream report;
        if (const char* r = std::getenv("WB_CONFORMANCE_REPORT")) report.open(r);
        for (const auto& dir : dirs) {
            const std::string name = fs::relative(dir, test::corpus_dir() / "tf_graphs").generic_string();
            if (filter && name.find(filter) == std::string::npos) continue;
            if (std::getenv("WB_CONFORMANCE_VERBOSE")) qInfo("case %s", name.c_str());
            Outcome outcome;
            bool in_gate = false;
            auto model = formats::read_model(dir / "frozen_model.pb");
            if (!model) {
                outcome = {"fail", "read: " + model.error().what()};
            } else {
                std::set<std::string> ops, missing;
                for (const auto& n : model->graph.nodes()) ops.insert(n.op);
                for (const auto& op : ops)
                    if (!registry.has(op) && op != "Switch" && op != "Merge" && op != "Enter" &&
                        op != "Exit" && op != "NextIteration")
                        missing.insert(op);
                in_gate = missing.empty() &&
                          std::all_of(ops.begin(), ops.end(), [&](const std::string& op) { return tfjs_ops.count(op); });
                if (!missing.empty()) {
                    std::string list;
                    for (const auto& op : missing) {
                        list += (list.empty() ? "" : ",") + op;
                        if (missing.size() == 1) ++missing_ops[op];
                    }
                    outcome = {"unsupported", "no kernel: " + list};
                } else {
                    auto c = test::scan_case(dir, graph_has, &model->graph);
                    if (dtypes_file_stale(c.placeholders, *model))
                        for (auto* refs : {&c.predictions, &c.intermediates})
                            for (auto& ref : *refs) ref.dtype_name.clear();
                    fill_dtypes(c.placeholders, *model, true);
                    fill_dtypes(c.predictions, *model);
                    fill_dtypes(c.intermediates, *model);
                    outcome = run_case(c, *model);
                }
            }
            if (outcome.status == "pass") ++passed;
            else if (outcome.status == "fail") ++failed;
            else ++unsupported;
            if (report.is_open()) report << name << '\t' << outcome.status << '\t' << (in_gate ? "gate" : "-") << '\t' << outcome.detail << '\n';
            if (outcome.status != "pass" && in_gate && !exceptions.count(name))
                gate_failures.push_back(name + ": " + outcome.detail);
        }
        std::string missing_line;
        std::vector<std::pair<int, std::string>> ranked;
        for (const auto& [op, n] : missing_ops) ranked.emplace_back(-n, op);
        std::sort(ranked.begin(), ranked.end());
        for (std::size_t i = 0; i < ranked.size() && i < 25; ++i)
            missing_line += " " + ranked[i].second + "(" + std::to_string(-ranked[i].first) + ")";
        qInfo("missing kernels that alone block a case:%s", missing_line.c_str());
        for (const auto& f : gate_failures) qWarning("GATE: %s", f.c_str());
        qInfo("%d passed, %d failed, %d unsupported", passed, failed, unsupported);
        QVERIFY2(gate_failures.empty(), (std::to_string(gate_failures.size()) +
                                         " TensorFlow.js-op cases fail and are not listed in data/conformance_exceptions.tsv").c_str());
    }
};

QTEST_GUILESS_MAIN(TstConformance)
#include "tst_conformance.moc"
