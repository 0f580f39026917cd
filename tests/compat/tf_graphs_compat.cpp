// SPDX-License-Identifier: Apache-2.0
#include "tf_graphs_compat.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <span>
#include <sstream>

#include "core/runtime/corpus_case.h"
#include "export/convert_job.h"
#include "formats/registry.h"
#include "runtime/session.h"

namespace wb::test {

namespace fs = std::filesystem;

namespace {

std::vector<std::vector<std::string>> read_tsv(const fs::path& path) {
    std::vector<std::vector<std::string>> rows;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cells;
        std::stringstream ss(line);
        for (std::string cell; std::getline(ss, cell, '\t');) cells.push_back(cell);
        rows.push_back(cells);
    }
    return rows;
}

bool graph_has(const void* graph, const std::string& name) {
    return static_cast<const ir::Graph*>(graph)->find(name) != nullptr;
}

// The dtype a reference tensor holds. A placeholder holds what the graph declares (TensorFlow casts
// fed values to it); another tensor what the `dtypes` file says, unless the file is absent or was
// written for another version of the graph (it gives a placeholder another dtype than the graph
// does, as primitive_gru_dynamic's): then the node's own type attribute.
void resolve_dtypes(CorpusCase& c, const ir::Graph& graph) {
    auto declared = [&](const std::string& node) {
        const ir::Node* n = graph.find(node);
        for (const char* key : {"dtype", "T", "DstT", "out_type", "output_type", "Tout"})
            if (n && ir::attr_type(n->attrs, key) != ir::DType::Invalid) return std::string(ir::dtype_name(ir::attr_type(n->attrs, key)));
        return std::string("float32");
    };
    bool stale = false;
    for (auto& p : c.placeholders) {
        const std::string own = declared(p.node);
        stale = stale || (!p.dtype_name.empty() && p.dtype_name != own);
        p.dtype_name = own;
    }
    for (auto* refs : {&c.predictions, &c.intermediates})
        for (auto& r : *refs)
            if (stale || r.dtype_name.empty()) r.dtype_name = declared(r.node);
}

// The fetches: the final predictions, or when a case stores none, every tensor nobody consumes.
std::vector<const RefTensor*> wanted_outputs(const CorpusCase& c, const ir::Graph& graph) {
    std::vector<const RefTensor*> wanted;
    for (const auto& r : c.predictions) wanted.push_back(&r);
    if (!wanted.empty()) return wanted;
    std::set<std::string> consumed;
    for (const auto& n : graph.nodes())
        for (const auto& in : n.inputs) consumed.insert(ir::parse_input(in).node);
    for (const auto& r : c.intermediates)
        if (!consumed.count(r.node)) wanted.push_back(&r);
    return wanted;
}

// A reference tensor as tfjs is fed it: float16/32/64 as float32, integers as int32.
nlohmann::json tfjs_feed(const ir::Tensor& t) {
    nlohmann::json shape = nlohmann::json::array();
    for (int64_t d : t.shape().dims) shape.push_back(d);
    if (t.dtype() == ir::DType::String) return {{"shape", shape}, {"dtype", "string"}, {"data", t.strings()}};
    const bool is_float = t.dtype() == ir::DType::Float32 || t.dtype() == ir::DType::Float64 ||
                          t.dtype() == ir::DType::Float16 || t.dtype() == ir::DType::BFloat16;
    const std::string dtype = is_float ? "float32" : t.dtype() == ir::DType::Bool ? "bool" : "int32";
    nlohmann::json data = nlohmann::json::array();
    for (int64_t i = 0; i < t.num_elements(); ++i) data.push_back(t.value_as_double(i));
    return {{"shape", shape}, {"dtype", dtype}, {"data", data}};
}

}  // namespace

std::map<std::string, Tolerance> read_tolerances(const fs::path& tsv) {
    std::map<std::string, Tolerance> out;
    for (const auto& row : read_tsv(tsv))
        if (row.size() >= 3) out[row[0]] = {std::stod(row[1]), std::stod(row[2])};
    return out;
}

