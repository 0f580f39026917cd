// SPDX-License-Identifier: Apache-2.0
#include "formats/graphdef/frozen_graph_reader.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

#include <climits>
#include <cstring>

#include "formats/file_util.h"
#include "formats/graphdef/graph_io.h"
#include "formats/graphdef/graphdef_proto.h"

namespace wb::formats {

namespace {

bool is_text_extension(const std::string& ext) { return ext == ".pbtxt" || ext == ".pbtext" || ext == ".txt"; }

// Keeps the first text-format syntax error with its position.
class FirstError : public google::protobuf::io::ErrorCollector {
public:
    void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
        if (!error.message.empty()) return;
        error.item = "line " + std::to_string(line + 1) + " column " + std::to_string(column + 1);
        error.message = "text-format GraphDef syntax error: " + message;
    }
    Error error;
};

Expected<tensorflow::GraphDef> parse_binary(const std::filesystem::path& path, const std::string& data) {
    tensorflow::GraphDef graph;
    google::protobuf::io::ArrayInputStream raw(data.data(), static_cast<int>(data.size()));
    google::protobuf::io::CodedInputStream coded(&raw);
    coded.SetTotalBytesLimit(INT_MAX);  // the old 64 MB default rejects large frozen graphs
    if (!graph.ParseFromCodedStream(&coded) || !coded.ConsumedEntireMessage())
        return Error{path.string(), "GraphDef (" + std::to_string(data.size()) + " bytes)",
                     "not a valid binary GraphDef: the protobuf data is truncated or corrupt"};
    // Random bytes can parse as a message made only of unknown fields; a GraphDef has nodes.
    if (graph.node_size() == 0 && graph.GetReflection()->GetUnknownFields(graph).field_count() > 0)
        return Error{path.string(), "GraphDef", "not a GraphDef: no nodes, only unknown protobuf fields"};
    return graph;
}

Expected<tensorflow::GraphDef> parse_text(const std::filesystem::path& path, const std::string& data) {
    tensorflow::GraphDef graph;
    google::protobuf::TextFormat::Parser parser;
    FirstError errors;
    parser.RecordErrorsTo(&errors);
    if (!parser.ParseFromString(data, &graph)) {
        Error e = errors.error;
        e.file = path.string();
        if (e.message.empty()) e.message = "not a valid text-format GraphDef";
        return e;
    }
    return graph;
}

class FrozenGraphReader : public Reader {
public:
    std::string_view name() const override { return "tf_frozen_model"; }
    std::string_view description() const override { return "TensorFlow frozen GraphDef (.pb, .pbtxt)"; }
    std::vector<std::string> patterns() const override { return {"*.pb", "*.pbtxt", "*.pbtext"}; }

    double probe(const std::filesystem::path& path) const override {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) return 0.0;
        const std::string ext = lower_extension(path);
        const std::string head = read_head(path, 64);
        if (is_text_extension(ext)) {
            auto pos = head.find_first_not_of(" \t\r\n");
            if (pos == std::string::npos) return 0.0;
            for (const char* key : {"node", "library", "versions"})
                if (head.compare(pos, std::strlen(key), key) == 0) return 0.9;
            return ext == ".txt" ? 0.0 : 0.3;
        }
        if (ext != ".pb") return 0.0;
        if (path.filename() == "saved_model.pb" || path.filename() == "tfhub_module.pb") return 0.05;
        // Field 1 (node, length-delimited) is what GraphDefs written by TensorFlow start with.
        if (!head.empty() && head[0] == 0x0a) return 0.7;
        return 0.3;  // the extension still claims it; read() then explains what is wrong
    }

    Expected<ir::Model> read(const std::filesystem::path& path, const ReadOptions& options,
                             const Progress& progress) const override {
        progress.report(0.0, "reading " + path.filename().string());
        auto proto = parse_graphdef_file(path);
        if (!proto) return proto.error();
        if (progress.cancelled()) return Error{path.string(), "", "cancelled"};
        progress.report(0.5, "converting graph");
        auto graph = graph_from_proto(*proto);
        if (!graph) {
            Error e = graph.error();
            e.file = path.string();
            return e;
        }
        ir::Model model;
        model.format = std::string(name());
        model.source_path = path.string();
        model.graph = std::move(*graph);
        if (model.graph.has_versions) model.generated_by = "GraphDef producer " + std::to_string(model.graph.producer);
        set_default_io(model);
        if (!options.output_node_names.empty())
            if (auto st = set_outputs_by_name(model, options.output_node_names, path.string()); !st)
                return st.error();
        progress.report(1.0, "done");
        return model;
    }
};

}  // namespace

Expected<tensorflow::GraphDef> parse_graphdef_file(const std::filesystem::path& path) {
    auto data = read_file(path);
    if (!data) return data.error();
    if (is_text_extension(lower_extension(path))) return parse_text(path, *data);
    return parse_binary(path, *data);
}

std::unique_ptr<Reader> make_frozen_graph_reader() { return std::make_unique<FrozenGraphReader>(); }

}  // namespace wb::formats
