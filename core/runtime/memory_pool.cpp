// SPDX-License-Identifier: Apache-2.0
#include "runtime/memory_pool.h"

#include <stdexcept>

namespace wb::runtime {

ir::Tensor MemoryPool::allocate(ir::DType dtype, ir::Shape shape) {
    if (dtype == ir::DType::String) return ir::Tensor(dtype, std::move(shape));
    auto n = shape.num_elements();
    if (!n) throw std::invalid_argument("output shape " + shape.to_string() + " is not fully defined");
    const std::size_t bytes = static_cast<std::size_t>(*n) * ir::dtype_size(dtype);
    if (bytes < 256) return ir::Tensor(dtype, std::move(shape));  // scalars: not worth pooling

    Slot* best = nullptr;
    std::size_t live = bytes;
    for (auto& slot : slots_) {
        if (slot.buffer.use_count() > 1) {
            live += slot.requested;
            continue;
        }
        // Best fit, but never hand a small tensor a much larger buffer (it would pin it).
        if (slot.buffer->size() >= bytes && slot.buffer->size() <= 2 * bytes + 4096 &&
            (!best || slot.buffer->size() < best->buffer->size()))
            best = &slot;
    }
    if (live > peak_live_) peak_live_ = live;
    if (!best) {
        // Nothing fits: replace the largest free buffer that is too small rather than keep it,
        // so the pool holds about as many buffers as tensors are ever live at once.
        Slot* grow = nullptr;
        for (auto& slot : slots_)
            if (slot.buffer.use_count() == 1 && slot.buffer->size() < bytes &&
                (!grow || slot.buffer->size() > grow->buffer->size()))
                grow = &slot;
        if (grow) {
            reserved_ -= grow->buffer->size();
            grow->buffer = std::make_shared<ir::Buffer>(bytes);
            best = grow;
        } else {
            slots_.push_back({std::make_shared<ir::Buffer>(bytes), 0});
            best = &slots_.back();
        }
        reserved_ += bytes;
    }
    best->requested = bytes;
    return ir::Tensor::from_buffer(dtype, std::move(shape), best->buffer);
}

}  // namespace wb::runtime
