// SPDX-License-Identifier: Apache-2.0
// Ops about shapes: Reshape/Squeeze/ExpandDims share their input's buffer; Shape/ShapeN/Size/
// Rank/BroadcastArgs produce small integer tensors; Fill, Range and BroadcastTo materialise.
#include <cmath>
#include <cstring>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

ir::Tensor int_tensor(ir::DType t, const std::vector<int64_t>& v, ir::Shape shape) {
    ir::Tensor out(t, std::move(shape));
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (t == ir::DType::Int64) out.data<int64_t>()[i] = v[i];
        else out.data<int32_t>()[i] = static_cast<int32_t>(v[i]);
    }
    return out;
}

Status reshape(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    auto dims = ku::ints(ctx.input(1));
    // TensorFlow's rule: when the new shape has a zero dimension, zero input dimensions are
    // left out of the element count, so [2,0] reshaped to [2,0,-1] infers 1.
    int infer = -1;
    int64_t known = 1, input_count = 1;
    bool sizes_have_zero = false;
    for (std::size_t i = 0; i < dims.size(); ++i) {
        if (dims[i] == -1) {
            if (infer >= 0) return ku::fail(ctx, "more than one -1 in the new shape");
            infer = static_cast<int>(i);
        } else if (dims[i] == 0) {
            sizes_have_zero = true;
        } else {
            known *= dims[i];
        }
    }
    for (int64_t d : x.shape().dims)
        if (d > 0 || !sizes_have_zero) input_count *= d;
    if (infer >= 0) dims[infer] = known ? input_count / known : 0;
    ir::Shape shape(dims);
    if (shape.num_elements().value_or(-1) != x.num_elements())
        return ku::fail(ctx, "cannot reshape " + x.shape().to_string() + " to " + shape.to_string());
    ctx.set_output(0, x.reshaped(shape));
    return Ok{};
}

Status squeeze(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    auto axes = ir::attr_ints(ctx.node().attrs, "squeeze_dims");
    if (axes.empty()) axes = ir::attr_ints(ctx.node().attrs, "axis");
    std::vector<char> drop(x.shape().rank(), 0);
    for (int64_t a : axes) {
        if (!ku::norm_axis(a, x.shape().rank()) || x.shape().dims[a] != 1)
            return ku::fail(ctx, "cannot squeeze axis of shape " + x.shape().to_string());
        drop[a] = 1;
    }
    std::vector<int64_t> dims;
    for (int d = 0; d < x.shape().rank(); ++d)
        if (!(axes.empty() ? x.shape().dims[d] == 1 : drop[d])) dims.push_back(x.shape().dims[d]);
    ctx.set_output(0, x.reshaped(ir::Shape(dims)));
    return Ok{};
}

Status expand_dims(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    auto axis_v = ku::ints(ctx.input(1));
    if (axis_v.size() != 1) return ku::fail(ctx, "axis must be a scalar");
    int64_t axis = axis_v[0];
    const int rank = x.shape().rank();
    if (axis < 0) axis += rank + 1;
    if (axis < 0 || axis > rank) return ku::fail(ctx, "axis out of range");
    auto dims = x.shape().dims;
    dims.insert(dims.begin() + axis, 1);
    ctx.set_output(0, x.reshaped(ir::Shape(dims)));
    return Ok{};
}

Status shape_ops(KernelContext& ctx) {
    const std::string& op = ctx.node().op;
    const ir::DType t = ir::attr_type(ctx.node().attrs, "out_type", ir::DType::Int32);
    if (op == "Shape") {
        const auto& dims = ctx.input(0).shape().dims;
        ctx.set_output(0, int_tensor(t, dims, ir::Shape{static_cast<int64_t>(dims.size())}));
    } else if (op == "ShapeN") {
        for (int i = 0; i < ctx.num_inputs(); ++i) {
            const auto& dims = ctx.input(i).shape().dims;
            ctx.set_output(i, int_tensor(t, dims, ir::Shape{static_cast<int64_t>(dims.size())}));
        }
    } else if (op == "Size") {
        ctx.set_output(0, int_tensor(t, {ctx.input(0).num_elements()}, ir::Shape{}));
    } else {  // Rank
        ctx.set_output(0, int_tensor(ir::DType::Int32, {ctx.input(0).shape().rank()}, ir::Shape{}));
    }
    return Ok{};
}

