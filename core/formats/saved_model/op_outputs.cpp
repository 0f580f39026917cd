// SPDX-License-Identifier: Apache-2.0
#include "formats/saved_model/function_inliner.h"

namespace wb::formats::saved_model {
namespace {

// Multi-output ops, for SavedModels written without a stripped op list. Ops not listed here and
// not in the op list are assumed to have one output argument ("op:out:k" → "op:k").
const std::map<std::string, std::vector<std::string>>& builtin_multi_output_ops() {
    static const std::map<std::string, std::vector<std::string>> table = {
        {"FusedBatchNorm", {"y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2"}},
        {"FusedBatchNormV2", {"y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2"}},
        {"FusedBatchNormV3",
         {"y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2", "reserve_space_3"}},
        {"Unique", {"y", "idx"}},
        {"UniqueV2", {"y", "idx"}},
        {"UniqueWithCounts", {"y", "idx", "count"}},
        {"TopKV2", {"values", "indices"}},
        {"Switch", {"output_false", "output_true"}},
        {"Merge", {"output", "value_index"}},
        {"Svd", {"s", "u", "v"}},
        {"MaxPoolWithArgmax", {"output", "argmax"}},
        {"NonMaxSuppressionV4", {"selected_indices", "valid_outputs"}},
        {"NonMaxSuppressionV5", {"selected_indices", "selected_scores", "valid_outputs"}},
        {"BroadcastGradientArgs", {"r0", "r1"}},
    };
    return table;
}

}  // namespace

OpOutputs::OpOutputs(const tensorflow::OpList& ops, const std::vector<ir::Function>& functions) {
    for (const auto& [op, names] : builtin_multi_output_ops())
        for (const auto& n : names) ops_[op].push_back({n, {}, {}});
    for (const auto& op : ops.op()) {
        auto& args = ops_[op.name()];
        args.clear();
        for (const auto& a : op.output_arg()) args.push_back({a.name(), a.number_attr(), a.type_list_attr()});
    }
    for (const auto& f : functions) {
        auto& args = ops_[f.name];
        args.clear();
        for (const auto& a : f.outputs) args.push_back({a.name, a.number_attr, a.type_list_attr});
    }
}

Expected<int> OpOutputs::index(const ir::Node& node, const std::string& arg, int k) const {
    auto it = ops_.find(node.op);
    if (it == ops_.end()) return k;  // single output argument: its k-th tensor
    int base = 0;
    for (const auto& a : it->second) {
        if (a.name == arg) return base + k;
        int count = 1;
        if (!a.number_attr.empty()) {
            count = static_cast<int>(ir::attr_int(node.attrs, a.number_attr, 1));
        } else if (!a.type_list_attr.empty()) {
            auto attr = node.attrs.find(a.type_list_attr);
            const auto* list = attr == node.attrs.end() ? nullptr : attr->second.get_if<ir::AttrList>();
            count = list ? static_cast<int>(list->type.size()) : 0;
        }
        base += count;
    }
    return Error{{}, "node '" + node.name + "'", "op " + node.op + " has no output argument '" + arg + "'"};
}

}  // namespace wb::formats::saved_model
