// SPDX-License-Identifier: Apache-2.0
#include "formats/graphdef/tensor_proto.h"

#include <complex>
#include <cstring>

namespace wb::formats {

namespace {

Error tensor_error(const std::string& item, std::string message) {
    return Error{{}, item, std::move(message)};
}

// Copies `count` typed values (a protobuf repeated field) into `out`, converting each to T and
// splatting the last value over the remaining elements (tensor_util.MakeNdarray semantics).
template <class T, class Field, class Convert>
void fill_splat(T* out, int64_t elements, const Field& values, Convert convert) {
    const int64_t count = values.size();
    for (int64_t i = 0; i < count && i < elements; ++i) out[i] = convert(values.Get(static_cast<int>(i)));
    if (count == 0) return;  // zero-filled by Buffer
    const T last = out[count - 1];
    for (int64_t i = count; i < elements; ++i) out[i] = last;
}

template <class T, class Field>
void fill_same(ir::Tensor& t, const Field& values) {
    fill_splat(t.data<T>(), t.num_elements(), values, [](auto v) { return static_cast<T>(v); });
}

// Complex values are stored as interleaved (re, im) pairs; the splat unit is one pair.
template <class T, class Field>
void fill_complex(ir::Tensor& t, const Field& values) {
    auto* out = t.data<std::complex<T>>();
    const int64_t pairs = values.size() / 2, n = t.num_elements();
    for (int64_t i = 0; i < pairs && i < n; ++i)
        out[i] = {static_cast<T>(values.Get(2 * i)), static_cast<T>(values.Get(2 * i + 1))};
    if (pairs == 0) return;
    for (int64_t i = pairs; i < n; ++i) out[i] = out[pairs - 1];
}

// Number of typed values present for this dtype (pairs for complex).
int64_t typed_count(const tensorflow::TensorProto& p, ir::DType dtype) {
    using ir::DType;
    switch (dtype) {
    case DType::Float32: return p.float_val_size();
    case DType::Float64: return p.double_val_size();
    case DType::Int64: return p.int64_val_size();
    case DType::UInt32: return p.uint32_val_size();
    case DType::UInt64: return p.uint64_val_size();
    case DType::Bool: return p.bool_val_size();
    case DType::Float16: case DType::BFloat16: return p.half_val_size();
    case DType::Complex64: return p.scomplex_val_size() / 2;
    case DType::Complex128: return p.dcomplex_val_size() / 2;
    case DType::String: return p.string_val_size();
    case DType::Resource: return p.resource_handle_val_size();
    case DType::Variant: return p.variant_val_size();
    default: return p.int_val_size();  // every 8/16/32-bit integer and quantized type
    }
}

void fill_typed(ir::Tensor& t, const tensorflow::TensorProto& p) {
    using ir::DType;
    switch (t.dtype()) {
    case DType::Float32: fill_same<float>(t, p.float_val()); break;
    case DType::Float64: fill_same<double>(t, p.double_val()); break;
    case DType::Int32: case DType::QInt32: fill_same<int32_t>(t, p.int_val()); break;
    case DType::Int16: case DType::QInt16: fill_same<int16_t>(t, p.int_val()); break;
    case DType::Int8: case DType::QInt8: fill_same<int8_t>(t, p.int_val()); break;
    case DType::UInt8: case DType::QUInt8: fill_same<uint8_t>(t, p.int_val()); break;
    case DType::UInt16: case DType::QUInt16: fill_same<uint16_t>(t, p.int_val()); break;
    case DType::Int64: fill_same<int64_t>(t, p.int64_val()); break;
    case DType::UInt32: fill_same<uint32_t>(t, p.uint32_val()); break;
    case DType::UInt64: fill_same<uint64_t>(t, p.uint64_val()); break;
    case DType::Bool:
        fill_splat(t.data<uint8_t>(), t.num_elements(), p.bool_val(), [](bool b) { return uint8_t(b); });
        break;
    case DType::Float16: case DType::BFloat16:  // half_val holds the raw 16-bit patterns
        fill_same<uint16_t>(t, p.half_val());
        break;
    case DType::Complex64: fill_complex<float>(t, p.scomplex_val()); break;
    case DType::Complex128: fill_complex<double>(t, p.dcomplex_val()); break;
    default: break;  // Resource / Variant carry no dense data
    }
}

}  // namespace

ir::Shape shape_from_proto(const tensorflow::TensorShapeProto& proto) {
    if (proto.unknown_rank()) return ir::Shape::unknown();
    std::vector<int64_t> dims;
    dims.reserve(proto.dim_size());
    for (const auto& d : proto.dim()) dims.push_back(d.size() < 0 ? -1 : d.size());
    return ir::Shape(std::move(dims));
}

void shape_to_proto(const ir::Shape& shape, tensorflow::TensorShapeProto* proto) {
    proto->Clear();
    if (shape.unknown_rank) {
        proto->set_unknown_rank(true);
        return;
    }
    for (int64_t d : shape.dims) proto->add_dim()->set_size(d);
}

Expected<ir::Tensor> tensor_from_proto(const tensorflow::TensorProto& proto, const std::string& item) {
    auto dtype = ir::dtype_from_tf_enum(static_cast<int>(proto.dtype()));
    if (!dtype || *dtype == ir::DType::Invalid)
        return tensor_error(item, "tensor has unknown or unsupported dtype " + std::to_string(proto.dtype()));
    ir::Shape shape = shape_from_proto(proto.tensor_shape());
    if (shape.unknown_rank) return tensor_error(item, "tensor has an unknown rank");
    for (int64_t d : shape.dims)
        if (d < 0) return tensor_error(item, "tensor shape " + shape.to_string() + " has a negative dimension");
    auto elements = shape.num_elements();
    const std::size_t elem_size = *dtype == ir::DType::String ? 1 : ir::dtype_size(*dtype);
    if (!elements || (elem_size && static_cast<uint64_t>(*elements) > kMaxTensorBytes / elem_size))
        return tensor_error(item, "tensor shape " + shape.to_string() + " declares more than 2 GiB of data");

    if (*dtype == ir::DType::String) {
        const int64_t count = proto.string_val_size();
        if (count > *elements)
            return tensor_error(item, "tensor has " + std::to_string(count) + " strings but its shape " +
                                          shape.to_string() + " holds " + std::to_string(*elements));
        std::vector<std::string> values(static_cast<std::size_t>(*elements));
        for (int64_t i = 0; i < *elements && count > 0; ++i)
            values[i] = proto.string_val(static_cast<int>(i < count ? i : count - 1));
        return ir::Tensor::from_strings(std::move(shape), std::move(values));
    }

    ir::Tensor tensor(*dtype, shape);
    if (!proto.tensor_content().empty()) {
        if (proto.tensor_content().size() != tensor.byte_size())
            return tensor_error(item, "tensor_content has " + std::to_string(proto.tensor_content().size()) +
                                          " bytes but shape " + shape.to_string() + " of " +
                                          std::string(ir::dtype_name(*dtype)) + " needs " +
                                          std::to_string(tensor.byte_size()));
        std::memcpy(tensor.raw(), proto.tensor_content().data(), tensor.byte_size());
        return tensor;
    }
    const int64_t count = typed_count(proto, *dtype);
    if (count > *elements)
        return tensor_error(item, "tensor has " + std::to_string(count) + " values but its shape " +
                                      shape.to_string() + " holds " + std::to_string(*elements));
    fill_typed(tensor, proto);
    return tensor;
}

void tensor_to_proto(const ir::Tensor& tensor, tensorflow::TensorProto* proto) {
    proto->Clear();
    proto->set_dtype(static_cast<tensorflow::DataType>(tensor.dtype()));
    shape_to_proto(tensor.shape(), proto->mutable_tensor_shape());
    if (tensor.dtype() == ir::DType::String) {
        for (const auto& s : tensor.strings()) proto->add_string_val(s);
        return;
    }
    if (tensor.byte_size() > 0)
        proto->set_tensor_content(reinterpret_cast<const char*>(tensor.raw()), tensor.byte_size());
}

}  // namespace wb::formats
