// SPDX-License-Identifier: Apache-2.0
// Batched dense linear algebra with the Eigen decompositions TensorFlow's CPU kernels use:
// MatrixDeterminant / LogMatrixDeterminant (PartialPivLU, sign and log|det| as in SLogDet),
// MatrixInverse and MatrixSolve (PartialPivLU, adjoint), MatrixTriangularSolve (lower/upper,
// adjoint), Cholesky (LLT, lower), Lu (packed LU + row permutation indices) and Svd (BDCSVD,
// descending singular values; u/v empty when compute_uv is false).
#include <Eigen/Dense>

#include <cmath>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

template <class T> using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class T> using Map = Eigen::Map<Mat<T>>;
template <class T> using CMap = Eigen::Map<const Mat<T>>;

struct Batch {
    int64_t count = 0, rows = 0, cols = 0;
    std::vector<int64_t> outer;  // batch dims
};

bool batch_of(const ir::Tensor& t, Batch& b) {
    const auto& d = t.shape().dims;
    if (d.size() < 2) return false;
    b.rows = d[d.size() - 2];
    b.cols = d.back();
    b.outer.assign(d.begin(), d.end() - 2);
    b.count = 1;
    for (int64_t x : b.outer) b.count *= x;
    return true;
}

std::vector<int64_t> with(std::vector<int64_t> outer, std::initializer_list<int64_t> tail) {
    outer.insert(outer.end(), tail);
    return outer;
}

