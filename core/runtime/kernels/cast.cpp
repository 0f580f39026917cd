// SPDX-License-Identifier: Apache-2.0
// Cast between every numeric dtype, bool and the half types (via float32, as TensorFlow does).
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

template <class From, class To>
To convert(From v) {
    if constexpr (std::is_same_v<To, bool>) {
        return v != From(0);
    } else if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To>) {
        // Out-of-range and NaN are undefined in C++; saturate like Eigen's x86 behaviour
        // would not, but never crash.
        if (std::isnan(v)) return To(0);
        const long double d = static_cast<long double>(v);
        if (d >= static_cast<long double>(std::numeric_limits<To>::max())) return std::numeric_limits<To>::max();
        if (d <= static_cast<long double>(std::numeric_limits<To>::lowest())) return std::numeric_limits<To>::lowest();
        return static_cast<To>(v);
    } else {
        return static_cast<To>(v);
    }
}

}  // namespace

void register_cast_kernels(KernelRegistry& r) {
    r.add("Cast", simple_kernel([](KernelContext& ctx) -> Status {
        ir::Tensor x = ctx.input(0);
        const ir::DType to = ir::attr_type(ctx.node().attrs, "DstT", x.dtype());
        if (to == x.dtype()) {
            ctx.set_output(0, x);
            return Ok{};
        }
        if (ku::is_half(x.dtype())) x = ku::to_float32(x);
        const ir::DType compute_to = ku::is_half(to) ? ir::DType::Float32 : to;
        ir::Tensor out = ku::is_half(to) ? ir::Tensor(compute_to, x.shape()) : ctx.allocate_output(0, to, x.shape());
        bool ok = false;
        if (x.dtype() == compute_to) {
            out = x;
            ok = true;
        } else {
            ku::dispatch(x.dtype(), [&](auto from_tag) {
                using F = typename decltype(from_tag)::type;
                ok = ku::dispatch(compute_to, [&](auto to_tag) {
                    using T = typename decltype(to_tag)::type;
                    const F* src = x.data<F>();
                    T* dst = out.data<T>();
                    for (int64_t i = 0; i < x.num_elements(); ++i) dst[i] = convert<F, T>(src[i]);
                });
            });
        }
        if (!ok) return ku::fail(ctx, "cannot cast " + std::string(ir::dtype_name(ctx.input(0).dtype())) + " to " +
                                          std::string(ir::dtype_name(to)));
        if (ku::is_half(to)) ctx.set_output(0, ku::from_float32(out, to));
        return Ok{};
    }));
}

}  // namespace wb::runtime
