// SPDX-License-Identifier: Apache-2.0
// Unique / UniqueV2 (axis [] or 0 on a vector) / UniqueWithCounts: values in order of first
// appearance, the index of each input in them (out_idx), counts; ListDiff: the values of x
// not in y, in x's order, with their positions in x.
#include <cstring>
#include <map>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

ir::Tensor index_tensor(ir::DType t, const std::vector<int64_t>& v) {
    ir::Tensor out(t, ir::Shape{static_cast<int64_t>(v.size())});
    for (std::size_t i = 0; i < v.size(); ++i)
        if (t == ir::DType::Int64) out.data<int64_t>()[i] = v[i]; else out.data<int32_t>()[i] = static_cast<int32_t>(v[i]);
    return out;
}

// Elements as raw bytes, so one map serves every dtype (-0.0 and 0.0 differ, as in TF's hash).
std::string key(const ir::Tensor& t, int64_t i) {
    const std::size_t w = ir::dtype_size(t.dtype());
    return std::string(reinterpret_cast<const char*>(t.raw() + i * w), w);
}

ir::Tensor gather_rows(const ir::Tensor& t, const std::vector<int64_t>& rows) {
    const std::size_t w = ir::dtype_size(t.dtype());
    ir::Tensor out(t.dtype(), ir::Shape{static_cast<int64_t>(rows.size())});
    for (std::size_t i = 0; i < rows.size(); ++i) std::memcpy(out.raw() + i * w, t.raw() + rows[i] * w, w);
    return out;
}

Status unique(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    const std::string& op = ctx.node().op;
    if (!ir::dtype_size(x.dtype())) return ku::fail(ctx, ku::dtype_error(x.dtype()));
    const ir::DType idx_type = ir::attr_type(ctx.node().attrs, "out_idx", ir::DType::Int32);
    if (op == "ListDiff") {
        const ir::Tensor& y = ctx.input(1);
        if (x.shape().rank() != 1 || y.shape().rank() != 1) return ku::fail(ctx, "x and y must be vectors");
        std::map<std::string, bool> in_y;
        for (int64_t i = 0; i < y.num_elements(); ++i) in_y[key(y, i)] = true;
        std::vector<int64_t> keep;
        for (int64_t i = 0; i < x.num_elements(); ++i)
            if (!in_y.count(key(x, i))) keep.push_back(i);
        ctx.set_output(0, gather_rows(x, keep));
        ctx.set_output(1, index_tensor(idx_type, keep));
        return Ok{};
    }
    if (op == "UniqueV2") {
        const auto axis = ku::ints(ctx.input(1));
        if (axis.size() > 1 || (axis.size() == 1 && axis[0] != 0 && axis[0] != -1)) return ku::fail(ctx, "only axis 0 of a vector is supported");
    }
    if (x.shape().rank() != 1) return ku::fail(ctx, "input must be a vector");
    std::map<std::string, int64_t> seen;
    std::vector<int64_t> first, idx, counts;
    for (int64_t i = 0; i < x.num_elements(); ++i) {
        auto [it, inserted] = seen.emplace(key(x, i), static_cast<int64_t>(first.size()));
        if (inserted) {
            first.push_back(i);
            counts.push_back(0);
        }
        idx.push_back(it->second);
        ++counts[it->second];
    }
    ctx.set_output(0, gather_rows(x, first));
    ctx.set_output(1, index_tensor(idx_type, idx));
    if (op == "UniqueWithCounts") ctx.set_output(2, index_tensor(idx_type, counts));
    return Ok{};
}

}  // namespace

void register_unique_kernels(KernelRegistry& r) {
    for (const char* op : {"Unique", "UniqueV2", "UniqueWithCounts", "ListDiff"}) r.add(op, simple_kernel(unique));
}

}  // namespace wb::runtime
