// SPDX-License-Identifier: Apache-2.0
#include "ir/dtype.h"

#include <array>

namespace wb::ir {
namespace {

struct DTypeInfo {
    DType type;
    std::size_t size;
    std::string_view name;
    std::string_view tf_name;
};

constexpr std::array<DTypeInfo, 24> kTable{{
    {DType::Invalid, 0, "invalid", "DT_INVALID"},
    {DType::Float32, 4, "float32", "DT_FLOAT"},
    {DType::Float64, 8, "float64", "DT_DOUBLE"},
    {DType::Int32, 4, "int32", "DT_INT32"},
    {DType::UInt8, 1, "uint8", "DT_UINT8"},
    {DType::Int16, 2, "int16", "DT_INT16"},
    {DType::Int8, 1, "int8", "DT_INT8"},
    {DType::String, 0, "string", "DT_STRING"},
    {DType::Complex64, 8, "complex64", "DT_COMPLEX64"},
    {DType::Int64, 8, "int64", "DT_INT64"},
    {DType::Bool, 1, "bool", "DT_BOOL"},
    {DType::QInt8, 1, "qint8", "DT_QINT8"},
    {DType::QUInt8, 1, "quint8", "DT_QUINT8"},
    {DType::QInt32, 4, "qint32", "DT_QINT32"},
    {DType::BFloat16, 2, "bfloat16", "DT_BFLOAT16"},
    {DType::QInt16, 2, "qint16", "DT_QINT16"},
    {DType::QUInt16, 2, "quint16", "DT_QUINT16"},
    {DType::UInt16, 2, "uint16", "DT_UINT16"},
    {DType::Complex128, 16, "complex128", "DT_COMPLEX128"},
    {DType::Float16, 2, "float16", "DT_HALF"},
    {DType::Resource, 0, "resource", "DT_RESOURCE"},
    {DType::Variant, 0, "variant", "DT_VARIANT"},
    {DType::UInt32, 4, "uint32", "DT_UINT32"},
    {DType::UInt64, 8, "uint64", "DT_UINT64"},
}};

const DTypeInfo* find(DType t) {
    for (const auto& info : kTable)
        if (info.type == t) return &info;
    return nullptr;
}

}  // namespace

std::size_t dtype_size(DType t) {
    const auto* info = find(t);
    return info ? info->size : 0;
}

std::string_view dtype_name(DType t) {
    const auto* info = find(t);
    return info ? info->name : "invalid";
}

std::string_view dtype_tf_name(DType t) {
    const auto* info = find(t);
    return info ? info->tf_name : "DT_INVALID";
}

std::optional<DType> dtype_from_name(std::string_view short_name) {
    if (short_name == "half") return DType::Float16;
    if (short_name == "float") return DType::Float32;
    if (short_name == "double") return DType::Float64;
    for (const auto& info : kTable)
        if (info.name == short_name) return info.type;
    return std::nullopt;
}

std::optional<DType> dtype_from_tf_name(std::string_view tf_name) {
    for (const auto& info : kTable)
        if (info.tf_name == tf_name) return info.type;
    return std::nullopt;
}

std::optional<DType> dtype_from_tf_enum(int value) {
    if (value > 100) value -= 100;
    for (const auto& info : kTable)
        if (static_cast<int>(info.type) == value) return info.type;
    return std::nullopt;
}

bool is_floating(DType t) {
    return t == DType::Float32 || t == DType::Float64 || t == DType::Float16 || t == DType::BFloat16;
}

bool is_integer(DType t) {
    switch (t) {
    case DType::Int8: case DType::Int16: case DType::Int32: case DType::Int64:
    case DType::UInt8: case DType::UInt16: case DType::UInt32: case DType::UInt64:
        return true;
    default:
        return false;
    }
}

}  // namespace wb::ir
