// SPDX-License-Identifier: Apache-2.0
// Diagonal ops: Diag (a rank-k tensor becomes the diagonal of a rank-2k tensor), DiagPart (the
// inverse) and MatrixDiagPart (the main diagonal of the innermost matrices, min(rows, cols)).
#include <cstring>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

Status diag(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    const std::size_t w = ir::dtype_size(x.dtype());
    if (!w) return ku::fail(ctx, ku::dtype_error(x.dtype()));
    const std::string& op = ctx.node().op;
    const auto& d = x.shape().dims;
    if (op == "Diag") {
        std::vector<int64_t> dims = d;
        dims.insert(dims.end(), d.begin(), d.end());
        ir::Tensor& out = ctx.allocate_output(0, x.dtype(), ir::Shape(dims));
        std::memset(out.raw(), 0, out.byte_size());
        const int64_t n = x.num_elements();
        for (int64_t i = 0; i < n; ++i) std::memcpy(out.raw() + (i * n + i) * w, x.raw() + i * w, w);
        return Ok{};
    }
    if (op == "DiagPart") {
        const std::size_t half = d.size() / 2;
        if (d.size() % 2 || d.empty()) return ku::fail(ctx, "input rank must be even and positive");
        for (std::size_t i = 0; i < half; ++i)
            if (d[i] != d[i + half]) return ku::fail(ctx, "dimensions i and i + rank/2 must agree");
        ir::Tensor& out = ctx.allocate_output(0, x.dtype(), ir::Shape(std::vector<int64_t>(d.begin(), d.begin() + half)));
        const int64_t n = out.num_elements();
        for (int64_t i = 0; i < n; ++i) std::memcpy(out.raw() + i * w, x.raw() + (i * n + i) * w, w);
        return Ok{};
    }
    if (d.size() < 2) return ku::fail(ctx, "input must have rank >= 2");
    const int64_t rows = d[d.size() - 2], cols = d.back(), k = std::min(rows, cols);
    std::vector<int64_t> dims(d.begin(), d.end() - 2);
    dims.push_back(k);
    ir::Tensor& out = ctx.allocate_output(0, x.dtype(), ir::Shape(dims));
    const int64_t batch = k ? out.num_elements() / k : 0;
    for (int64_t b = 0; b < batch; ++b)
        for (int64_t i = 0; i < k; ++i)
            std::memcpy(out.raw() + (b * k + i) * w, x.raw() + (b * rows * cols + i * cols + i) * w, w);
    return Ok{};
}

}  // namespace

void register_diag_kernels(KernelRegistry& r) {
    for (const char* op : {"Diag", "DiagPart", "MatrixDiagPart"}) r.add(op, simple_kernel(diag));
}

}  // namespace wb::runtime
