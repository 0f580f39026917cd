// SPDX-License-Identifier: Apache-2.0
// SavedModel → frozen inference graph (spec §6.1), the order TensorFlow's freezing uses:
// prune to the signature outputs, inline the concrete functions, prune again, freeze variables.
#include <algorithm>

#include "formats/graphdef/graphdef_proto.h"
#include "formats/graphdef/tensor_proto.h"
#include "formats/saved_model/freeze.h"
#include "formats/saved_model/function_inliner.h"
#include "formats/saved_model/lower_control_flow.h"
#include "formats/saved_model/saved_model_file.h"
#include "formats/saved_model/saved_model_reader.h"
#include "formats/saved_model/tf2_variables.h"

namespace wb::formats {
namespace {

using TensorInfoMap = google::protobuf::Map<std::string, tensorflow::TensorInfo>;

Expected<std::vector<ir::TensorInfo>> signature_entries(const TensorInfoMap& map, bool keys_are_names,
                                                        const std::string& file, const std::string& what) {
    std::vector<ir::TensorInfo> out;
    for (const auto& [key, info] : map) {
        if (info.encoding_case() != tensorflow::TensorInfo::kName)
            return Error{file, what + " '" + key + "'",
                         "is a SparseTensor or composite tensor; only dense tensors are supported"};
        ir::TensorInfo t;
        auto ref = ir::parse_input(info.name());
        t.name = ir::tensor_name(ref.node, ref.index);
        t.key = keys_are_names ? t.name : key;
        t.dtype = static_cast<ir::DType>(info.dtype());
        t.shape = shape_from_proto(info.tensor_shape());
        out.push_back(std::move(t));
    }
    // protobuf maps have no order; TensorFlow flattens signature dicts by sorted key.
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    return out;
}

}  // namespace

Expected<ir::Model> load_saved_model(const SavedModelRequest& request, const Progress& progress) {
    const std::string file = request.dir.string();
    progress.report(0.0, "Parsing saved_model.pb");
    auto saved = saved_model::parse_saved_model(request.dir);
    if (!saved) return saved.error();
    auto meta = saved_model::select_meta_graph(*saved, request.tags, file);
    if (!meta) return meta.error();
    const std::string sig_name = request.signature.empty() ? request.default_signature : request.signature;
    auto sig = saved_model::select_signature(**meta, sig_name, file);
    if (!sig) return sig.error();

    ir::Model model;
    model.format = request.reader_name;
    model.source_path = file;
    model.generated_by = (*meta)->meta_info_def().tensorflow_version();
    auto inputs = signature_entries((*sig)->inputs(), request.keys_are_tensor_names, file, "signature input");
    if (!inputs) return inputs.error();
    auto outputs = signature_entries((*sig)->outputs(), request.keys_are_tensor_names, file, "signature output");
    if (!outputs) return outputs.error();

    auto graph = graph_from_proto((*meta)->graph_def());
    if (!graph) return Error{file, graph.error().item, graph.error().message};
    if (progress.cancelled()) return Error{file, {}, "cancelled"};

    std::vector<std::string> fetches;
    for (const auto& o : *outputs) fetches.push_back(o.name);
    if (auto st = saved_model::prune_to_outputs(*graph, fetches, file); !st) return st.error();

    // The checkpoint is optional: a SavedModel without variables has no variables/ folder.
    std::optional<checkpoint::TensorBundle> bundle;
    const auto prefix = request.dir / "variables" / "variables";
    std::error_code ec;
    if (std::filesystem::exists(prefix.string() + ".index", ec)) {
        auto b = checkpoint::TensorBundle::open(prefix);
        if (!b) return b.error();
        bundle = std::move(*b);
    }
    std::map<std::string, std::string> tf2_keys;
    if (bundle) {
        auto keys = saved_model::tf2_variable_keys(**meta, *bundle, *graph);
        if (!keys) return keys.error();
        tf2_keys = std::move(*keys);
    }

    progress.report(0.3, "Inlining functions");
    saved_model::OpOutputs op_outputs((*meta)->meta_info_def().stripped_op_list(), graph->functions);
    if (auto st = saved_model::inline_function_calls(*graph, op_outputs, file); !st) return st.error();
    if (auto st = saved_model::prune_to_outputs(*graph, fetches, file); !st) return st.error();

    progress.report(0.5, "Freezing variables");
    auto key_of = [&](const ir::Node& n) -> std::string {
        if (auto it = tf2_keys.find(n.name); it != tf2_keys.end()) return it->second;
        if (n.op == "VarHandleOp") {
            std::string shared = ir::attr_string(n.attrs, "shared_name");
            if (!shared.empty() && bundle && bundle->contains(shared)) return shared;
        }
        return n.name;
    };
    if (auto st = saved_model::freeze_variables(*graph, bundle ? &*bundle : nullptr, key_of, file); !st)
        return st.error();
    if (request.lower_control_flow) {
        std::vector<std::string> kept;
        if (auto st = saved_model::lower_functional_control_flow(*graph, op_outputs, file, &kept); !st) return st.error();
        for (const auto& k : kept)
            model.warnings.push_back("node '" + k + "': functional control flow kept (a resource loop variable)");
    }
    saved_model::prune_library(*graph);

    // Inputs the outputs do not depend on were pruned; TensorFlow drops them from the signature.
    std::erase_if(*inputs, [&](const ir::TensorInfo& t) {
        const ir::Node* n = graph->find(ir::parse_input(t.name).node);
        return !n || n->is_const();
    });
    model.graph = std::move(*graph);
    model.inputs = std::move(*inputs);
    model.outputs = std::move(*outputs);
    progress.report(1.0, "SavedModel loaded");
    return model;
}

}  // namespace wb::formats
