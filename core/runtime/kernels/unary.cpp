// SPDX-License-Identifier: Apache-2.0
// Unary elementwise math and activations. Formulas follow TensorFlow's functors (Eigen):
// Softplus switches to x / exp(x) at the float threshold, Round rounds half to even, Selu uses
// TF's fixed alpha/scale, LeakyRelu reads `alpha`.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

#include "runtime/kernels/elementwise.h"

namespace wb::runtime {

namespace {

template <class T>
T softplus(T x) {
    const T threshold = std::log(std::numeric_limits<T>::epsilon()) + T(2);
    if (x > -threshold) return x;
    if (x < threshold) return std::exp(x);
    return std::log1p(std::exp(x));
}

template <class T>
T round_half_even(T x) {
    T r = std::round(x);
    if (std::abs(x - std::trunc(x)) == T(0.5)) r = T(2) * std::round(x / T(2));
    return r;
}

template <class T>
bool run_float(const std::string& op, ThreadPool& pool, const T* x, T* y, int64_t n, float alpha) {
    auto go = [&](auto fn) {
        ku::unary_loop(pool, x, y, n, fn);
        return true;
    };
    if (op == "Sqrt") return go([](T v) { return std::sqrt(v); });
    if (op == "Rsqrt") return go([](T v) { return T(1) / std::sqrt(v); });
    if (op == "Exp") return go([](T v) { return std::exp(v); });
    if (op == "Expm1") return go([](T v) { return std::expm1(v); });
    if (op == "Log") return go([](T v) { return std::log(v); });
    if (op == "Log1p") return go([](T v) { return std::log1p(v); });
    if (op == "Sin") return go([](T v) { return std::sin(v); });
    if (op == "Cos") return go([](T v) { return std::cos(v); });
    if (op == "Tan") return go([](T v) { return std::tan(v); });
    if (op == "Asin") return go([](T v) { return std::asin(v); });
    if (op == "Acos") return go([](T v) { return std::acos(v); });
    if (op == "Atan") return go([](T v) { return std::atan(v); });
    if (op == "Sinh") return go([](T v) { return std::sinh(v); });
    if (op == "Cosh") return go([](T v) { return std::cosh(v); });
    if (op == "Tanh") return go([](T v) { return std::tanh(v); });
    if (op == "Asinh") return go([](T v) { return std::asinh(v); });
    if (op == "Acosh") return go([](T v) { return std::acosh(v); });
    if (op == "Atanh") return go([](T v) { return std::atanh(v); });
    if (op == "Erf") return go([](T v) { return std::erf(v); });
    if (op == "Erfc") return go([](T v) { return std::erfc(v); });
    if (op == "Lgamma") return go([](T v) { return std::lgamma(v); });
    if (op == "Sigmoid") return go([](T v) { return T(1) / (T(1) + std::exp(-v)); });
    if (op == "Softplus") return go([](T v) { return softplus(v); });
    if (op == "Softsign") return go([](T v) { return v / (T(1) + std::abs(v)); });
    if (op == "Elu") return go([](T v) { return v < 0 ? std::expm1(v) : v; });
    if (op == "Selu")
        return go([](T v) {
            const T scale = T(1.0507009873554804934193349852946), a = T(1.6732632423543772848170429916717);
            return v < 0 ? scale * a * std::expm1(v) : scale * v;
        });
    if (op == "LeakyRelu") return go([&](T v) { return v < 0 ? v * static_cast<T>(alpha) : v; });
    if (op == "Floor") return go([](T v) { return std::floor(v); });
    if (op == "Ceil") return go([](T v) { return std::ceil(v); });
    if (op == "Round" || op == "Rint") return go([](T v) { return round_half_even(v); });
    if (op == "Reciprocal" || op == "Inv") return go([](T v) { return T(1) / v; });
    return false;
}

template <class T>
bool run_any(const std::string& op, ThreadPool& pool, const T* x, T* y, int64_t n) {
    auto go = [&](auto fn) {
        ku::unary_loop(pool, x, y, n, fn);
        return true;
    };
    if (op == "Identity") return go([](T v) { return v; });
    if (op == "Abs") return go([](T v) { if constexpr (std::is_signed_v<T>) return v < 0 ? T(-v) : v; else return v; });
    if (op == "Neg") return go([](T v) { return static_cast<T>(-v); });
    if (op == "Square") return go([](T v) { return static_cast<T>(v * v); });
    if (op == "Sign") return go([](T v) { return static_cast<T>((T(0) < v) - (v < T(0))); });
    // max/min rather than a comparison chain: branch-free (a branch per element of random sign
    // mispredicts half the time) and NaN passes through, as in TensorFlow's cwiseMax/cwiseMin.
    if (op == "Relu") return go([](T v) { return std::max(v, T(0)); });
    if (op == "Relu6") return go([](T v) { return std::min(std::max(v, T(0)), T(6)); });
    if (op == "OnesLike") return go([](T) { return T(1); });
    if (op == "ZerosLike") return go([](T) { return T(0); });
    if constexpr (std::is_integral_v<T>)
        if (op == "Invert") return go([](T v) { return static_cast<T>(~v); });
    return false;
}

Status unary(KernelContext& ctx) {
    if (ctx.num_inputs() < 1) return ku::fail(ctx, "needs an input");
    const std::string& op = ctx.node().op;
    ir::Tensor x = ctx.input(0);
    const ir::DType dtype = x.dtype();
    if (dtype == ir::DType::Bool) {
        if (op != "LogicalNot" && op != "ZerosLike" && op != "OnesLike" && op != "Identity")
            return ku::fail(ctx, ku::dtype_error(dtype));
        ir::Tensor& out = ctx.allocate_output(0, dtype, x.shape());
        const bool* in = x.data<bool>();
        bool* o = out.data<bool>();
        for (int64_t i = 0; i < x.num_elements(); ++i)
            o[i] = op == "LogicalNot" ? !in[i] : op == "OnesLike" ? true : op == "ZerosLike" ? false : in[i];
        return Ok{};
    }
    const bool half = ku::is_half(dtype);
    if (half) x = ku::to_float32(x);
    const ir::DType compute = x.dtype();
    ir::Tensor out = half ? ir::Tensor(compute, x.shape()) : ctx.allocate_output(0, compute, x.shape());
    const float alpha = ir::attr_float(ctx.node().attrs, "alpha", 0.2f);
    bool done = false;
    ku::dispatch(compute, [&](auto tag) {
        using T = typename decltype(tag)::type;
        if constexpr (!std::is_same_v<T, bool>) {
            done = run_any<T>(op, ctx.pool(), x.data<T>(), out.data<T>(), x.num_elements());
            if constexpr (std::is_floating_point_v<T>)
                if (!done) done = run_float<T>(op, ctx.pool(), x.data<T>(), out.data<T>(), x.num_elements(), alpha);
        }
    });
    if (!done) return ku::fail(ctx, ku::dtype_error(dtype));
    if (half) ctx.set_output(0, ku::from_float32(out, dtype));
    return Ok{};
}

// IsFinite / IsNan / IsInf: float in, bool out.
Status classify(KernelContext& ctx) {
    ir::Tensor x = ctx.input(0);
    if (ku::is_half(x.dtype())) x = ku::to_float32(x);
    ir::Tensor& out = ctx.allocate_output(0, ir::DType::Bool, x.shape());
    const std::string& op = ctx.node().op;
    for (int64_t i = 0; i < x.num_elements(); ++i) {
        const double v = x.value_as_double(i);
        out.data<bool>()[i] = op == "IsFinite" ? std::isfinite(v) : op == "IsNan" ? std::isnan(v) : std::isinf(v);
    }
    return Ok{};
}

}  // namespace

void register_unary_kernels(KernelRegistry& r) {
    for (const char* op : {"Abs", "Neg", "Square", "Sign", "Relu", "Relu6", "OnesLike", "ZerosLike",
                           "Invert", "Sqrt", "Rsqrt", "Exp", "Expm1", "Log", "Log1p", "Sin", "Cos",
                           "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Tanh", "Asinh", "Acosh",
                           "Atanh", "Erf", "Erfc", "Lgamma", "Sigmoid", "Softplus", "Softsign", "Elu",
                           "Selu", "LeakyRelu", "Floor", "Ceil", "Round", "Rint", "Reciprocal", "Inv",
                           "LogicalNot"})
        r.add(op, simple_kernel(unary));
    for (const char* op : {"IsFinite", "IsNan", "IsInf"}) r.add(op, simple_kernel(classify));
}

}  // namespace wb::runtime
