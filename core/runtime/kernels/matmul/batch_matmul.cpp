// SPDX-License-Identifier: Apache-2.0
// BatchMatMul (equal batch dims), BatchMatMulV2/V3 (NumPy-broadcast batch dims); adj_x/adj_y
// transpose the last two dims of each operand (real dtypes only, so adjoint = transpose).
#include <algorithm>

#include "runtime/kernels/conv/typed_io.h"
#include "runtime/kernels/matmul/matmul_core.h"
#include "runtime/kernels/matmul/matmul_kernels.h"

namespace wb::runtime::matmul {

Status batch_matmul(KernelContext& ctx) {
    const ir::Node& node = ctx.node();
    if (ctx.num_inputs() != 2) return kernel_error(node, "expects 2 inputs");
    conv::TypedInputs in = conv::widen_inputs(ctx);
    const ir::DType dt = in.compute();
    if (dt != ir::DType::Float32 && dt != ir::DType::Float64)
        return kernel_error(node, "unsupported dtype " + std::to_string(static_cast<int>(dt)));
    if (in.tensors[1]->dtype() != dt) return kernel_error(node, "inputs must share one dtype");
    // BatchMatMulV3 may ask for another output type (e.g. int8 x int8 -> int32): not supported.
    const ir::DType tout = ir::attr_type(node.attrs, "Tout", in.original);
    if (tout != in.original) return kernel_error(node, "Tout differing from the input dtype is not supported");
    const auto& ad = in.tensors[0]->shape().dims;
    const auto& bd = in.tensors[1]->shape().dims;
    const int ra = static_cast<int>(ad.size()), rb = static_cast<int>(bd.size());
    if (ra < 2 || rb < 2)
        return kernel_error(node, "inputs need rank >= 2, got " + in.tensors[0]->shape().to_string() + " and " +
                                      in.tensors[1]->shape().to_string());
    const bool ta = ir::attr_bool(node.attrs, "adj_x"), tb = ir::attr_bool(node.attrs, "adj_y");
    const int64_t M = ta ? ad[ra - 1] : ad[ra - 2], K = ta ? ad[ra - 2] : ad[ra - 1];
    const int64_t Kb = tb ? bd[rb - 1] : bd[rb - 2], N = tb ? bd[rb - 2] : bd[rb - 1];
    if (K != Kb) return kernel_error(node, "inner dimensions differ: " + std::to_string(K) + " vs " + std::to_string(Kb));

    // Broadcast batch dims, right-aligned; BatchMatMul (v1) requires them equal.
    const int rbatch = std::max(ra, rb) - 2;
    std::vector<int64_t> batch(rbatch), sa(rbatch, 0), sb(rbatch, 0);
    int64_t stride_a = M * K, stride_b = K * N;
    for (int i = rbatch - 1; i >= 0; --i) {
        const int ia = i - (rbatch - (ra - 2)), ib = i - (rbatch - (rb - 2));
        const int64_t da = ia >= 0 ? ad[ia] : 1, db = ib >= 0 ? bd[ib] : 1;
        if (da != db && da != 1 && db != 1)
            return kernel_error(node, "batch dimensions do not broadcast: " + in.tensors[0]->shape().to_string() +
                                          " and " + in.tensors[1]->shape().to_string());
        if (node.op == "BatchMatMul" && (da != db || ra != rb))
            return kernel_error(node, "BatchMatMul needs equal batch dimensions");
        batch[i] = std::max(da, db);
        sa[i] = da == 1 ? 0 : stride_a;
        sb[i] = db == 1 ? 0 : stride_b;
        stride_a *= da;
        stride_b *= db;
    }
    int64_t count = 1;
    for (auto d : batch) count *= d;
    std::vector<int64_t> a_off(count), b_off(count);
    for (int64_t i = 0; i < count; ++i) {
        int64_t rem = i, oa = 0, ob = 0;
        for (int d = rbatch - 1; d >= 0; --d) {
            const int64_t idx = rem % batch[d];
            rem /= batch[d];
            oa += idx * sa[d];
            ob += idx * sb[d];
        }
        a_off[i] = oa;
        b_off[i] = ob;
    }
    std::vector<int64_t> out_dims = batch;
    out_dims.push_back(M);
    out_dims.push_back(N);
    conv::TypedOutputs outs(ctx, in.original);
    ir::Tensor& out = outs.allocate(0, dt, ir::Shape(out_dims));
    if (dt == ir::DType::Float32)
        gemm_batched<float>(in.tensors[0]->data<float>(), in.tensors[1]->data<float>(), out.data<float>(), a_off, b_off,
                            M, K, N, ta, tb, ctx.pool());
    else
        gemm_batched<double>(in.tensors[0]->data<double>(), in.tensors[1]->data<double>(), out.data<double>(), a_off,
                             b_off, M, K, N, ta, tb, ctx.pool());
    outs.finish();
    return Ok{};
}

}  // namespace wb::runtime::matmul
