// SPDX-License-Identifier: Apache-2.0
// Pad/PadV2 (constant) and MirrorPad (REFLECT/SYMMETRIC): each output coordinate maps back to
// an input coordinate or to the constant.
#include <algorithm>
#include <cstring>
#include <string>

#include "runtime/kernels/kernel_util.h"
#include "runtime/thread_pool.h"

namespace wb::runtime {

namespace {

Status pad(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    auto p = ku::ints(ctx.input(1));
    const int rank = x.shape().rank();
    if (static_cast<int>(p.size()) != 2 * rank) return ku::fail(ctx, "paddings must be [rank, 2]");
    const std::string& op = ctx.node().op;
    const bool mirror = op == "MirrorPad";
    const bool symmetric = mirror && ir::attr_string(ctx.node().attrs, "mode") == "SYMMETRIC";
    std::vector<int64_t> dims(rank);
    for (int d = 0; d < rank; ++d) {
        const int64_t n = x.shape().dims[d];
        if (p[2 * d] < 0 || p[2 * d + 1] < 0) return ku::fail(ctx, "negative padding");
        if (mirror && (p[2 * d] > n - (symmetric ? 0 : 1) || p[2 * d + 1] > n - (symmetric ? 0 : 1)))
            return ku::fail(ctx, "mirror padding larger than the dimension");
        dims[d] = n + p[2 * d] + p[2 * d + 1];
    }
    if (x.dtype() == ir::DType::String) return ku::fail(ctx, ku::dtype_error(x.dtype()));
    ir::Tensor& out = ctx.allocate_output(0, x.dtype(), ir::Shape(dims));
    const std::size_t w = ir::dtype_size(x.dtype());
    // The constant as bytes of the dtype (PadV2's third input, else zero).
    std::vector<std::byte> fill(w, std::byte{0});
    if (op == "PadV2" && ctx.num_inputs() > 2) std::memcpy(fill.data(), ctx.input(2).raw(), w);
    if (out.num_elements() == 0) return Ok{};
    // Row by row of the innermost dimension: the outer coordinates map back once per row (a
    // row outside a constant pad is all fill), the row's middle is one copy, and only its
    // padded ends are computed element by element.
    const int last = rank - 1;
    const int64_t inner_in = rank > 0 ? x.shape().dims[last] : 1;
    const int64_t inner_out = rank > 0 ? dims[last] : 1;
    const int64_t left = rank > 0 ? p[2 * last] : 0;
    const int64_t rows = out.num_elements() / std::max<int64_t>(1, inner_out);
    const auto st_in = ku::strides_of(x.shape());
    auto source = [&](int64_t k, int64_t n) -> int64_t {  // -1: the constant
        if (k >= 0 && k < n) return k;
        if (!mirror) return -1;
        return k < 0 ? (symmetric ? -k - 1 : -k) : (symmetric ? 2 * n - k - 1 : 2 * n - k - 2);
    };
    const std::byte* in_bytes = x.raw();
    std::byte* out_bytes = out.raw();
    ctx.pool().parallel_for(rows, [&](int64_t r0, int64_t r1) {
        for (int64_t r = r0; r < r1; ++r) {
            std::byte* o = out_bytes + r * inner_out * w;
            int64_t rem = r, src = 0;
            bool inside = true;
            for (int d = last - 1; d >= 0 && inside; --d) {
                const int64_t k = source(rem % dims[d] - p[2 * d], x.shape().dims[d]);
                rem /= dims[d];
                if (k < 0) inside = false;
                else src += k * st_in[d];
            }
            for (int64_t i = 0; i < inner_out; ++i) {
                if (inside && i == left && inner_in > 0) {  // the row's middle, in one copy
                    std::memcpy(o + i * w, in_bytes + src * w, static_cast<std::size_t>(inner_in) * w);
                    i += inner_in - 1;
                    continue;
                }
                const int64_t k = inside ? source(i - left, inner_in) : -1;
                std::memcpy(o + i * w, k < 0 ? fill.data() : in_bytes + (src + k) * w, w);
            }
        }
    }, std::max<int64_t>(1, 16384 / std::max<int64_t>(1, inner_out)));
    return Ok{};
}

}  // namespace

void register_pad_kernels(KernelRegistry& r) {
    for (const char* op : {"Pad", "PadV2", "MirrorPad"}) r.add(op, simple_kernel(pad));
}

}  // namespace wb::runtime
