// SPDX-License-Identifier: Apache-2.0
// MatMul (transpose_a / transpose_b) and the converter's _FusedMatMul: the product followed by
// BiasAdd and an activation (spec 6.2 step 7, 6.3), applied row by row after the GEMM.
#include "runtime/kernels/conv/fused_epilogue.h"
#include "runtime/kernels/conv/typed_io.h"
#include "runtime/kernels/matmul/matmul_core.h"
#include "runtime/kernels/matmul/matmul_kernels.h"
#include "runtime/thread_pool.h"

namespace wb::runtime::matmul {

namespace {

template <class T>
Status run(KernelContext& ctx, const std::vector<const ir::Tensor*>& in, const conv::FusedOps& fused, int64_t M,
           int64_t K, int64_t N, bool ta, bool tb, ir::Tensor& out) {
    conv::Epilogue<T> e;
    if (auto s = conv::make_epilogue<T>(ctx.node(), fused, in, {M, N}, e); !s) return s;
    T* c = out.data<T>();
    gemm<T>(in[0]->data<T>(), in[1]->data<T>(), c, M, K, N, ta, tb, ctx.pool());
    if (!e.empty())
        ctx.pool().parallel_for(M, [&](int64_t r0, int64_t r1) { e.apply(c + r0 * N, r0, r1 - r0, N); }, 16);
    return Ok{};
}

}  // namespace

Status matmul(KernelContext& ctx) {
    const ir::Node& node = ctx.node();
    auto fused = conv::read_fused_ops(node, 2);
    if (!fused) return fused.error();
    const int want = 2 + (fused->bias ? 1 : 0) + (fused->act == conv::Activation::Prelu ? 1 : 0);
    if (ctx.num_inputs() != want) return kernel_error(node, "expects " + std::to_string(want) + " inputs");
    conv::TypedInputs in = conv::widen_inputs(ctx);
    const ir::DType dt = in.compute();
    if (dt != ir::DType::Float32 && dt != ir::DType::Float64)
        return kernel_error(node, "unsupported dtype " + std::to_string(static_cast<int>(dt)));
    const ir::Shape& a = in.tensors[0]->shape();
    const ir::Shape& b = in.tensors[1]->shape();
    if (a.rank() != 2 || b.rank() != 2)
        return kernel_error(node, "inputs must be matrices, got " + a.to_string() + " and " + b.to_string());
    if (in.tensors[1]->dtype() != dt) return kernel_error(node, "inputs must share one dtype");
    const bool ta = ir::attr_bool(node.attrs, "transpose_a"), tb = ir::attr_bool(node.attrs, "transpose_b");
    const int64_t M = ta ? a.dims[1] : a.dims[0], K = ta ? a.dims[0] : a.dims[1];
    const int64_t Kb = tb ? b.dims[1] : b.dims[0], N = tb ? b.dims[0] : b.dims[1];
    if (K != Kb)
        return kernel_error(node, "inner dimensions differ: " + a.to_string() + " x " + b.to_string() +
                                      (ta || tb ? " (with transposes)" : ""));
    conv::TypedOutputs outs(ctx, in.original);
    ir::Tensor& out = outs.allocate(0, dt, ir::Shape{M, N});
    Status s = dt == ir::DType::Float32 ? run<float>(ctx, in.tensors, *fused, M, K, N, ta, tb, out)
                                        : run<double>(ctx, in.tensors, *fused, M, K, N, ta, tb, out);
    if (!s) return s;
    outs.finish();
    return Ok{};
}

}  // namespace wb::runtime::matmul

namespace wb::runtime {

void register_matmul_kernels(KernelRegistry& registry) {
    registry.add("MatMul", simple_kernel(matmul::matmul));
    registry.add("_FusedMatMul", simple_kernel(matmul::matmul));
    registry.add("BatchMatMul", simple_kernel(matmul::batch_matmul));
    registry.add("BatchMatMulV2", simple_kernel(matmul::batch_matmul));
    registry.add("BatchMatMulV3", simple_kernel(matmul::batch_matmul));
    registry.add("Einsum", simple_kernel(matmul::einsum));
}

}  // namespace wb::runtime
