// SPDX-License-Identifier: Apache-2.0
// Helpers every kernel family shares: dtype dispatch, half-precision round trips, broadcasting
// and reading small integer tensors (shapes, axes, paddings).
#pragma once
#include <cstdint>
#include <type_traits>
#include <vector>

#include "ir/tensor.h"
#include "runtime/kernel.h"

namespace wb::runtime::ku {

template <class T> struct Tag { using type = T; };

// Calls f(Tag<T>{}) for the C++ type of `t`; false when the dtype is not numeric/bool.
template <class F>
bool dispatch(ir::DType t, F&& f, bool allow_bool = true) {
    using D = ir::DType;
    switch (t) {
    case D::Float32: f(Tag<float>{}); return true;
    case D::Float64: f(Tag<double>{}); return true;
    case D::Int32: f(Tag<int32_t>{}); return true;
    case D::Int64: f(Tag<int64_t>{}); return true;
    case D::Int8: f(Tag<int8_t>{}); return true;
    case D::Int16: f(Tag<int16_t>{}); return true;
    case D::UInt8: f(Tag<uint8_t>{}); return true;
    case D::UInt16: f(Tag<uint16_t>{}); return true;
    case D::UInt32: f(Tag<uint32_t>{}); return true;
    case D::UInt64: f(Tag<uint64_t>{}); return true;
    case D::Bool: if (!allow_bool) return false; f(Tag<bool>{}); return true;
    default: return false;
    }
}

// Any fixed-size dtype by its byte width (for data movement: transpose, gather, concat...).
template <class F>
bool dispatch_bytes(std::size_t width, F&& f) {
    switch (width) {
    case 1: f(Tag<uint8_t>{}); return true;
    case 2: f(Tag<uint16_t>{}); return true;
    case 4: f(Tag<uint32_t>{}); return true;
    case 8: f(Tag<uint64_t>{}); return true;
    default: return false;
    }
}

inline bool is_half(ir::DType t) { return t == ir::DType::Float16 || t == ir::DType::BFloat16; }
// float16/bfloat16 are stored as such and computed in float32.
ir::Tensor to_float32(const ir::Tensor& t);
ir::Tensor from_float32(const ir::Tensor& t, ir::DType half_type);

// Integer values of a shape/axis tensor (int32 or int64).
std::vector<int64_t> ints(const ir::Tensor& t);
ir::Shape shape_of(const std::vector<int64_t>& dims);

// NumPy broadcasting of two shapes; false when incompatible.
bool broadcast_shape(const ir::Shape& a, const ir::Shape& b, ir::Shape& out);
// Strides of `in` expanded to `out`'s rank, 0 along broadcast dimensions.
std::vector<int64_t> broadcast_strides(const ir::Shape& in, const ir::Shape& out);
std::vector<int64_t> strides_of(const ir::Shape& s);

// Normalises a possibly negative axis; false when out of range.
bool norm_axis(int64_t& axis, int rank);

// Error helper bound to the context's node.
inline Error fail(KernelContext& ctx, const std::string& message) { return kernel_error(ctx.node(), message); }
std::string dtype_error(ir::DType t);

}  // namespace wb::runtime::ku

namespace wb::runtime::ku {
// dst[i] = src[offset + sum_d idx_d * src_strides[d]] for every index of `dims` (row-major dst);
// strides in elements, may be negative (Reverse) or 0 (broadcast). Element width 1/2/4/8/16.
void strided_copy(const std::byte* src, std::byte* dst, std::size_t width, const std::vector<int64_t>& dims,
                  const std::vector<int64_t>& src_strides, int64_t offset);
}  // namespace wb::runtime::ku
