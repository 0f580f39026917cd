// SPDX-License-Identifier: Apache-2.0
// ConcatV2/Concat, Pack, Unpack, Split, SplitV: data movement as [outer, axis*inner] block copies.
#include <cstring>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

int64_t prod(const std::vector<int64_t>& d, int from, int to) {
    int64_t p = 1;
    for (int i = from; i < to; ++i) p *= d[i];
    return p;
}

// Concatenates `parts` along `axis` into a tensor of `out_shape` (strings handled too).
Status join(KernelContext& ctx, const std::vector<ir::Tensor>& parts, int axis, const ir::Shape& out_shape) {
    const ir::DType t = parts[0].dtype();
    const int64_t outer = prod(out_shape.dims, 0, axis);
    if (t == ir::DType::String) {
        std::vector<std::string> values;
        for (int64_t o = 0; o < outer; ++o)
            for (const auto& p : parts) {
                const int64_t block = outer ? p.num_elements() / outer : 0;
                for (int64_t i = 0; i < block; ++i) values.push_back(p.strings()[o * block + i]);
            }
        ctx.set_output(0, ir::Tensor::from_strings(out_shape, std::move(values)));
        return Ok{};
    }
    ir::Tensor& out = ctx.allocate_output(0, t, out_shape);
    const std::size_t w = ir::dtype_size(t);
    std::byte* dst = out.raw();
    for (int64_t o = 0; o < outer; ++o)
        for (const auto& p : parts) {
            const std::size_t block = static_cast<std::size_t>(p.num_elements() / outer) * w;
            if (block) std::memcpy(dst, p.raw() + o * block, block);
            dst += block;
        }
    return Ok{};
}

Status concat(KernelContext& ctx) {
    const bool v2 = ctx.node().op == "ConcatV2";
    const int n = ctx.num_inputs() - 1;
    if (n < 1) return ku::fail(ctx, "needs values and an axis");
    const ir::Tensor& axis_t = v2 ? ctx.input(n) : ctx.input(0);
    std::vector<ir::Tensor> parts;
    for (int i = 0; i < n; ++i) parts.push_back(ctx.input(v2 ? i : i + 1));
    int64_t axis = ku::ints(axis_t).at(0);
    const int rank = parts[0].shape().rank();
    if (!ku::norm_axis(axis, rank)) return ku::fail(ctx, "axis out of range");
    auto dims = parts[0].shape().dims;
    dims[axis] = 0;
    for (const auto& p : parts) {
        if (p.shape().rank() != rank || p.dtype() != parts[0].dtype())
            return ku::fail(ctx, "inputs differ in rank or dtype");
        for (int d = 0; d < rank; ++d)
            if (d != axis && p.shape().dims[d] != parts[0].shape().dims[d])
                return ku::fail(ctx, "shape " + p.shape().to_string() + " does not match " + parts[0].shape().to_string());
        dims[axis] += p.shape().dims[axis];
    }
    if (n == 1) {
        ctx.set_output(0, parts[0]);
        return Ok{};
    }
    return join(ctx, parts, static_cast<int>(axis), ir::Shape(dims));
}

Status pack(KernelContext& ctx) {
    const int n = ctx.num_inputs();
    if (n < 1) return ku::fail(ctx, "needs values");
    const ir::Shape& s = ctx.input(0).shape();
    int64_t axis = ir::attr_int(ctx.node().attrs, "axis");
    if (axis < 0) axis += s.rank() + 1;
    if (axis < 0 || axis > s.rank()) return ku::fail(ctx, "axis out of range");
    std::vector<ir::Tensor> parts;
    auto part_dims = s.dims;
    part_dims.insert(part_dims.begin() + axis, 1);
    for (int i = 0; i < n; ++i) {
        if (ctx.input(i).shape() != s || ctx.input(i).dtype() != ctx.input(0).dtype())
            return ku::fail(ctx, "all inputs must have shape " + s.to_string());
        parts.push_back(ctx.input(i).reshaped(ir::Shape(part_dims)));
    }
    auto dims = part_dims;
    dims[axis] = n;
    return join(ctx, parts, static_cast<int>(axis), ir::Shape(dims));
}

