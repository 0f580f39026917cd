// SPDX-License-Identifier: Apache-2.0
// The one list of kernel families: adding a family adds its file and one line here.
// (Explicit calls, because static-initializer registration is dropped by the linker when the
// core is a static library.)
#include "runtime/kernel.h"

namespace wb::runtime {

void register_basic_kernels(KernelRegistry&);
void register_unary_kernels(KernelRegistry&);
void register_binary_kernels(KernelRegistry&);
void register_compare_kernels(KernelRegistry&);
void register_reduce_kernels(KernelRegistry&);
void register_shape_kernels(KernelRegistry&);
void register_cast_kernels(KernelRegistry&);
void register_select_kernels(KernelRegistry&);
void register_concat_split_kernels(KernelRegistry&);
void register_transpose_kernels(KernelRegistry&);
void register_nn_kernels(KernelRegistry&);
void register_pad_kernels(KernelRegistry&);
void register_gather_kernels(KernelRegistry&);
void register_misc_kernels(KernelRegistry&);
void register_tensor_array_kernels(KernelRegistry&);
void register_image_kernels(KernelRegistry&);
void register_random_kernels(KernelRegistry&);
void register_nms_kernels(KernelRegistry&);
void register_loss_kernels(KernelRegistry&);
void register_matrix_kernels(KernelRegistry&);
void register_conv_kernels(KernelRegistry&);    // kernels/conv (kernels-fast)
void register_pool_kernels(KernelRegistry&);    // kernels/pool (kernels-fast)
void register_matmul_kernels(KernelRegistry&);  // kernels/matmul (kernels-fast)
void register_functional_kernels(KernelRegistry&);  // kernels/functional: If/While/PartitionedCall
void register_tensor_list_kernels(KernelRegistry&);
void register_crop_and_resize_kernels(KernelRegistry&);
void register_segment_kernels(KernelRegistry&);
void register_color_kernels(KernelRegistry&);
void register_fake_quant_kernels(KernelRegistry&);
void register_selection_kernels(KernelRegistry&);
void register_counting_kernels(KernelRegistry&);
void register_diag_kernels(KernelRegistry&);
void register_sequence_kernels(KernelRegistry&);
void register_special_math_kernels(KernelRegistry&);
void register_linalg_kernels(KernelRegistry&);
void register_scatter_update_kernels(KernelRegistry&);
void register_rnn_cell_kernels(KernelRegistry&);
void register_unique_kernels(KernelRegistry&);
void register_partition_stitch_kernels(KernelRegistry&);
void register_sparse_dense_kernels(KernelRegistry&);
void register_extract_patches_kernels(KernelRegistry&);
void register_search_sorted_kernels(KernelRegistry&);
void register_nms_v1_kernels(KernelRegistry&);
void register_lrn_kernels(KernelRegistry&);
void register_print_reverse_kernels(KernelRegistry&);
void register_resource_variable_kernels(KernelRegistry&);

void register_all_kernels(KernelRegistry& registry) {
    register_basic_kernels(registry);
    register_unary_kernels(registry);
    register_binary_kernels(registry);
    register_compare_kernels(registry);
    register_reduce_kernels(registry);
    register_shape_kernels(registry);
    register_cast_kernels(registry);
    register_select_kernels(registry);
    register_concat_split_kernels(registry);
    register_transpose_kernels(registry);
    register_nn_kernels(registry);
    register_pad_kernels(registry);
    register_gather_kernels(registry);
    register_misc_kernels(registry);
    register_tensor_array_kernels(registry);
    register_image_kernels(registry);
    register_random_kernels(registry);
    register_nms_kernels(registry);
    register_loss_kernels(registry);
    register_matrix_kernels(registry);
    register_conv_kernels(registry);
    register_pool_kernels(registry);
    register_matmul_kernels(registry);
    register_functional_kernels(registry);
    register_tensor_list_kernels(registry);
    register_crop_and_resize_kernels(registry);
    register_segment_kernels(registry);
    register_color_kernels(registry);
    register_fake_quant_kernels(registry);
    register_selection_kernels(registry);
    register_counting_kernels(registry);
    register_diag_kernels(registry);
    register_sequence_kernels(registry);
    register_special_math_kernels(registry);
    register_linalg_kernels(registry);
    register_scatter_update_kernels(registry);
    register_rnn_cell_kernels(registry);
    register_unique_kernels(registry);
    register_partition_stitch_kernels(registry);
    register_sparse_dense_kernels(registry);
    register_extract_patches_kernels(registry);
    register_search_sorted_kernels(registry);
    register_nms_v1_kernels(registry);
    register_lrn_kernels(registry);
    register_print_reverse_kernels(registry);
    register_resource_variable_kernels(registry);
}

}  // namespace wb::runtime
