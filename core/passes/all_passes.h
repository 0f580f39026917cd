// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>

#include "passes/pass.h"

// One factory per pass file; pipelines.cpp is the only list of them.
namespace wb::passes {

std::unique_ptr<Pass> make_prune_to_outputs();
std::unique_ptr<Pass> make_strip_debug_ops();
std::unique_ptr<Pass> make_remove_identities();
std::unique_ptr<Pass> make_materialize_shapes();
std::unique_ptr<Pass> make_fold_constants();
std::unique_ptr<Pass> make_simplify_arithmetic();
std::unique_ptr<Pass> make_fold_batch_norms();
std::unique_ptr<Pass> make_fold_channel_affine();
std::unique_ptr<Pass> make_fold_pad_into_conv();
std::unique_ptr<Pass> make_normalize_bias_add();
std::unique_ptr<Pass> make_set_cpu_device();
std::unique_ptr<Pass> make_fuse_conv_bias_activation();
std::unique_ptr<Pass> make_fuse_matmul_bias_activation();
std::unique_ptr<Pass> make_remove_unused_control_flow_inputs();
std::unique_ptr<Pass> make_fuse_prelu();
std::unique_ptr<Pass> make_fuse_depthwise();
std::unique_ptr<Pass> make_fuse_prelu_into_fused_ops();

}  // namespace wb::passes