template <class T>
Status linalg_typed(KernelContext& ctx, const ir::Tensor& a) {
    const std::string& op = ctx.node().op;
    const auto& attrs = ctx.node().attrs;
    Batch b;
    if (!batch_of(a, b)) return ku::fail(ctx, "input must have rank >= 2");
    const int64_t m = b.rows, n = b.cols, k = std::min(m, n);
    if (op != "Svd" && m != n) return ku::fail(ctx, "matrices must be square");
    const T* in = a.data<T>();
    if (op == "MatrixDeterminant" || op == "LogMatrixDeterminant") {
        ir::Tensor& sign = ctx.allocate_output(0, a.dtype(), ir::Shape(b.outer));
        ir::Tensor* logdet = op == "LogMatrixDeterminant" ? &ctx.allocate_output(1, a.dtype(), ir::Shape(b.outer)) : nullptr;
        for (int64_t i = 0; i < b.count; ++i) {
            T s = 1, log_abs = 0;
            if (n > 0) {
                Eigen::PartialPivLU<Mat<T>> lu(CMap<T>(in + i * n * n, n, n));
                const auto& packed = lu.matrixLU();
                s = static_cast<T>(lu.permutationP().determinant());
                for (int64_t j = 0; j < n; ++j) {
                    const T d = packed(j, j);
                    s *= d < 0 ? T(-1) : d > 0 ? T(1) : T(0);
                    log_abs += std::log(std::abs(d));
                }
            }
            if (logdet) {
                sign.data<T>()[i] = s;
                logdet->data<T>()[i] = log_abs;
            } else {
                sign.data<T>()[i] = s * std::exp(log_abs);
            }
        }
        return Ok{};
    }
    if (op == "MatrixSolve" || op == "MatrixTriangularSolve") {
        const ir::Tensor& rhs = ctx.input(1);
        Batch r;
        if (rhs.dtype() != a.dtype() || !batch_of(rhs, r) || r.rows != n || (r.count != b.count && b.count != 1))
            return ku::fail(ctx, "rhs must be [..., " + std::to_string(n) + ", K] with the matrix's batch dimensions");
        const bool adjoint = ir::attr_bool(attrs, "adjoint");
        const bool lower = ir::attr_bool(attrs, "lower", true);
        ir::Tensor& out = ctx.allocate_output(0, a.dtype(), rhs.shape());
        for (int64_t i = 0; i < r.count; ++i) {
            Mat<T> mat = CMap<T>(in + (b.count == 1 ? 0 : i) * n * n, n, n);
            if (adjoint) mat.transposeInPlace();
            const bool solve_lower = adjoint ? !lower : lower;
            CMap<T> y(rhs.data<T>() + i * n * r.cols, n, r.cols);
            Map<T> x(out.data<T>() + i * n * r.cols, n, r.cols);
            if (op == "MatrixSolve") {
                Eigen::PartialPivLU<Mat<T>> lu(mat);
                if (n && lu.matrixLU().diagonal().cwiseAbs().minCoeff() == T(0)) return ku::fail(ctx, "input matrix is not invertible");
                x = lu.solve(y);
            } else if (solve_lower) {
                x = mat.template triangularView<Eigen::Lower>().solve(y);
            } else {
                x = mat.template triangularView<Eigen::Upper>().solve(y);
            }
        }
        return Ok{};
    }
    if (op == "MatrixInverse" || op == "Cholesky") {
        ir::Tensor& out = ctx.allocate_output(0, a.dtype(), a.shape());
        for (int64_t i = 0; i < b.count; ++i) {
            CMap<T> mat(in + i * n * n, n, n);
            Map<T> o(out.data<T>() + i * n * n, n, n);
            if (op == "Cholesky") {
                Eigen::LLT<Mat<T>> llt(mat);
                if (llt.info() != Eigen::Success) return ku::fail(ctx, "Cholesky decomposition was not successful: the input is not positive definite");
                o = llt.matrixL();
                continue;
            }
            Eigen::PartialPivLU<Mat<T>> lu(ir::attr_bool(attrs, "adjoint") ? Mat<T>(mat.transpose()) : Mat<T>(mat));
            if (n && lu.matrixLU().diagonal().cwiseAbs().minCoeff() == T(0)) return ku::fail(ctx, "input is not invertible");
            o = lu.inverse();
        }
        return Ok{};
    }
    if (op == "Lu") {
        const ir::DType idx_type = ir::attr_type(attrs, "output_idx_type", ir::DType::Int32);
        ir::Tensor& lu_out = ctx.allocate_output(0, a.dtype(), a.shape());
        ir::Tensor& perm = ctx.allocate_output(1, idx_type, ir::Shape(with(b.outer, {n})));
        for (int64_t i = 0; i < b.count; ++i) {
            Eigen::PartialPivLU<Mat<T>> lu(CMap<T>(in + i * n * n, n, n));
            Map<T>(lu_out.data<T>() + i * n * n, n, n) = lu.matrixLU();
            const Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int> pt = lu.permutationP().transpose();
            const auto& p = pt.indices();
            for (int64_t j = 0; j < n; ++j)
                if (idx_type == ir::DType::Int64) perm.data<int64_t>()[i * n + j] = p(j);
                else perm.data<int32_t>()[i * n + j] = p(j);
        }
        return Ok{};
    }
    // Svd
    const bool uv = ir::attr_bool(attrs, "compute_uv", true), full = ir::attr_bool(attrs, "full_matrices");
    ir::Tensor& s = ctx.allocate_output(0, a.dtype(), ir::Shape(with(b.outer, {k})));
    const int64_t pu = full ? m : k, pv = full ? n : k;
    ir::Tensor& u = ctx.allocate_output(1, a.dtype(), uv ? ir::Shape(with(b.outer, {m, pu})) : ir::Shape{0});
    ir::Tensor& v = ctx.allocate_output(2, a.dtype(), uv ? ir::Shape(with(b.outer, {n, pv})) : ir::Shape{0});
    const int options = !uv ? 0 : full ? (Eigen::ComputeFullU | Eigen::ComputeFullV) : (Eigen::ComputeThinU | Eigen::ComputeThinV);
    for (int64_t i = 0; i < b.count; ++i) {
        if (k == 0) continue;
        Eigen::BDCSVD<Mat<T>> svd(CMap<T>(in + i * m * n, m, n), options);
        Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, 1>>(s.data<T>() + i * k, k) = svd.singularValues();
        if (!uv) continue;
        Map<T>(u.data<T>() + i * m * pu, m, pu) = svd.matrixU();
        Map<T>(v.data<T>() + i * n * pv, n, pv) = svd.matrixV();
    }
    return Ok{};
}

Status linalg(KernelContext& ctx) {
    const ir::Tensor& a = ctx.input(0);
    if (a.dtype() == ir::DType::Float32) return linalg_typed<float>(ctx, a);
    if (a.dtype() == ir::DType::Float64) return linalg_typed<double>(ctx, a);
    if (ku::is_half(a.dtype())) return ku::fail(ctx, "half-precision matrices are not supported; cast to float32");
    return ku::fail(ctx, "needs float32 or float64 matrices, got " + std::string(ir::dtype_name(a.dtype())));
}

}  // namespace

void register_linalg_kernels(KernelRegistry& r) {
    for (const char* op : {"MatrixDeterminant", "LogMatrixDeterminant", "MatrixInverse", "MatrixSolve", "MatrixTriangularSolve",
                           "Cholesky", "Lu", "Svd"})
        r.add(op, simple_kernel(linalg));
}

}  // namespace wb::runtime
