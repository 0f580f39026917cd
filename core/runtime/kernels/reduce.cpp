// SPDX-License-Identifier: Apache-2.0
// Reductions (Sum, Mean, Max, Min, Prod, All, Any, EuclideanNorm) and ArgMax/ArgMin.
// The input is viewed as [outer, reduced, inner] blocks; float sums accumulate in double so
// long reductions stay within TensorFlow's tree-summation error.
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

#include "runtime/kernels/kernel_util.h"
#include "runtime/thread_pool.h"

namespace wb::runtime {

namespace {

// Reduced axes as a mask plus the resulting shapes.
struct ReducePlan {
    std::vector<char> reduced;
    ir::Shape out_shape;       // with keep_dims applied
    int64_t out_count = 1;
    int64_t reduce_count = 1;
};

bool plan_reduce(const ir::Shape& in, const std::vector<int64_t>& axes, bool keep_dims, ReducePlan& p) {
    p.reduced.assign(in.rank(), 0);
    for (int64_t a : axes) {
        if (!ku::norm_axis(a, in.rank())) return false;
        if (in.rank() > 0) p.reduced[a] = 1;
    }
    std::vector<int64_t> dims;
    for (int d = 0; d < in.rank(); ++d) {
        if (p.reduced[d]) {
            p.reduce_count *= in.dims[d];
            if (keep_dims) dims.push_back(1);
        } else {
            p.out_count *= in.dims[d];
            dims.push_back(in.dims[d]);
        }
    }
    p.out_shape = ir::Shape(dims);
    return true;
}

// For each output element, the input offsets it reduces: out index o maps to a base offset,
// reduced positions to a list of relative offsets (shared by all outputs).
void offsets(const ir::Shape& in, const ReducePlan& p, std::vector<int64_t>& base, std::vector<int64_t>& rel) {
    const auto st = ku::strides_of(in);
    base.assign(1, 0);
    rel.assign(1, 0);
    for (int d = 0; d < in.rank(); ++d) {
        auto& v = p.reduced[d] ? rel : base;
        std::vector<int64_t> next;
        next.reserve(v.size() * in.dims[d]);
        for (int64_t o : v)
            for (int64_t i = 0; i < in.dims[d]; ++i) next.push_back(o + i * st[d]);
        v.swap(next);
    }
}

template <class T, class Acc>
void reduce_typed(const std::string& op, ThreadPool& pool, const T* x, T* y, const std::vector<int64_t>& base,
                  const std::vector<int64_t>& rel) {
    const int64_t n = static_cast<int64_t>(rel.size());
    pool.parallel_for(static_cast<int64_t>(base.size()), [&](int64_t b, int64_t e) {
        for (int64_t o = b; o < e; ++o) {
            const T* p = x + base[o];
            if (op == "Sum" || op == "Mean" || op == "EuclideanNorm") {
                Acc s = 0;
                for (int64_t i = 0; i < n; ++i) s += static_cast<Acc>(op == "EuclideanNorm" ? p[rel[i]] * p[rel[i]] : p[rel[i]]);
                if (op == "Mean") {
                    if constexpr (std::is_floating_point_v<T>) s = n ? s / n : std::numeric_limits<Acc>::quiet_NaN();
                    else s = n ? s / static_cast<Acc>(n) : 0;
                }
                if (op == "EuclideanNorm") s = static_cast<Acc>(std::sqrt(static_cast<double>(s)));
                y[o] = static_cast<T>(s);
            } else if (op == "Prod") {
                Acc s = 1;
                for (int64_t i = 0; i < n; ++i) s *= static_cast<Acc>(p[rel[i]]);
                y[o] = static_cast<T>(s);
            } else if (op == "Max") {
                T m = std::numeric_limits<T>::has_infinity ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::lowest();
                for (int64_t i = 0; i < n; ++i) {
                    const T v = p[rel[i]];
                    if constexpr (std::is_floating_point_v<T>) if (std::isnan(v)) { m = v; break; }
                    if (v > m) m = v;
                }
                y[o] = m;
            } else {  // Min
                T m = std::numeric_limits<T>::has_infinity ? std::numeric_limits<T>::infinity() : std::numeric_limits<T>::max();
                for (int64_t i = 0; i < n; ++i) {
                    const T v = p[rel[i]];
                    if constexpr (std::is_floating_point_v<T>) if (std::isnan(v)) { m = v; break; }
                    if (v < m) m = v;
                }
                y[o] = m;
            }
        }
    }, std::max<int64_t>(1, 4096 / std::max<int64_t>(n, 1)));
}

Status reduce(KernelContext& ctx) {
    if (ctx.num_inputs() != 2) return ku::fail(ctx, "needs input and axes");
    ir::Tensor x = ctx.input(0);
    const ir::DType dtype = x.dtype();
    ReducePlan p;
    if (!plan_reduce(x.shape(), ku::ints(ctx.input(1)), ir::attr_bool(ctx.node().attrs, "keep_dims"), p))
        return ku::fail(ctx, "reduction axis out of range for shape " + x.shape().to_string());
    std::vector<int64_t> base, rel;
    offsets(x.shape(), p, base, rel);
    const std::string& op = ctx.node().op;
    if (op == "All" || op == "Any") {
        if (dtype != ir::DType::Bool) return ku::fail(ctx, ku::dtype_error(dtype));
        ir::Tensor& out = ctx.allocate_output(0, dtype, p.out_shape);
        for (std::size_t o = 0; o < base.size(); ++o) {
            bool acc = op == "All";
            for (int64_t r : rel) {
                const bool v = x.data<bool>()[base[o] + r];
                acc = op == "All" ? (acc && v) : (acc || v);
            }
            out.data<bool>()[o] = acc;
        }
        return Ok{};
    }
    const bool half = ku::is_half(dtype);
    if (half) x = ku::to_float32(x);
    ir::Tensor out = half ? ir::Tensor(ir::DType::Float32, p.out_shape) : ctx.allocate_output(0, dtype, p.out_shape);
    const bool ok = ku::dispatch(x.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        if constexpr (std::is_floating_point_v<T>)
            reduce_typed<T, double>(op, ctx.pool(), x.data<T>(), out.data<T>(), base, rel);
        else if constexpr (!std::is_same_v<T, bool>)
            reduce_typed<T, T>(op, ctx.pool(), x.data<T>(), out.data<T>(), base, rel);
    }, false);
    if (!ok) return ku::fail(ctx, ku::dtype_error(dtype));
    if (half) ctx.set_output(0, ku::from_float32(out, dtype));
    return Ok{};
}

Status arg_reduce(KernelContext& ctx) {
    ir::Tensor x = ctx.input(0);
    if (ku::is_half(x.dtype())) x = ku::to_float32(x);
    auto axes = ku::ints(ctx.input(1));
    if (axes.size() != 1) return ku::fail(ctx, "dimension must be a scalar");
    ReducePlan p;
    if (!plan_reduce(x.shape(), axes, false, p)) return ku::fail(ctx, "dimension out of range");
    std::vector<int64_t> base, rel;
    offsets(x.shape(), p, base, rel);
    const ir::DType out_type = ir::attr_type(ctx.node().attrs, "output_type", ir::DType::Int64);
    ir::Tensor& out = ctx.allocate_output(0, out_type, p.out_shape);
    const bool is_max = ctx.node().op == "ArgMax";
    const bool ok = ku::dispatch(x.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        const T* d = x.data<T>();
        for (std::size_t o = 0; o < base.size(); ++o) {
            int64_t best = 0;
            for (std::size_t i = 1; i < rel.size(); ++i) {
                const T v = d[base[o] + rel[i]], b = d[base[o] + rel[best]];
                if (is_max ? v > b : v < b) best = static_cast<int64_t>(i);
            }
            if (out_type == ir::DType::Int32) out.data<int32_t>()[o] = static_cast<int32_t>(best);
            else out.data<int64_t>()[o] = best;
        }
    });
    if (!ok) return ku::fail(ctx, ku::dtype_error(x.dtype()));
    return Ok{};
}

}  // namespace

void register_reduce_kernels(KernelRegistry& r) {
    for (const char* op : {"Sum", "Mean", "Max", "Min", "Prod", "All", "Any", "EuclideanNorm"})
        r.add(op, simple_kernel(reduce));
    r.add("ArgMax", simple_kernel(arg_reduce));
    r.add("ArgMin", simple_kernel(arg_reduce));
}

}  // namespace wb::runtime
