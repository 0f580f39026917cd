// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "ir/dtype.h"
#include "ir/shape.h"

namespace wb::ir {

// 64-byte aligned, shared, fixed-size byte storage. Tensors share it on copy, so a loaded
// model's weights are never duplicated by passing tensors around.
class Buffer {
public:
    explicit Buffer(std::size_t bytes);  // zero-filled
    ~Buffer();
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    std::byte* data() { return data_; }
    const std::byte* data() const { return data_; }
    std::size_t size() const { return size_; }

private:
    std::byte* data_ = nullptr;
    std::size_t size_ = 0;
};

// A dense tensor with a fully defined shape. Numeric data lives in a Buffer (row-major,
// little-endian, TensorFlow's element layout); strings live in a vector of byte strings.
// Copies share storage: call clone() before mutating data that others may hold.
class Tensor {
public:
    Tensor() = default;
    // Zero-filled tensor. Precondition: shape fully defined.
    Tensor(DType dtype, Shape shape);
    // Wraps existing bytes (copied). bytes.size() must equal num_elements * dtype_size.
    static Tensor from_bytes(DType dtype, Shape shape, std::span<const std::byte> bytes);
    static Tensor from_strings(Shape shape, std::vector<std::string> values);
    // Views existing storage (not copied, not cleared): the runtime's memory plan hands out
    // reused buffers this way. buffer->size() must be at least num_elements * dtype_size.
    static Tensor from_buffer(DType dtype, Shape shape, std::shared_ptr<Buffer> buffer);
    template <class T>
    static Tensor from_vector(DType dtype, Shape shape, const std::vector<T>& values) {
        return from_bytes(dtype, std::move(shape),
                          std::as_bytes(std::span<const T>(values.data(), values.size())));
    }
    template <class T>
    static Tensor scalar(DType dtype, T value) {
        return from_vector<T>(dtype, Shape{}, std::vector<T>{value});
    }

    bool valid() const { return dtype_ != DType::Invalid; }
    DType dtype() const { return dtype_; }
    const Shape& shape() const { return shape_; }
    int64_t num_elements() const { return num_elements_; }
    std::size_t byte_size() const;

    std::byte* raw() { return buffer_ ? buffer_->data() : nullptr; }
    const std::byte* raw() const { return buffer_ ? buffer_->data() : nullptr; }
    template <class T> T* data() { return reinterpret_cast<T*>(raw()); }
    template <class T> const T* data() const { return reinterpret_cast<const T*>(raw()); }
    std::span<const std::byte> bytes() const { return {raw(), byte_size()}; }
    // The shared storage (null for strings); the runtime uses it to tell live buffers apart.
    const std::shared_ptr<Buffer>& buffer() const { return buffer_; }

    const std::vector<std::string>& strings() const;
    std::vector<std::string>& mutable_strings();

    // Deep copy with its own storage.
    Tensor clone() const;
    // Same storage viewed with another shape of equal element count.
    Tensor reshaped(Shape shape) const;
    // Element i as double (numeric dtypes, half and bfloat16 decoded); for summaries and tests.
    double value_as_double(int64_t i) const;

private:
    DType dtype_ = DType::Invalid;
    Shape shape_;
    int64_t num_elements_ = 0;
    std::shared_ptr<Buffer> buffer_;
    std::shared_ptr<std::vector<std::string>> strings_;
};

// IEEE half and bfloat16 conversions (round to nearest even, subnormals, infinities).
float half_to_float(uint16_t h);
uint16_t float_to_half(float f);
float bfloat16_to_float(uint16_t b);
uint16_t float_to_bfloat16(float f);

}  // namespace wb::ir
