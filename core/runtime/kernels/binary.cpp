// SPDX-License-Identifier: Apache-2.0
// Binary elementwise arithmetic with NumPy broadcasting. Integer division and modulo follow
// TensorFlow exactly: Div/TruncateDiv truncate, FloorDiv/FloorMod round toward -inf, Mod truncates.
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

#include "runtime/kernels/elementwise.h"

namespace wb::runtime {

namespace {

template <class T> constexpr bool kFloat = std::is_floating_point_v<T>;

template <class T>
T floor_div(T x, T y) {
    if constexpr (kFloat<T>) {
        return std::floor(x / y);
    } else {
        if (y == 0) return 0;
        if constexpr (std::is_signed_v<T>) {
            T q = x / y;
            if ((x % y != 0) && ((x < 0) != (y < 0))) --q;
            return q;
        } else {
            return x / y;
        }
    }
}

template <class T>
T floor_mod(T x, T y) {
    if constexpr (kFloat<T>) {
        T r = std::fmod(x, y);
        if (r != 0 && ((r < 0) != (y < 0))) r += y;
        return r;
    } else {
        if (y == 0) return 0;
        T r = x % y;
        if constexpr (std::is_signed_v<T>)
            if (r != 0 && ((r < 0) != (y < 0))) r += y;
        return r;
    }
}

template <class T>
T int_pow(T base, T exp) {
    if constexpr (std::is_signed_v<T>)
        if (exp < 0) return base == 1 ? 1 : (base == -1 ? ((exp & 1) ? -1 : 1) : 0);
    T result = 1;
    while (exp) {
        if (exp & 1) result = static_cast<T>(result * base);
        exp >>= 1;
        base = static_cast<T>(base * base);
    }
    return result;
}

// Applies the op `name` on type T; false when the op is undefined for T.
template <class T>
bool run_op(const std::string& name, ThreadPool& pool, const ir::Tensor& a, const ir::Tensor& b,
            ir::Tensor& out) {
    const T* x = a.data<T>();
    const T* y = b.data<T>();
    T* o = out.data<T>();
    auto go = [&](auto op) {
        ku::binary_loop(pool, x, a.shape(), y, b.shape(), o, out.shape(), op);
        return true;
    };
    if constexpr (std::is_same_v<T, bool>) {
        if (name == "LogicalAnd") return go([](bool p, bool q) { return p && q; });
        if (name == "LogicalOr") return go([](bool p, bool q) { return p || q; });
        return false;
    } else {
        if (name == "Add" || name == "AddV2") return go([](T p, T q) { return static_cast<T>(p + q); });
        if (name == "Sub") return go([](T p, T q) { return static_cast<T>(p - q); });
        if (name == "Mul") return go([](T p, T q) { return static_cast<T>(p * q); });
        if (name == "Maximum")
            return go([](T p, T q) {
                if constexpr (kFloat<T>) if (std::isnan(p) || std::isnan(q)) return std::numeric_limits<T>::quiet_NaN();
                return p > q ? p : q;
            });
        if (name == "Minimum")
            return go([](T p, T q) {
                if constexpr (kFloat<T>) if (std::isnan(p) || std::isnan(q)) return std::numeric_limits<T>::quiet_NaN();
                return p < q ? p : q;
            });
        if (name == "SquaredDifference") return go([](T p, T q) { return static_cast<T>((p - q) * (p - q)); });
        if (name == "FloorDiv") return go([](T p, T q) { return floor_div(p, q); });
        if (name == "FloorMod") return go([](T p, T q) { return floor_mod(p, q); });
        if constexpr (kFloat<T>) {
            if (name == "RealDiv" || name == "Div" || name == "TruncateDiv")
                return go([&](T p, T q) { return name == "TruncateDiv" ? std::trunc(p / q) : p / q; });
            if (name == "DivNoNan") return go([](T p, T q) { return q == 0 ? T(0) : p / q; });
            if (name == "MulNoNan") return go([](T p, T q) { return q == 0 ? T(0) : p * q; });
            if (name == "Mod" || name == "TruncateMod") return go([](T p, T q) { return std::fmod(p, q); });
            if (name == "Pow") return go([](T p, T q) { return std::pow(p, q); });
            if (name == "Atan2") return go([](T p, T q) { return std::atan2(p, q); });
            if (name == "Xdivy") return go([](T p, T q) { return p == 0 ? T(0) : p / q; });
            if (name == "Xlogy") return go([](T p, T q) { return p == 0 ? T(0) : p * std::log(q); });
        } else {
            if (name == "Div" || name == "TruncateDiv" || name == "RealDiv" || name == "DivNoNan")
                return go([](T p, T q) { return q == 0 ? T(0) : static_cast<T>(p / q); });
            if (name == "Mod" || name == "TruncateMod")
                return go([](T p, T q) { return q == 0 ? T(0) : static_cast<T>(p % q); });
            if (name == "Pow") return go([](T p, T q) { return int_pow(p, q); });
            if (name == "BitwiseAnd") return go([](T p, T q) { return static_cast<T>(p & q); });
            if (name == "BitwiseOr") return go([](T p, T q) { return static_cast<T>(p | q); });
            if (name == "BitwiseXor") return go([](T p, T q) { return static_cast<T>(p ^ q); });
            if (name == "LeftShift")
                return go([](T p, T q) {
                    const int bits = sizeof(T) * 8;
                    using U = std::make_unsigned_t<T>;
                    return (q < 0 || q >= bits) ? T(0) : static_cast<T>(static_cast<U>(p) << q);
                });
            if (name == "RightShift")
                return go([](T p, T q) {
                    const int bits = sizeof(T) * 8;
                    if (q < 0 || q >= bits) q = bits - 1;
                    return static_cast<T>(p >> q);
                });
        }
        return false;
    }
}

Status binary(KernelContext& ctx) {
    if (ctx.num_inputs() != 2) return ku::fail(ctx, "needs two inputs");
    ir::Tensor a = ctx.input(0), b = ctx.input(1);
    if (a.dtype() != b.dtype()) return ku::fail(ctx, "input dtypes differ");
    ir::Shape shape;
    if (!ku::broadcast_shape(a.shape(), b.shape(), shape))
        return ku::fail(ctx, "shapes " + a.shape().to_string() + " and " + b.shape().to_string() +
                                 " do not broadcast");
    const ir::DType dtype = a.dtype();
    const bool half = ku::is_half(dtype);
    if (half) {
        a = ku::to_float32(a);
        b = ku::to_float32(b);
    }
    const ir::DType compute = half ? ir::DType::Float32 : dtype;
    ir::Tensor out = half ? ir::Tensor(compute, shape) : ctx.allocate_output(0, compute, shape);
    bool done = false;
    const std::string& op = ctx.node().op;
    ku::dispatch(compute, [&](auto tag) {
        using T = typename decltype(tag)::type;
        done = run_op<T>(op, ctx.pool(), a, b, out);
    });
    if (!done) return ku::fail(ctx, ku::dtype_error(dtype));
    if (half) ctx.set_output(0, ku::from_float32(out, dtype));
    return Ok{};
}

}  // namespace

void register_binary_kernels(KernelRegistry& r) {
    for (const char* op : {"Add", "AddV2", "Sub", "Mul", "RealDiv", "Div", "DivNoNan", "MulNoNan",
                           "FloorDiv", "FloorMod", "Mod", "TruncateDiv", "TruncateMod", "Maximum",
                           "Minimum", "Pow", "SquaredDifference", "Atan2", "Xdivy", "Xlogy",
                           "BitwiseAnd", "BitwiseOr", "BitwiseXor", "LeftShift", "RightShift",
                           "LogicalAnd", "LogicalOr"})
        r.add(op, simple_kernel(binary));
}

}  // namespace wb::runtime
