// SPDX-License-Identifier: Apache-2.0
#include "runtime/kernels/tensor_list_value.h"

#include <cstring>

namespace wb::runtime {

namespace {

constexpr uint64_t kMagic = 0x5453494c524f534eull;  // identifies a ListBuffer among Variant buffers

// The Buffer's 16 bytes hold the magic and the buffer's own address, so list_of() recognises
// a list without RTTI (Buffer is not polymorphic) and never misreads another Variant tensor.
class ListBuffer final : public ir::Buffer {
public:
    explicit ListBuffer(TensorListValue v) : ir::Buffer(16), value(std::move(v)) {
        const uint64_t self = reinterpret_cast<uintptr_t>(static_cast<ir::Buffer*>(this));
        std::memcpy(data(), &kMagic, 8);
        std::memcpy(data() + 8, &self, 8);
    }
    TensorListValue value;
};

}  // namespace

ir::Tensor make_list_tensor(TensorListValue value) {
    // shared_ptr<Buffer> from a ListBuffer* keeps ListBuffer's own deleter.
    std::shared_ptr<ir::Buffer> buffer(new ListBuffer(std::move(value)));
    return ir::Tensor::from_buffer(ir::DType::Variant, ir::Shape{}, std::move(buffer));
}

const TensorListValue* list_of(const ir::Tensor& t) {
    const auto& buffer = t.buffer();
    if (t.dtype() != ir::DType::Variant || !buffer || buffer->size() != 16) return nullptr;
    uint64_t magic = 0, self = 0;
    std::memcpy(&magic, buffer->data(), 8);
    std::memcpy(&self, buffer->data() + 8, 8);
    if (magic != kMagic || self != reinterpret_cast<uintptr_t>(buffer.get())) return nullptr;
    return &static_cast<const ListBuffer*>(buffer.get())->value;
}

}  // namespace wb::runtime
