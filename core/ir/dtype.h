// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace wb::ir {

// TensorFlow's DataType numbering (types.proto), so conversion to and from protobuf is a cast.
// Reference types (+100) are folded to their base type by the readers.
enum class DType : int {
    Invalid = 0,
    Float32 = 1,
    Float64 = 2,
    Int32 = 3,
    UInt8 = 4,
    Int16 = 5,
    Int8 = 6,
    String = 7,
    Complex64 = 8,
    Int64 = 9,
    Bool = 10,
    QInt8 = 11,
    QUInt8 = 12,
    QInt32 = 13,
    BFloat16 = 14,
    QInt16 = 15,
    QUInt16 = 16,
    UInt16 = 17,
    Complex128 = 18,
    Float16 = 19,
    Resource = 20,
    Variant = 21,
    UInt32 = 22,
    UInt64 = 23,
};

// Bytes per element; 0 for String, Resource, Variant and Invalid.
std::size_t dtype_size(DType t);
// Short names as TensorFlow.js and NumPy spell them: "float32", "int64", "bool", "string"...
std::string_view dtype_name(DType t);
// TensorFlow enum names: "DT_FLOAT", "DT_INT64"...
std::string_view dtype_tf_name(DType t);
std::optional<DType> dtype_from_name(std::string_view short_name);
std::optional<DType> dtype_from_tf_name(std::string_view tf_name);
// Strips the _REF offset (TensorFlow adds 100 for reference types); unknown numbers → nullopt.
std::optional<DType> dtype_from_tf_enum(int value);
bool is_floating(DType t);
bool is_integer(DType t);

}  // namespace wb::ir