std::map<std::string, ExpectedFailure> read_expected_failures(const fs::path& tsv) {
    std::map<std::string, ExpectedFailure> out;
    for (const auto& row : read_tsv(tsv)) out[row[0]] = {row.size() > 1 && row[1] == "match", row.size() > 2 ? row[2] : ""};
    return out;
}

std::set<std::string> tfjs_op_list(const fs::path& txt) {
    std::set<std::string> ops;
    for (const auto& row : read_tsv(txt))
        if (row.size() >= 2) ops.insert(row[1]);
    return ops;
}

bool prepare_tf_graph_case(const fs::path& dir, const std::string& name, const std::set<std::string>& tfjs_ops,
                           const fs::path& out, bool run_passes, TfGraphCase& c) {
    c.name = name;
    c.dir = dir;
    c.export_dir = out;
    auto model = formats::read_model(dir / "frozen_model.pb");
    if (!model) {
        c.error = "read: " + model.error().what();
        return true;
    }
    static const std::set<std::string> random_ops = {"RandomUniform", "RandomUniformInt", "RandomStandardNormal",
                                                     "TruncatedNormal", "Multinomial", "RandomShuffle", "RandomGamma"};
    for (const auto& n : model->graph.nodes()) {
        if (!tfjs_ops.count(n.op)) return false;
        c.random = c.random || random_ops.count(n.op);
    }
    auto cc = scan_case(dir, graph_has, &model->graph);
    resolve_dtypes(cc, model->graph);
    for (const auto* ref : wanted_outputs(cc, model->graph)) {
        ir::Tensor t;
        std::string err;
        if (!read_ref(*ref, t, err)) continue;  // resource handles and the like: nothing to compare
        c.fetches.push_back(ir::tensor_name(ref->node, ref->index));
        c.expected.push_back(std::move(t));
    }
    if (c.fetches.empty()) {
        c.error = "no reference outputs to compare";
        return true;
    }
    auto& placeholders = c.placeholders;
    for (const auto& ref : cc.placeholders) {
        std::string err;
        if (!read_ref(ref, placeholders[ref.node], err)) {
            c.error = "placeholder '" + ref.node + "': " + err;
            return true;
        }
    }
    exporter::ConvertOptions o;
    o.input_format = "tf_frozen_model";
    o.read.output_node_names = c.fetches;
    o.run_passes = run_passes;
    if (auto r = exporter::convert_to_graph_model(dir / "frozen_model.pb", out, o); !r) {
        c.error = "convert: " + r.error().what();
        return true;
    }
    // Feed what the export still has (pruning drops placeholders the outputs do not need).
    std::ifstream mj(out / "model.json");
    const auto model_json = nlohmann::json::parse(mj);
    c.feed = nlohmann::json::object();
    for (const auto& n : model_json["modelTopology"]["node"]) {
        if (n["op"] != "Placeholder") continue;
        auto it = placeholders.find(n["name"].get<std::string>());
        if (it == placeholders.end()) {
            c.error = "placeholder '" + n["name"].get<std::string>() + "' has no reference values";
            return true;
        }
        c.feed[it->first] = tfjs_feed(it->second);
    }
    return true;
}

