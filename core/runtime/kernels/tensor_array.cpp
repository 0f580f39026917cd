// SPDX-License-Identifier: Apache-2.0
// TF1 TensorArrayV3 family. The handle is a string scalar naming an array held in a
// process-wide table; the TensorArrayV3 kernel object owns the arrays it created and drops them
// when it runs again or is destroyed. Order between reads and writes comes from the flow edges.
#include <cstring>
#include <memory>
#include <string>

#include "runtime/kernels/handle_table.h"
#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

struct TensorArray {
    ir::DType dtype = ir::DType::Float32;
    ir::Shape element_shape = ir::Shape::unknown();
    bool dynamic = false;
    std::vector<ir::Tensor> items;
};

HandleTable<TensorArray>& arrays() {
    static HandleTable<TensorArray> t;
    return t;
}

ir::Tensor flow() { return ir::Tensor::scalar<float>(ir::DType::Float32, 0.f); }

class CreateKernel final : public Kernel {
public:
    ~CreateKernel() override { release(); }
    Status compute(KernelContext& ctx) override {
        release();
        auto ta = std::make_shared<TensorArray>();
        ta->dtype = ir::attr_type(ctx.node().attrs, "dtype", ir::DType::Float32);
        if (const ir::Shape* s = ir::attr_shape(ctx.node().attrs, "element_shape")) ta->element_shape = *s;
        ta->dynamic = ir::attr_bool(ctx.node().attrs, "dynamic_size");
        const int64_t size = ku::ints(ctx.input(0)).at(0);
        if (size < 0) return ku::fail(ctx, "negative size");
        ta->items.resize(static_cast<std::size_t>(size));
        id_ = arrays().add(ta, "tensor_array");
        ctx.set_output(0, ir::Tensor::from_strings(ir::Shape{2}, {id_, ctx.node().name}));
        ctx.set_output(1, flow());
        return Ok{};
    }

private:
    void release() {
        if (id_.empty()) return;
        arrays().remove(id_);
        id_.clear();
    }
    std::string id_;
};

Status write_at(KernelContext& ctx, TensorArray& ta, int64_t index, const ir::Tensor& value) {
    if (index < 0) return ku::fail(ctx, "negative index");
    if (index >= static_cast<int64_t>(ta.items.size())) {
        if (!ta.dynamic) return ku::fail(ctx, "index " + std::to_string(index) + " beyond the array size");
        ta.items.resize(static_cast<std::size_t>(index + 1));
    }
    ta.items[index] = value;
    return Ok{};
}

Expected<ir::Tensor> read_at(KernelContext& ctx, const TensorArray& ta, int64_t index) {
    if (index < 0 || index >= static_cast<int64_t>(ta.items.size()))
        return ku::fail(ctx, "index " + std::to_string(index) + " out of range");
    if (ta.items[index].valid()) return ta.items[index];
    if (ta.element_shape.fully_defined()) return ir::Tensor(ta.dtype, ta.element_shape);
    return ku::fail(ctx, "element " + std::to_string(index) + " was never written");
}

// Stacks tensors along a new axis 0 (or concatenates along 0 when `concat`).
ir::Tensor stack(const std::vector<ir::Tensor>& parts, ir::DType dtype, const ir::Shape& element, bool concat) {
    std::vector<int64_t> dims = parts.empty() ? element.dims : parts[0].shape().dims;
    if (concat) {
        int64_t n = 0;
        for (const auto& p : parts) n += p.shape().rank() ? p.shape().dims[0] : 0;
        if (!dims.empty()) dims[0] = n;
    } else {
        dims.insert(dims.begin(), static_cast<int64_t>(parts.size()));
    }
    for (auto& d : dims) d = std::max<int64_t>(d, 0);
    ir::Tensor out(dtype, ir::Shape(dims));
    std::size_t offset = 0;
    for (const auto& p : parts) {
        if (p.byte_size()) std::memcpy(out.raw() + offset, p.raw(), p.byte_size());
        offset += p.byte_size();
    }
    return out;
}

