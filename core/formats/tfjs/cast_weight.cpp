// SPDX-License-Identifier: Apache-2.0
#include <complex>

#include "formats/tfjs/tfjs_readers.h"

namespace wb::formats::tfjs {

namespace {

template <class T>
void convert(const ir::Tensor& from, ir::Tensor& to) {
    T* out = to.data<T>();
    for (int64_t i = 0; i < from.num_elements(); ++i) out[i] = static_cast<T>(from.value_as_double(i));
}

}  // namespace

Expected<ir::Tensor> cast_weight(const ir::Tensor& tensor, ir::DType to, const std::string& item) {
    using ir::DType;
    if (tensor.dtype() == to || to == DType::Invalid) return tensor;
    if (tensor.dtype() == DType::String || to == DType::String)
        return Error{{}, item, "weight of dtype " + std::string(ir::dtype_name(tensor.dtype())) +
                                   " cannot feed a Const of dtype " + std::string(ir::dtype_name(to))};
    ir::Tensor out(to, tensor.shape());
    if (tensor.dtype() == DType::Complex64 && to == DType::Complex128) {
        const auto* in = tensor.data<std::complex<float>>();
        auto* o = out.data<std::complex<double>>();
        for (int64_t i = 0; i < tensor.num_elements(); ++i) o[i] = in[i];
        return out;
    }
    switch (to) {
    case DType::Float32: convert<float>(tensor, out); break;
    case DType::Float64: convert<double>(tensor, out); break;
    case DType::Int32: convert<int32_t>(tensor, out); break;
    case DType::Int64: convert<int64_t>(tensor, out); break;
    case DType::Int16: convert<int16_t>(tensor, out); break;
    case DType::Int8: convert<int8_t>(tensor, out); break;
    case DType::UInt8: convert<uint8_t>(tensor, out); break;
    case DType::UInt16: convert<uint16_t>(tensor, out); break;
    case DType::UInt32: convert<uint32_t>(tensor, out); break;
    case DType::UInt64: convert<uint64_t>(tensor, out); break;
    case DType::Bool:
        for (int64_t i = 0; i < tensor.num_elements(); ++i) out.data<uint8_t>()[i] = tensor.value_as_double(i) != 0.0;
        break;
    case DType::Float16:
        for (int64_t i = 0; i < tensor.num_elements(); ++i)
            out.data<uint16_t>()[i] = ir::float_to_half(static_cast<float>(tensor.value_as_double(i)));
        break;
    case DType::BFloat16:
        for (int64_t i = 0; i < tensor.num_elements(); ++i)
            out.data<uint16_t>()[i] = ir::float_to_bfloat16(static_cast<float>(tensor.value_as_double(i)));
        break;
    default:
        return Error{{}, item, "weight of dtype " + std::string(ir::dtype_name(tensor.dtype())) +
                                   " cannot feed a Const of dtype " + std::string(ir::dtype_name(to))};
    }
    return out;
}

}  // namespace wb::formats::tfjs