std::string match_tensor(const std::string& fetch, const ir::Tensor& got, const ir::Tensor& want,
                         const std::map<std::string, Tolerance>& tolerances, const char* who) {
    const bool one = want.num_elements() == 1 && got.num_elements() == 1;
    if (!one && got.shape() != want.shape())
        return fetch + ": shape " + got.shape().to_string() + " vs TensorFlow " + want.shape().to_string();
    if (want.dtype() == ir::DType::String)
        return got.dtype() == ir::DType::String && got.strings() == want.strings() ? "" : fetch + ": strings differ";
    if (got.dtype() == ir::DType::String) return fetch + ": strings instead of numbers";
    auto tol_it = tolerances.find(std::string(ir::dtype_name(want.dtype())));
    const Tolerance tol = tol_it == tolerances.end() ? Tolerance{} : tol_it->second;  // integers, bool: exact
    for (int64_t i = 0; i < want.num_elements(); ++i) {
        const double a = got.value_as_double(i), b = want.value_as_double(i);
        if (a == b || (std::isnan(a) && std::isnan(b))) continue;
        if (std::isfinite(a) && std::isfinite(b) && std::abs(a - b) <= tol.atol + tol.rtol * std::abs(b)) continue;
        std::ostringstream os;
        os.precision(9);
        os << fetch << "[" << i << "]: " << who << " " << a << " (" << ir::dtype_name(got.dtype()) << ") vs TensorFlow " << b
           << " (" << ir::dtype_name(want.dtype()) << ")";
        return os.str();
    }
    return {};
}

std::string compare_case(const TfGraphCase& c, const nlohmann::json& result, const fs::path& results_dir,
                         const std::map<std::string, Tolerance>& tolerances) {
    if (!result.value("error", nlohmann::json()).is_null()) return "TensorFlow.js: " + result["error"].get<std::string>();
    const auto& outputs = result["outputs"];
    if (outputs.size() != c.fetches.size()) return "TensorFlow.js returned " + std::to_string(outputs.size()) + " outputs";
    for (std::size_t k = 0; k < c.fetches.size(); ++k) {
        const auto& got = outputs[k];
        if (!std::all_of(got["shape"].begin(), got["shape"].end(), [](const auto& d) { return d.is_number_integer(); }))
            return c.fetches[k] + ": TensorFlow.js returned the shape " + got["shape"].dump();
        const ir::Shape shape(got["shape"].get<std::vector<int64_t>>());
        ir::Tensor t;
        if (got.contains("strings")) {
            t = ir::Tensor::from_strings(shape, got["strings"].get<std::vector<std::string>>());
        } else {
            std::ifstream bin(results_dir / got["file"].get<std::string>(), std::ios::binary);
            std::vector<char> bytes((std::istreambuf_iterator<char>(bin)), {});
            const std::string dtype = got["dtype"];
            const ir::DType d = dtype == "bool" ? ir::DType::Bool : dtype == "int32" ? ir::DType::Int32 : ir::DType::Float32;
            const auto n = shape.num_elements();
            if (!n || bytes.size() != static_cast<std::size_t>(*n) * ir::dtype_size(d))
                return c.fetches[k] + ": " + std::to_string(bytes.size()) + " bytes for shape " + shape.to_string();
            t = ir::Tensor::from_bytes(d, shape, std::as_bytes(std::span<const char>(bytes)));
        }
        if (auto diff = match_tensor(c.fetches[k], t, c.expected[k], tolerances, "TensorFlow.js"); !diff.empty()) return diff;
    }
    return {};
}

std::string ours_on_export(const TfGraphCase& c, const std::map<std::string, Tolerance>& tolerances) {
    auto model = formats::find_reader("tfjs_graph_model")->read(c.export_dir / "model.json", {}, {});
    if (!model) return "read back: " + model.error().what();
    std::vector<runtime::NamedTensor> feeds;
    for (const auto& [name, value] : c.placeholders)
        if (model->graph.find(name)) feeds.emplace_back(name, value);
    auto session = runtime::Session::create(std::make_shared<const ir::Model>(std::move(*model)), runtime::SessionOptions{1, false});
    if (!session) return "session: " + session.error().what();
    auto got = (*session)->run(feeds, c.fetches);
    if (!got) return "run: " + got.error().what();
    for (std::size_t k = 0; k < c.fetches.size(); ++k)
        if (auto diff = match_tensor(c.fetches[k], got.value()[k], c.expected[k], tolerances, "ours"); !diff.empty())
            return diff;
    return {};
}

}  // namespace wb::test
