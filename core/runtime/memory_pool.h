// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <memory>
#include <vector>

#include "ir/tensor.h"

namespace wb::runtime {

// The session's activation memory. A buffer is free when only the pool still holds it (every
// tensor viewing it has been dropped after its last consumer ran), so reuse follows liveness
// without a separate free call and a tensor the caller still holds is never overwritten.
// Best-fit reuse; the pool never shrinks while the session lives.
class MemoryPool {
public:
    ir::Tensor allocate(ir::DType dtype, ir::Shape shape);

    std::size_t reserved_bytes() const { return reserved_; }
    // Peak of the bytes live tensors actually asked for: what a perfect packing would need
    // for this schedule (the plan's lower bound).
    std::size_t peak_live_bytes() const { return peak_live_; }
    void reset_peaks() { peak_live_ = 0; }

private:
    struct Slot {
        std::shared_ptr<ir::Buffer> buffer;
        std::size_t requested = 0;
    };
    std::vector<Slot> slots_;
    std::size_t reserved_ = 0;
    std::size_t peak_live_ = 0;
};

}  // namespace wb::runtime
