// SPDX-License-Identifier: Apache-2.0
// Variable updates as values: in a frozen graph a variable is a Const, so Assign / AssignAdd /
// AssignSub and the ref-typed Scatter* / ScatterNd* ops return the variable's new value
// (TensorFlow returns the updated ref) without mutating their input; TensorScatter* (the
// value-typed TF2 forms) are the same computation. Scatter* index the first dimension
// (updates = indices.shape + ref.shape[1:]); *ScatterNd* take index tuples in the last
// dimension of indices (updates = indices.shape[:-1] + ref.shape[K:]). Repeated indices
// accumulate; for updates the last one wins.
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

enum class Mode { Update, Add, Sub, Mul, Div, Min, Max };

Mode mode_of(const std::string& op) {
    for (auto [name, m] : {std::pair{"Update", Mode::Update}, {"Add", Mode::Add}, {"Sub", Mode::Sub}, {"Mul", Mode::Mul},
                           {"Div", Mode::Div}, {"Min", Mode::Min}, {"Max", Mode::Max}})
        if (op.ends_with(name)) return m;
    return Mode::Update;
}

template <class T>
T apply(Mode m, T a, T b) {
    switch (m) {
    case Mode::Add: return static_cast<T>(a + b);
    case Mode::Sub: return static_cast<T>(a - b);
    case Mode::Mul: return static_cast<T>(a * b);
    case Mode::Div: return static_cast<T>(a / b);
    case Mode::Min: return b < a ? b : a;
    case Mode::Max: return a < b ? b : a;
    default: return b;
    }
}

Status assign(KernelContext& ctx) {
    const ir::Tensor &ref = ctx.input(0), &value = ctx.input(1);
    const std::string& op = ctx.node().op;
    if (op == "Assign") {
        if (ir::attr_bool(ctx.node().attrs, "validate_shape", true) && ref.shape() != value.shape())
            return ku::fail(ctx, "value's shape " + value.shape().to_string() + " differs from the variable's " + ref.shape().to_string());
        ctx.set_output(0, value);
        return Ok{};
    }
    if (ref.shape() != value.shape() || ref.dtype() != value.dtype()) return ku::fail(ctx, "value must match the variable's shape and dtype");
    ir::Tensor out = ref.clone();
    const Mode m = op == "AssignAdd" ? Mode::Add : Mode::Sub;
    const bool ok = ku::dispatch(ref.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        for (int64_t i = 0; i < out.num_elements(); ++i) out.data<T>()[i] = apply(m, out.data<T>()[i], value.data<T>()[i]);
    }, false);
    if (!ok) return ku::fail(ctx, ku::dtype_error(ref.dtype()));
    ctx.set_output(0, out);
    return Ok{};
}

Status scatter(KernelContext& ctx) {
    const std::string& op = ctx.node().op;
    const ir::Tensor &ref = ctx.input(0), &indices_t = ctx.input(1), &updates = ctx.input(2);
    const bool nd = op.find("ScatterNd") != std::string::npos || op.starts_with("TensorScatter");
    const auto& rd = ref.shape().dims;
    const auto indices = ku::ints(indices_t);
    const int64_t k = nd ? (indices_t.shape().rank() ? indices_t.shape().dims.back() : 0) : 1;
    if (k < 1 || k > static_cast<int64_t>(rd.size())) return ku::fail(ctx, "indices do not fit the variable's rank");
    const int64_t tuples = static_cast<int64_t>(indices.size()) / k;
    int64_t inner = 1;
    for (std::size_t d = static_cast<std::size_t>(k); d < rd.size(); ++d) inner *= rd[d];
    if (updates.dtype() != ref.dtype() || updates.num_elements() != tuples * inner)
        return ku::fail(ctx, "updates must hold one slice of the variable per index (" + std::to_string(tuples * inner) + " values)");
    const auto strides = ku::strides_of(ref.shape());
    ir::Tensor out = ref.clone();
    const Mode m = mode_of(op);
    std::string error;
    const bool ok = ku::dispatch(ref.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        T* o = out.data<T>();
        const T* u = updates.data<T>();
        for (int64_t t = 0; t < tuples && error.empty(); ++t) {
            int64_t offset = 0;
            for (int64_t j = 0; j < k; ++j) {
                const int64_t i = indices[t * k + j];
                if (i < 0 || i >= rd[j]) { error = "index " + std::to_string(i) + " out of range [0, " + std::to_string(rd[j]) + ")"; break; }
                offset += i * strides[j];
            }
            if (!error.empty()) break;
            for (int64_t e = 0; e < inner; ++e) {
                if constexpr (std::is_same_v<T, bool>) o[offset + e] = m == Mode::Update ? u[t * inner + e] : o[offset + e];
                else o[offset + e] = apply(m, o[offset + e], u[t * inner + e]);
            }
        }
    });
    if (!ok) return ku::fail(ctx, ku::dtype_error(ref.dtype()));
    if (!error.empty()) return ku::fail(ctx, error);
    ctx.set_output(0, out);
    return Ok{};
}

}  // namespace

void register_scatter_update_kernels(KernelRegistry& r) {
    for (const char* op : {"Assign", "AssignAdd", "AssignSub"}) r.add(op, simple_kernel(assign));
    for (const char* op : {"ScatterUpdate", "ScatterAdd", "ScatterSub", "ScatterMul", "ScatterDiv", "ScatterMin", "ScatterMax",
                           "ScatterNdUpdate", "ScatterNdAdd", "ScatterNdSub", "ScatterNdMin", "ScatterNdMax",
                           "TensorScatterUpdate", "TensorScatterAdd", "TensorScatterSub", "TensorScatterMin", "TensorScatterMax"})
        r.add(op, simple_kernel(scatter));
}

}  // namespace wb::runtime