Status broadcast_args(KernelContext& ctx) {
    ir::Shape a(ku::ints(ctx.input(0))), b(ku::ints(ctx.input(1))), out;
    if (!ku::broadcast_shape(a, b, out)) return ku::fail(ctx, "shapes do not broadcast");
    ctx.set_output(0, int_tensor(ctx.input(0).dtype(), out.dims, ir::Shape{out.rank()}));
    return Ok{};
}

// Copies `x` broadcast to `shape` (element width only matters).
Status broadcast_into(KernelContext& ctx, const ir::Tensor& x, const ir::Shape& shape) {
    ir::Shape check;
    if (!ku::broadcast_shape(x.shape(), shape, check) || check != shape)
        return ku::fail(ctx, "cannot broadcast " + x.shape().to_string() + " to " + shape.to_string());
    if (x.dtype() == ir::DType::String) return ku::fail(ctx, ku::dtype_error(x.dtype()));
    ir::Tensor& out = ctx.allocate_output(0, x.dtype(), shape);
    const auto st_in = ku::broadcast_strides(x.shape(), shape);
    const auto st_out = ku::strides_of(shape);
    const std::size_t w = ir::dtype_size(x.dtype());
    for (int64_t i = 0; i < out.num_elements(); ++i) {
        int64_t rem = i, src = 0;
        for (int d = 0; d < shape.rank(); ++d) {
            src += (rem / st_out[d]) * st_in[d];
            rem %= st_out[d];
        }
        std::memcpy(out.raw() + i * w, x.raw() + src * w, w);
    }
    return Ok{};
}

Status fill(KernelContext& ctx) {
    ir::Shape shape(ku::ints(ctx.input(0)));
    const ir::Tensor& v = ctx.input(1);
    if (v.num_elements() != 1) return ku::fail(ctx, "value must be a scalar");
    if (v.dtype() == ir::DType::String) {
        ctx.set_output(0, ir::Tensor::from_strings(shape, std::vector<std::string>(
                                                              static_cast<std::size_t>(shape.num_elements().value_or(0)),
                                                              v.strings()[0])));
        return Ok{};
    }
    return broadcast_into(ctx, v.reshaped(ir::Shape{}), shape);
}

Status range(KernelContext& ctx) {
    const double start = ctx.input(0).value_as_double(0), limit = ctx.input(1).value_as_double(0),
                 delta = ctx.input(2).value_as_double(0);
    if (delta == 0) return ku::fail(ctx, "delta must not be zero");
    const ir::DType t = ctx.input(0).dtype();
    int64_t n = 0;
    if (ir::is_integer(t)) {
        const int64_t s = static_cast<int64_t>(start), l = static_cast<int64_t>(limit), d = static_cast<int64_t>(delta);
        n = std::max<int64_t>(0, (std::abs(l - s) + std::abs(d) - 1) / std::abs(d));
        if ((l - s) * d < 0) n = 0;
    } else {
        n = std::max<int64_t>(0, static_cast<int64_t>(std::ceil((limit - start) / delta)));
    }
    ir::Tensor& out = ctx.allocate_output(0, t, ir::Shape{n});
    const bool ok = ku::dispatch(t, [&](auto tag) {
        using T = typename decltype(tag)::type;
        for (int64_t i = 0; i < n; ++i)
            out.data<T>()[i] = static_cast<T>(static_cast<T>(start) + static_cast<T>(i) * static_cast<T>(delta));
    }, false);
    return ok ? Status(Ok{}) : Status(ku::fail(ctx, ku::dtype_error(t)));
}

}  // namespace

void register_shape_kernels(KernelRegistry& r) {
    r.add("Reshape", simple_kernel(reshape));
    r.add("Squeeze", simple_kernel(squeeze));
    r.add("ExpandDims", simple_kernel(expand_dims));
    for (const char* op : {"Shape", "ShapeN", "Size", "Rank"}) r.add(op, simple_kernel(shape_ops));
    r.add("BroadcastArgs", simple_kernel(broadcast_args));
    r.add("BroadcastTo", simple_kernel([](KernelContext& ctx) -> Status {
        return broadcast_into(ctx, ctx.input(0), ir::Shape(ku::ints(ctx.input(1))));
    }));
    r.add("Fill", simple_kernel(fill));
    r.add("Range", simple_kernel(range));
}

}  // namespace wb::runtime
