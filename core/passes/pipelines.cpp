// SPDX-License-Identifier: Apache-2.0
#include "passes/pipelines.h"

#include <algorithm>
#include <map>

#include "passes/all_passes.h"

namespace wb::passes {

namespace {

using Factory = std::unique_ptr<Pass> (*)();

const std::map<std::string, Factory, std::less<>>& registry() {
    static const std::map<std::string, Factory, std::less<>> map = {
        {"prune_to_outputs", make_prune_to_outputs},
        {"strip_debug_ops", make_strip_debug_ops},
        {"remove_identities", make_remove_identities},
        {"materialize_shapes", make_materialize_shapes},
        {"fold_constants", make_fold_constants},
        {"simplify_arithmetic", make_simplify_arithmetic},
        {"fold_batch_norms", make_fold_batch_norms},
        {"fold_channel_affine", make_fold_channel_affine},
        {"fold_pad_into_conv", make_fold_pad_into_conv},
        {"normalize_bias_add", make_normalize_bias_add},
        {"set_cpu_device", make_set_cpu_device},
        {"fuse_conv_bias_activation", make_fuse_conv_bias_activation},
        {"fuse_matmul_bias_activation", make_fuse_matmul_bias_activation},
        {"remove_unused_control_flow_inputs", make_remove_unused_control_flow_inputs},
        {"fuse_prelu", make_fuse_prelu},
        {"fuse_depthwise", make_fuse_depthwise},
        {"fuse_prelu_into_fused_ops", make_fuse_prelu_into_fused_ops},
    };
    return map;
}

bool contains(const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

}  // namespace

std::vector<std::string> all_pass_names() {
    std::vector<std::string> names;
    for (const auto& [name, factory] : registry()) names.push_back(name);
    return names;
}

std::unique_ptr<Pass> make_pass(std::string_view name) {
    auto it = registry().find(name);
    return it == registry().end() ? nullptr : it->second();
}

std::vector<std::string> default_pipeline_order(bool strip_debug_ops) {
    std::vector<std::string> order;
    // Grappler pass 1 (TFSM:157-167): debug_stripper, then
    // pruning, constfold, arithmetic, dependency — twice. constfold starts with
    // MaterializeShapes, a pass of its own here.
    if (strip_debug_ops) order.push_back("strip_debug_ops");
    for (int round = 0; round < 2; ++round)
        for (const char* p : {"prune_to_outputs", "materialize_shapes", "fold_constants", "simplify_arithmetic",
                              "remove_identities"})
            order.push_back(p);
    // The converter's own rewrites and placement (spec §6.2 steps 4-6).
    order.insert(order.end(), {"fold_batch_norms", "fold_channel_affine", "fold_pad_into_conv", "normalize_bias_add",
                               "set_cpu_device"});
    // Grappler pass 2: remap, constfold, arithmetic, dependency.
    order.insert(order.end(), {"fuse_conv_bias_activation", "fuse_matmul_bias_activation", "materialize_shapes",
                               "fold_constants", "simplify_arithmetic", "remove_identities"});
    // Steps 8-11.
    order.insert(order.end(), {"remove_unused_control_flow_inputs", "fuse_prelu", "fuse_depthwise",
                               "fuse_prelu_into_fused_ops"});
    return order;
}

Expected<PassManager> build_pipeline(const PipelineOptions& options) {
    for (const auto* list : {&options.only, &options.skip})
        for (const auto& name : *list)
            if (!registry().count(name))
                return Error{{}, "pass '" + name + "'", "unknown pass; known passes: " + [] {
                    std::string all;
                    for (const auto& n : all_pass_names()) all += (all.empty() ? "" : ", ") + n;
                    return all;
                }()};
    PassManager manager;
    for (const auto& name : default_pipeline_order(options.strip_debug_ops)) {
        if (!options.only.empty() && !contains(options.only, name)) continue;
        if (contains(options.skip, name)) continue;
        manager.add(make_pass(name));
    }
    // --passes may name a pass the default order leaves out (strip_debug_ops when off).
    for (const auto& name : options.only) {
        bool present = std::any_of(manager.passes().begin(), manager.passes().end(),
                                   [&](const auto& p) { return p->name() == name; });
        if (!present && !contains(options.skip, name)) manager.add(make_pass(name));
    }
    if (options.validate >= 0) manager.set_validate(options.validate == 1);
    manager.after_pass = options.after_pass;
    return manager;
}

Expected<PipelineReport> run_default_pipeline(ir::Model& model, const PipelineOptions& options,
                                              const Progress& progress) {
    auto manager = build_pipeline(options);
    if (!manager) return manager.error();
    PassContext ctx = PassContext::for_model(model);
    ctx.max_folded_bytes = options.max_folded_bytes;
    auto report = manager->run(model.graph, ctx, progress);
    if (!report) return Error{model.source_path, report.error().item, report.error().message};
    // remove_unused_control_flow_inputs may drop a Placeholder the signature listed.
    std::erase_if(model.inputs, [&](const ir::TensorInfo& t) { return !model.graph.find(ir::parse_input(t.name).node); });
    return report;
}

}  // namespace wb::passes
