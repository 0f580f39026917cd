// SPDX-License-Identifier: Apache-2.0
// TF2 TensorList family (list_ops.cc semantics): a list carries its element dtype and a
// possibly partial element shape; unset items (TensorListReserve) read as zeros of the
// element shape, which must then be fully known. Elements are rows along axis 0 when a list
// is made from or stacked into one tensor.
#include <cstring>
#include <string>

#include "runtime/kernels/kernel_util.h"
#include "runtime/kernels/tensor_list_value.h"

namespace wb::runtime {

namespace {

using Dims = std::vector<int64_t>;

// An element_shape input: a scalar -1 is "unknown rank", -1 entries are unknown dimensions.
TensorListValue with_shape(const ir::Tensor& shape, ir::DType dtype) {
    TensorListValue v;
    v.dtype = dtype;
    v.rank_known = shape.shape().rank() == 1;
    if (v.rank_known) v.element_shape = ku::ints(shape);
    return v;
}

// The element shape both the list and the op's element_shape input agree on.
Expected<Dims> merged_shape(KernelContext& ctx, const TensorListValue& list, const ir::Tensor* hint) {
    bool known = list.rank_known;
    Dims dims = list.element_shape;
    if (hint && hint->shape().rank() == 1) {
        const Dims h = ku::ints(*hint);
        if (!known) dims = h;
        else if (h.size() != dims.size()) return ku::fail(ctx, "element_shape rank differs from the list's");
        for (std::size_t i = 0; i < dims.size(); ++i)
            if (dims[i] < 0) dims[i] = h[i];
            else if (h[i] >= 0 && h[i] != dims[i]) return ku::fail(ctx, "element_shape differs from the list's");
        known = true;
    }
    if (!known) return ku::fail(ctx, "the element shape is unknown");
    return dims;
}

Expected<ir::Tensor> item_at(KernelContext& ctx, const TensorListValue& list, int64_t i, const ir::Tensor* hint) {
    if (i < 0 || i >= static_cast<int64_t>(list.items.size()))
        return ku::fail(ctx, "index " + std::to_string(i) + " out of range for a list of " + std::to_string(list.items.size()));
    if (list.items[i].valid()) return list.items[i];
    auto dims = merged_shape(ctx, list, hint);
    if (!dims) return dims.error();
    for (int64_t d : *dims)
        if (d < 0) return ku::fail(ctx, "item " + std::to_string(i) + " is unset and the element shape is not fully known");
    return ir::Tensor(list.dtype, ir::Shape(*dims));
}

// Rows [start, start+count) of `t` along axis 0.
ir::Tensor rows(const ir::Tensor& t, int64_t start, int64_t count) {
    Dims dims = t.shape().dims;
    dims[0] = count;
    ir::Tensor out(t.dtype(), ir::Shape(dims));
    const std::size_t row = dims[0] ? out.byte_size() / count : 0;
    if (out.byte_size()) std::memcpy(out.raw(), t.raw() + start * row, out.byte_size());
    return out;
}

// Stacks (new axis 0) or concatenates (axis 0) the given items.
Expected<ir::Tensor> join(KernelContext& ctx, const TensorListValue& list, const std::vector<int64_t>& which,
                          const ir::Tensor* hint, bool concat) {
    if (ir::dtype_size(list.dtype) == 0) return ku::fail(ctx, "lists of " + std::string(ir::dtype_name(list.dtype)) + " cannot be stacked");
    std::vector<ir::Tensor> parts;
    for (int64_t i : which) {
        auto t = item_at(ctx, list, i, hint);
        if (!t) return t.error();
        if (!parts.empty() && (concat ? t->shape().rank() != parts[0].shape().rank() : t->shape() != parts[0].shape()))
            return ku::fail(ctx, "items differ in shape");
        if (concat && t->shape().rank() == 0) return ku::fail(ctx, "concatenation needs items of rank >= 1");
        parts.push_back(*t);
    }
    Dims dims;
    if (parts.empty()) {
        auto d = merged_shape(ctx, list, hint);
        if (!d) return d.error();
        dims = *d;
        for (auto& x : dims) x = std::max<int64_t>(x, 0);
        if (!concat) dims.insert(dims.begin(), 0);
        else if (dims.empty()) return ku::fail(ctx, "concatenation needs items of rank >= 1");
        else dims[0] = 0;
    } else {
        dims = parts[0].shape().dims;
        if (concat) {
            dims[0] = 0;
            for (const auto& p : parts) dims[0] += p.shape().dims[0];
        } else {
            dims.insert(dims.begin(), static_cast<int64_t>(parts.size()));
        }
    }
    ir::Tensor out(list.dtype, ir::Shape(dims));
    std::size_t offset = 0;
    for (const auto& p : parts) {
        if (p.byte_size()) std::memcpy(out.raw() + offset, p.raw(), p.byte_size());
        offset += p.byte_size();
    }
    return out;
}

Expected<const TensorListValue*> list_input(KernelContext& ctx, int i) {
    const TensorListValue* l = list_of(ctx.input(i));
    if (!l) return ku::fail(ctx, "input " + std::to_string(i) + " is not a TensorList");
    return l;
}

ir::DType element_dtype(KernelContext& ctx) { return ir::attr_type(ctx.node().attrs, "element_dtype", ir::DType::Float32); }

// Scatters rows of `tensor` to `indices` of `list` (which grows to fit).
Status scatter_rows(KernelContext& ctx, TensorListValue& list, const ir::Tensor& tensor, const Dims& indices) {
    if (tensor.shape().rank() < 1 || tensor.shape().dims[0] != static_cast<int64_t>(indices.size()))
        return ku::fail(ctx, "the tensor's first dimension must match the indices");
    for (std::size_t k = 0; k < indices.size(); ++k) {
        if (indices[k] < 0) return ku::fail(ctx, "negative index");
        if (indices[k] >= static_cast<int64_t>(list.items.size())) list.items.resize(indices[k] + 1);
        list.items[indices[k]] = rows(tensor, static_cast<int64_t>(k), 1).reshaped(
            ir::Shape(Dims(tensor.shape().dims.begin() + 1, tensor.shape().dims.end())));
    }
    return Ok{};
}

Status list_op(KernelContext& ctx) {
    const std::string& op = ctx.node().op;
    auto out_list = [&](TensorListValue v) { ctx.set_output(0, make_list_tensor(std::move(v))); return Status(Ok{}); };
    if (op == "EmptyTensorList" || op == "TensorListReserve") {
        TensorListValue v = with_shape(ctx.input(0), element_dtype(ctx));
        if (op == "TensorListReserve") {
            const int64_t n = ku::ints(ctx.input(1)).at(0);
            if (n < 0) return ku::fail(ctx, "num_elements must not be negative");
            v.items.resize(static_cast<std::size_t>(n));
        }
        return out_list(std::move(v));
    }
    if (op == "TensorListFromTensor" || op == "TensorListScatter" || op == "TensorListScatterV2") {
        const ir::Tensor& t = ctx.input(0);
        if (t.shape().rank() < 1) return ku::fail(ctx, "the tensor must have rank >= 1");
        TensorListValue v = with_shape(ctx.input(op == "TensorListFromTensor" ? 1 : 2), t.dtype());
        Dims indices;
        if (op == "TensorListFromTensor") for (int64_t i = 0; i < t.shape().dims[0]; ++i) indices.push_back(i);
        else indices = ku::ints(ctx.input(1));
        if (op == "TensorListScatterV2") v.items.resize(static_cast<std::size_t>(std::max<int64_t>(0, ku::ints(ctx.input(3)).at(0))));
        if (auto st = scatter_rows(ctx, v, t, indices); !st) return st;
        if (!v.rank_known) {
            v.rank_known = true;
            v.element_shape.assign(t.shape().dims.begin() + 1, t.shape().dims.end());
        }
        return out_list(std::move(v));
    }
    auto list = list_input(ctx, 0);
    if (!list) return list.error();
    const TensorListValue& l = **list;
    if (op == "TensorListLength") {
        ctx.set_output(0, ir::Tensor::scalar<int32_t>(ir::DType::Int32, static_cast<int32_t>(l.items.size())));
    } else if (op == "TensorListElementShape") {
        const ir::DType t = ir::attr_type(ctx.node().attrs, "shape_type", ir::DType::Int32);
        const Dims d = l.rank_known ? l.element_shape : Dims{-1};
        ir::Tensor s(t, l.rank_known ? ir::Shape{static_cast<int64_t>(d.size())} : ir::Shape{});
        for (std::size_t i = 0; i < d.size(); ++i)
            if (t == ir::DType::Int64) s.data<int64_t>()[i] = d[i]; else s.data<int32_t>()[i] = static_cast<int32_t>(d[i]);
        ctx.set_output(0, s);
    } else if (op == "TensorListGetItem") {
        auto t = item_at(ctx, l, ku::ints(ctx.input(1)).at(0), ctx.num_inputs() > 2 ? &ctx.input(2) : nullptr);
        if (!t) return t.error();
        ctx.set_output(0, *t);
    } else if (op == "TensorListSetItem" || op == "TensorListPushBack") {
        TensorListValue v = l;
        const ir::Tensor& item = ctx.input(op == "TensorListPushBack" ? 1 : 2);
        if (item.dtype() != v.dtype) return ku::fail(ctx, "item dtype differs from the list's element_dtype");
        int64_t i = op == "TensorListPushBack" ? static_cast<int64_t>(v.items.size()) : ku::ints(ctx.input(1)).at(0);
        if (i < 0) return ku::fail(ctx, "negative index");
        if (i >= static_cast<int64_t>(v.items.size())) {
            if (op == "TensorListSetItem" && !ir::attr_bool(ctx.node().attrs, "resize_if_index_out_of_bounds"))
                return ku::fail(ctx, "index " + std::to_string(i) + " out of range for a list of " + std::to_string(v.items.size()));
            v.items.resize(static_cast<std::size_t>(i + 1));
        }
        v.items[i] = item;
        return out_list(std::move(v));
    } else if (op == "TensorListPopBack") {
        if (l.items.empty()) return ku::fail(ctx, "cannot pop from an empty list");
        auto t = item_at(ctx, l, static_cast<int64_t>(l.items.size()) - 1, ctx.num_inputs() > 1 ? &ctx.input(1) : nullptr);
        if (!t) return t.error();
        TensorListValue v = l;
        v.items.pop_back();
        ctx.set_output(1, *t);
        return out_list(std::move(v));
    } else if (op == "TensorListResize") {
        TensorListValue v = l;
        const int64_t n = ku::ints(ctx.input(1)).at(0);
        if (n < 0) return ku::fail(ctx, "size must not be negative");
        v.items.resize(static_cast<std::size_t>(n));
        return out_list(std::move(v));
    } else if (op == "TensorListScatterIntoExistingList") {
        TensorListValue v = l;
        if (auto st = scatter_rows(ctx, v, ctx.input(1), ku::ints(ctx.input(2))); !st) return st;
        return out_list(std::move(v));
    } else if (op == "TensorListStack" || op == "TensorListGather") {
        Dims which;
        if (op == "TensorListGather") which = ku::ints(ctx.input(1));
        else for (int64_t i = 0; i < static_cast<int64_t>(l.items.size()); ++i) which.push_back(i);
        const int64_t expect = ir::attr_int(ctx.node().attrs, "num_elements", -1);
        if (op == "TensorListStack" && expect >= 0 && expect != static_cast<int64_t>(which.size()))
            return ku::fail(ctx, "the list has " + std::to_string(which.size()) + " items, num_elements says " + std::to_string(expect));
        auto t = join(ctx, l, which, &ctx.input(op == "TensorListGather" ? 2 : 1), false);
        if (!t) return t.error();
        ctx.set_output(0, *t);
    } else if (op == "TensorListConcat" || op == "TensorListConcatV2") {
        Dims which;
        for (int64_t i = 0; i < static_cast<int64_t>(l.items.size()); ++i) which.push_back(i);
        const ir::Tensor* hint = op == "TensorListConcatV2" ? &ctx.input(1) : nullptr;
        auto t = join(ctx, l, which, hint, true);
        if (!t) return t.error();
        ir::Tensor lengths(ir::DType::Int64, ir::Shape{static_cast<int64_t>(which.size())});
        for (std::size_t i = 0; i < which.size(); ++i) {
            auto item = item_at(ctx, l, static_cast<int64_t>(i), hint);
            if (!item) return item.error();
            lengths.data<int64_t>()[i] = item->shape().dims.at(0);
        }
        ctx.set_output(0, *t);
        ctx.set_output(1, lengths);
    } else {
        return ku::fail(ctx, "unknown TensorList op");
    }
    return Ok{};
}

// TensorListSplit(tensor, element_shape, lengths): consecutive row blocks become items.
Status split(KernelContext& ctx) {
    const ir::Tensor& t = ctx.input(0);
    if (t.shape().rank() < 1) return ku::fail(ctx, "the tensor must have rank >= 1");
    TensorListValue v = with_shape(ctx.input(1), t.dtype());
    int64_t start = 0;
    for (int64_t n : ku::ints(ctx.input(2))) {
        if (n < 0 || start + n > t.shape().dims[0]) return ku::fail(ctx, "lengths do not fit the tensor");
        v.items.push_back(rows(t, start, n));
        start += n;
    }
    if (start != t.shape().dims[0]) return ku::fail(ctx, "lengths must add up to the tensor's first dimension");
    ctx.set_output(0, make_list_tensor(std::move(v)));
    return Ok{};
}

}  // namespace

void register_tensor_list_kernels(KernelRegistry& r) {
    for (const char* op : {"EmptyTensorList", "TensorListReserve", "TensorListFromTensor", "TensorListScatter",
                           "TensorListScatterV2", "TensorListScatterIntoExistingList", "TensorListLength",
                           "TensorListElementShape", "TensorListGetItem", "TensorListSetItem", "TensorListPushBack",
                           "TensorListPopBack", "TensorListResize", "TensorListStack", "TensorListGather",
                           "TensorListConcat", "TensorListConcatV2"})
        r.add(op, simple_kernel(list_op));
    r.add("TensorListSplit", simple_kernel(split));
}

}  // namespace wb::runtime