// Splits x along axis into pieces of the given sizes; `squeeze` drops the axis (Unpack).
Status cut(KernelContext& ctx, const ir::Tensor& x, int axis, const std::vector<int64_t>& sizes, bool squeeze) {
    const auto& d = x.shape().dims;
    const int64_t outer = prod(d, 0, axis), inner = prod(d, axis + 1, x.shape().rank());
    const std::size_t w = x.dtype() == ir::DType::String ? 0 : ir::dtype_size(x.dtype());
    int64_t offset = 0;
    for (std::size_t k = 0; k < sizes.size(); ++k) {
        auto dims = d;
        dims[axis] = sizes[k];
        if (squeeze) dims.erase(dims.begin() + axis);
        const int64_t block = sizes[k] * inner, row = d[axis] * inner;
        if (x.dtype() == ir::DType::String) {
            std::vector<std::string> v;
            for (int64_t o = 0; o < outer; ++o)
                for (int64_t i = 0; i < block; ++i) v.push_back(x.strings()[o * row + offset * inner + i]);
            ctx.set_output(static_cast<int>(k), ir::Tensor::from_strings(ir::Shape(dims), std::move(v)));
        } else {
            ir::Tensor& out = ctx.allocate_output(static_cast<int>(k), x.dtype(), ir::Shape(dims));
            for (int64_t o = 0; o < outer; ++o)
                if (block) std::memcpy(out.raw() + o * block * w, x.raw() + (o * row + offset * inner) * w, block * w);
        }
        offset += sizes[k];
    }
    return Ok{};
}

Status split(KernelContext& ctx) {
    const std::string& op = ctx.node().op;
    const ir::Tensor& x = op == "Split" ? ctx.input(1) : ctx.input(0);
    int64_t axis = op == "Unpack" ? ir::attr_int(ctx.node().attrs, "axis")
                                  : ku::ints(op == "Split" ? ctx.input(0) : ctx.input(2)).at(0);
    if (!ku::norm_axis(axis, x.shape().rank()) || x.shape().rank() == 0) return ku::fail(ctx, "axis out of range");
    const int64_t dim = x.shape().dims[axis];
    std::vector<int64_t> sizes;
    if (op == "SplitV") {
        sizes = ku::ints(ctx.input(1));
        int64_t known = 0, infer = -1;
        for (std::size_t i = 0; i < sizes.size(); ++i)
            if (sizes[i] == -1) infer = static_cast<int64_t>(i);
            else known += sizes[i];
        if (infer >= 0) sizes[infer] = dim - known;
        int64_t total = 0;
        for (auto s : sizes) total += s;
        if (total != dim) return ku::fail(ctx, "split sizes do not add up to " + std::to_string(dim));
    } else {
        const int64_t n = op == "Unpack" ? dim : ir::attr_int(ctx.node().attrs, "num_split", 1);
        if (n <= 0 || (op == "Split" && dim % n != 0))
            return ku::fail(ctx, "dimension " + std::to_string(dim) + " does not split into " + std::to_string(n));
        sizes.assign(static_cast<std::size_t>(n), op == "Unpack" ? 1 : dim / n);
    }
    return cut(ctx, x, static_cast<int>(axis), sizes, op == "Unpack");
}

}  // namespace

void register_concat_split_kernels(KernelRegistry& r) {
    r.add("ConcatV2", simple_kernel(concat));
    r.add("Concat", simple_kernel(concat));
    r.add("Pack", simple_kernel(pack));
    r.add("Unpack", simple_kernel(split));
    r.add("Split", simple_kernel(split));
    r.add("SplitV", simple_kernel(split));
}

}  // namespace wb::runtime
