// SPDX-License-Identifier: Apache-2.0
// Pad/PadV2 (constant) and MirrorPad (REFLECT/SYMMETRIC): each output coordinate maps back to
// an input coordinate or to the constant.
#include <cstring>
#include <string>

#include "runtime/kernels/kernel_util.h"

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
    const auto st_in = ku::strides_of(x.shape()), st_out = ku::strides_of(out.shape());
    for (int64_t i = 0; i < out.num_elements(); ++i) {
        int64_t rem = i, src = 0;
        bool inside = true;
        for (int d = 0; d < rank; ++d) {
            int64_t k = rem / st_out[d] - p[2 * d];
            rem %= st_out[d];
            const int64_t n = x.shape().dims[d];
            if (k < 0 || k >= n) {
                if (!mirror) {
                    inside = false;
                    break;
                }
                if (k < 0) k = symmetric ? -k - 1 : -k;
                else k = symmetric ? 2 * n - k - 1 : 2 * n - k - 2;
            }
            src += k * st_in[d];
        }
        std::memcpy(out.raw() + i * w, inside ? x.raw() + src * w : fill.data(), w);
    }
    return Ok{};
}

}  // namespace

void register_pad_kernels(KernelRegistry& r) {
    for (const char* op : {"Pad", "PadV2", "MirrorPad"}) r.add(op, simple_kernel(pad));
}

}  // namespace wb::runtime
