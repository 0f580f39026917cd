// SPDX-License-Identifier: Apache-2.0
#include "ir/tensor.h"

#include <complex>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>

namespace wb::ir {

Buffer::Buffer(std::size_t bytes) : size_(bytes) {
    // aligned_alloc needs a size that is a multiple of the alignment.
    std::size_t rounded = (bytes + 63) / 64 * 64;
    if (rounded == 0) rounded = 64;
    data_ = static_cast<std::byte*>(std::aligned_alloc(64, rounded));
    if (!data_) throw std::bad_alloc();
    std::memset(data_, 0, rounded);
}

Buffer::~Buffer() { std::free(data_); }

Tensor::Tensor(DType dtype, Shape shape) : dtype_(dtype), shape_(std::move(shape)) {
    auto n = shape_.num_elements();
    if (!n) throw std::invalid_argument("Tensor needs a fully defined shape, got " + shape_.to_string());
    num_elements_ = *n;
    if (dtype_ == DType::String)
        strings_ = std::make_shared<std::vector<std::string>>(static_cast<std::size_t>(num_elements_));
    else
        buffer_ = std::make_shared<Buffer>(static_cast<std::size_t>(num_elements_) * dtype_size(dtype_));
}

Tensor Tensor::from_bytes(DType dtype, Shape shape, std::span<const std::byte> bytes) {
    Tensor t(dtype, std::move(shape));
    if (bytes.size() != t.byte_size())
        throw std::invalid_argument("Tensor byte count mismatch: got " + std::to_string(bytes.size()) +
                                    ", shape needs " + std::to_string(t.byte_size()));
    if (!bytes.empty()) std::memcpy(t.raw(), bytes.data(), bytes.size());
    return t;
}

Tensor Tensor::from_strings(Shape shape, std::vector<std::string> values) {
    Tensor t(DType::String, std::move(shape));
    if (values.size() != static_cast<std::size_t>(t.num_elements_))
        throw std::invalid_argument("String tensor element count mismatch");
    *t.strings_ = std::move(values);
    return t;
}

Tensor Tensor::from_buffer(DType dtype, Shape shape, std::shared_ptr<Buffer> buffer) {
    auto n = shape.num_elements();
    if (!n || dtype == DType::String || !buffer ||
        buffer->size() < static_cast<std::size_t>(*n) * dtype_size(dtype))
        throw std::invalid_argument("Tensor::from_buffer: buffer too small for " + shape.to_string());
    Tensor t;
    t.dtype_ = dtype;
    t.shape_ = std::move(shape);
    t.num_elements_ = *n;
    t.buffer_ = std::move(buffer);
    return t;
}

std::size_t Tensor::byte_size() const {
    return static_cast<std::size_t>(num_elements_) * dtype_size(dtype_);
}

const std::vector<std::string>& Tensor::strings() const {
    static const std::vector<std::string> empty;
    return strings_ ? *strings_ : empty;
}

std::vector<std::string>& Tensor::mutable_strings() {
    if (!strings_) strings_ = std::make_shared<std::vector<std::string>>();
    return *strings_;
}

Tensor Tensor::clone() const {
    if (!valid()) return {};
    if (dtype_ == DType::String) return from_strings(shape_, strings());
    return from_bytes(dtype_, shape_, bytes());
}

Tensor Tensor::reshaped(Shape shape) const {
    auto n = shape.num_elements();
    if (!n || *n != num_elements_)
        throw std::invalid_argument("reshape to " + shape.to_string() + " changes the element count");
    Tensor t = *this;
    t.shape_ = std::move(shape);
    return t;
}

double Tensor::value_as_double(int64_t i) const {
    switch (dtype_) {
    case DType::Float32: return data<float>()[i];
    case DType::Float64: return data<double>()[i];
    case DType::Float16: return half_to_float(data<uint16_t>()[i]);
    case DType::BFloat16: return bfloat16_to_float(data<uint16_t>()[i]);
    case DType::Int8: case DType::QInt8: return data<int8_t>()[i];
    case DType::UInt8: case DType::QUInt8: return data<uint8_t>()[i];
    case DType::Int16: case DType::QInt16: return data<int16_t>()[i];
    case DType::UInt16: case DType::QUInt16: return data<uint16_t>()[i];
    case DType::Int32: case DType::QInt32: return data<int32_t>()[i];
    case DType::UInt32: return data<uint32_t>()[i];
    case DType::Int64: return static_cast<double>(data<int64_t>()[i]);
    case DType::UInt64: return static_cast<double>(data<uint64_t>()[i]);
    case DType::Bool: return data<uint8_t>()[i] ? 1.0 : 0.0;
    case DType::Complex64: return std::abs(data<std::complex<float>>()[i]);
    case DType::Complex128: return std::abs(data<std::complex<double>>()[i]);
    default: return 0.0;
    }
}

float half_to_float(uint16_t h) {
    uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    uint32_t exp = (h >> 10) & 0x1fu;
    uint32_t mant = h & 0x3ffu;
    uint32_t bits;
    if (exp == 0) {
        if (mant == 0) {
            bits = sign;
        } else {  // subnormal: renormalize
            exp = 127 - 15 + 1;
            while (!(mant & 0x400u)) { mant <<= 1; --exp; }
            mant &= 0x3ffu;
            bits = sign | (exp << 23) | (mant << 13);
        }
    } else if (exp == 0x1f) {
        bits = sign | 0x7f800000u | (mant << 13);
    } else {
        bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
    }
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

uint16_t float_to_half(float f) {
    uint32_t x;
    std::memcpy(&x, &f, 4);
    uint32_t sign = (x >> 16) & 0x8000u;
    uint32_t absx = x & 0x7fffffffu;
    if (absx >= 0x7f800000u)  // inf or nan
        return static_cast<uint16_t>(sign | 0x7c00u | (absx > 0x7f800000u ? 0x200u : 0u));
    if (absx >= 0x477ff000u)  // rounds to >= 65520: overflow to inf
        return static_cast<uint16_t>(sign | 0x7c00u);
    if (absx < 0x38800000u) {  // below the smallest normal half: subnormal or zero
        if (absx < 0x33000000u) return static_cast<uint16_t>(sign);  // < 2^-25 rounds to 0
        uint32_t exp = absx >> 23;
        uint32_t mant = (absx & 0x7fffffu) | 0x800000u;
        // value = mant * 2^(exp-150); in units of the smallest half subnormal (2^-24)
        // that is mant * 2^(exp-126), so drop (126 - exp) bits with round-half-even.
        uint32_t shift = 126 - exp;
        uint32_t result = mant >> shift;
        uint32_t rem = mant & ((1u << shift) - 1);
        uint32_t half = 1u << (shift - 1);
        if (rem > half || (rem == half && (result & 1u))) ++result;
        return static_cast<uint16_t>(sign | result);
    }
    uint32_t result = ((absx >> 13) - (112u << 10));
    uint32_t rem = absx & 0x1fffu;
    if (rem > 0x1000u || (rem == 0x1000u && (result & 1u))) ++result;
    return static_cast<uint16_t>(sign | result);
}

float bfloat16_to_float(uint16_t b) {
    uint32_t bits = static_cast<uint32_t>(b) << 16;
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

uint16_t float_to_bfloat16(float f) {
    uint32_t x;
    std::memcpy(&x, &f, 4);
    if ((x & 0x7fffffffu) > 0x7f800000u) return static_cast<uint16_t>((x >> 16) | 0x40u);  // quiet nan
    uint32_t rounding = 0x7fffu + ((x >> 16) & 1u);
    return static_cast<uint16_t>((x + rounding) >> 16);
}

}  // namespace wb::ir
