// SPDX-License-Identifier: Apache-2.0
#include "runtime/kernels/kernel_util.h"

#include <cstring>
#include <string>

namespace wb::runtime::ku {

ir::Tensor to_float32(const ir::Tensor& t) {
    ir::Tensor out(ir::DType::Float32, t.shape());
    const uint16_t* src = t.data<uint16_t>();
    float* dst = out.data<float>();
    const bool half = t.dtype() == ir::DType::Float16;
    for (int64_t i = 0; i < t.num_elements(); ++i)
        dst[i] = half ? ir::half_to_float(src[i]) : ir::bfloat16_to_float(src[i]);
    return out;
}

ir::Tensor from_float32(const ir::Tensor& t, ir::DType half_type) {
    ir::Tensor out(half_type, t.shape());
    const float* src = t.data<float>();
    uint16_t* dst = out.data<uint16_t>();
    const bool half = half_type == ir::DType::Float16;
    for (int64_t i = 0; i < t.num_elements(); ++i)
        dst[i] = half ? ir::float_to_half(src[i]) : ir::float_to_bfloat16(src[i]);
    return out;
}

std::vector<int64_t> ints(const ir::Tensor& t) {
    std::vector<int64_t> v(static_cast<std::size_t>(t.num_elements()));
    for (int64_t i = 0; i < t.num_elements(); ++i) {
        switch (t.dtype()) {
        case ir::DType::Int32: v[i] = t.data<int32_t>()[i]; break;
        case ir::DType::Int64: v[i] = t.data<int64_t>()[i]; break;
        default: v[i] = static_cast<int64_t>(t.value_as_double(i));
        }
    }
    return v;
}

ir::Shape shape_of(const std::vector<int64_t>& dims) { return ir::Shape(dims); }

bool broadcast_shape(const ir::Shape& a, const ir::Shape& b, ir::Shape& out) {
    const int rank = std::max(a.rank(), b.rank());
    std::vector<int64_t> dims(rank);
    for (int i = 0; i < rank; ++i) {
        int ia = a.rank() - rank + i, ib = b.rank() - rank + i;
        int64_t da = ia >= 0 ? a.dims[ia] : 1, db = ib >= 0 ? b.dims[ib] : 1;
        if (da == db || db == 1) dims[i] = da;
        else if (da == 1) dims[i] = db;
        else return false;
    }
    out = ir::Shape(std::move(dims));
    return true;
}

std::vector<int64_t> strides_of(const ir::Shape& s) {
    std::vector<int64_t> st(s.rank(), 1);
    for (int i = s.rank() - 2; i >= 0; --i) st[i] = st[i + 1] * s.dims[i + 1];
    return st;
}

std::vector<int64_t> broadcast_strides(const ir::Shape& in, const ir::Shape& out) {
    std::vector<int64_t> st(out.rank(), 0);
    auto own = strides_of(in);
    for (int i = 0; i < in.rank(); ++i) {
        int o = out.rank() - in.rank() + i;
        st[o] = in.dims[i] == 1 ? 0 : own[i];
    }
    return st;
}

bool norm_axis(int64_t& axis, int rank) {
    if (axis < 0) axis += rank;
    return axis >= 0 && axis < std::max(rank, 1);
}

std::string dtype_error(ir::DType t) {
    return "dtype " + std::string(ir::dtype_name(t)) + " is not supported by this kernel";
}

}  // namespace wb::runtime::ku

namespace wb::runtime::ku {

void strided_copy(const std::byte* src, std::byte* dst, std::size_t width, const std::vector<int64_t>& dims,
                  const std::vector<int64_t>& src_strides, int64_t offset) {
    const int rank = static_cast<int>(dims.size());
    int64_t total = 1;
    for (auto d : dims) total *= d;
    if (total == 0) return;
    if (rank == 0) {
        std::memcpy(dst, src + offset * width, width);
        return;
    }
    const int64_t inner = dims[rank - 1], inner_stride = src_strides[rank - 1];
    std::vector<int64_t> idx(rank, 0);
    int64_t src_pos = offset;
    for (int64_t row = 0; row < total / inner; ++row) {
        if (inner_stride == 1) {
            std::memcpy(dst, src + src_pos * width, inner * width);
            dst += inner * width;
        } else {
            for (int64_t i = 0; i < inner; ++i, dst += width)
                std::memcpy(dst, src + (src_pos + i * inner_stride) * width, width);
        }
        for (int d = rank - 2; d >= 0; --d) {  // odometer over the outer dims
            src_pos += src_strides[d];
            if (++idx[d] < dims[d]) break;
            src_pos -= src_strides[d] * dims[d];
            idx[d] = 0;
        }
    }
}

}  // namespace wb::runtime::ku