Status array_op(KernelContext& ctx) {
    auto ta = arrays().find(ctx.input(0));
    if (!ta) return ku::fail(ctx, "unknown TensorArray handle");
    const std::string& op = ctx.node().op;
    if (op == "TensorArrayWriteV3") {
        if (auto st = write_at(ctx, *ta, ku::ints(ctx.input(1)).at(0), ctx.input(2)); !st) return st;
        ctx.set_output(0, flow());
    } else if (op == "TensorArrayReadV3") {
        auto v = read_at(ctx, *ta, ku::ints(ctx.input(1)).at(0));
        if (!v) return v.error();
        ctx.set_output(0, *v);
    } else if (op == "TensorArraySizeV3") {
        ctx.set_output(0, ir::Tensor::scalar<int32_t>(ir::DType::Int32, static_cast<int32_t>(ta->items.size())));
    } else if (op == "TensorArrayGatherV3") {
        std::vector<ir::Tensor> parts;
        for (int64_t i : ku::ints(ctx.input(1))) {
            auto v = read_at(ctx, *ta, i);
            if (!v) return v.error();
            parts.push_back(*v);
        }
        const ir::Shape* es = ir::attr_shape(ctx.node().attrs, "element_shape");
        ctx.set_output(0, stack(parts, ta->dtype, es ? *es : ta->element_shape, false));
    } else if (op == "TensorArrayScatterV3") {
        const ir::Tensor& value = ctx.input(2);
        const auto idx = ku::ints(ctx.input(1));
        if (value.shape().rank() < 1 || value.shape().dims[0] != static_cast<int64_t>(idx.size()))
            return ku::fail(ctx, "value's first dimension must match the indices");
        std::vector<int64_t> sizes(idx.size(), 1);
        const auto elem = std::vector<int64_t>(value.shape().dims.begin() + 1, value.shape().dims.end());
        const std::size_t bytes = idx.empty() ? 0 : value.byte_size() / idx.size();
        for (std::size_t k = 0; k < idx.size(); ++k) {
            ir::Tensor item(value.dtype(), ir::Shape(elem));
            if (bytes) std::memcpy(item.raw(), value.raw() + k * bytes, bytes);
            if (auto st = write_at(ctx, *ta, idx[k], item); !st) return st;
        }
        ctx.set_output(0, flow());
    } else if (op == "TensorArrayConcatV3") {
        std::vector<ir::Tensor> parts;
        ir::Tensor lengths(ir::DType::Int64, ir::Shape{static_cast<int64_t>(ta->items.size())});
        for (std::size_t i = 0; i < ta->items.size(); ++i) {
            auto v = read_at(ctx, *ta, static_cast<int64_t>(i));
            if (!v) return v.error();
            lengths.data<int64_t>()[i] = v->shape().rank() ? v->shape().dims[0] : 0;
            parts.push_back(*v);
        }
        ctx.set_output(0, stack(parts, ta->dtype, ta->element_shape, true));
        ctx.set_output(1, lengths);
    } else if (op == "TensorArraySplitV3") {
        const ir::Tensor& value = ctx.input(1);
        const auto lengths = ku::ints(ctx.input(2));
        if (value.shape().rank() < 1) return ku::fail(ctx, "value must have rank >= 1");
        const int64_t row = value.shape().dims[0] ? value.num_elements() / value.shape().dims[0] : 0;
        const std::size_t w = ir::dtype_size(value.dtype());
        int64_t start = 0;
        for (std::size_t k = 0; k < lengths.size(); ++k) {
            auto dims = value.shape().dims;
            dims[0] = lengths[k];
            ir::Tensor item(value.dtype(), ir::Shape(dims));
            if (start + lengths[k] > value.shape().dims[0]) return ku::fail(ctx, "lengths exceed the value");
            if (item.byte_size()) std::memcpy(item.raw(), value.raw() + start * row * w, item.byte_size());
            start += lengths[k];
            if (auto st = write_at(ctx, *ta, static_cast<int64_t>(k), item); !st) return st;
        }
        ctx.set_output(0, flow());
    }
    return Ok{};
}

}  // namespace

void register_tensor_array_kernels(KernelRegistry& r) {
    r.add("TensorArrayV3", [](const ir::Node&) { return std::make_unique<CreateKernel>(); });
    for (const char* op : {"TensorArrayWriteV3", "TensorArrayReadV3", "TensorArraySizeV3", "TensorArrayGatherV3",
                           "TensorArrayScatterV3", "TensorArrayConcatV3", "TensorArraySplitV3"})
        r.add(op, simple_kernel(array_op));
    r.add("TensorArrayCloseV3", simple_kernel([](KernelContext&) -> Status { return Ok{}; }));
}

}  // namespace wb::runtime
