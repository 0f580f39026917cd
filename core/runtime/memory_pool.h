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
//
// Without begin_run/end_run the pool is dynamic (best fit). A session brackets each run: the
// first run records every allocation's size and lifetime, end_run turns that into a plan (each
// tensor gets one of a few shared buffers, largest first, with no two overlapping lifetimes on
// one buffer), and later runs replay it. A replayed buffer is still handed out only when it is
// actually free, else the allocation falls back to the dynamic buffers, so a plan that no longer
// matches (other shapes, other branches) costs memory, never correctness; it is then re-recorded.
class MemoryPool {
public:
    ir::Tensor allocate(ir::DType dtype, ir::Shape shape);
    void begin_run();
    void end_run(bool completed);

    std::size_t reserved_bytes() const { return reserved_; }
    // Peak of the bytes live tensors actually asked for: what a perfect packing would need
    // for this schedule (the plan's lower bound).
    std::size_t peak_live_bytes() const { return peak_live_; }
    void reset_peaks() { peak_live_ = 0; }
    bool planned() const { return mode_ == Mode::Replay; }
    // True when `buffer` is one of the pool's and nobody but the pool and `holders` others
    // reference it: its contents may then be overwritten in place.
    bool exclusively_held(const std::shared_ptr<ir::Buffer>& buffer, long holders) const;

private:
    struct Slot {
        std::shared_ptr<ir::Buffer> buffer;
        std::size_t requested = 0;
        int tenant = -1;  // recording: index of the allocation now using it
    };
    enum class Mode { Dynamic, Record, Replay };

    ir::Tensor allocate_dynamic(ir::DType dtype, ir::Shape shape, std::size_t bytes, std::size_t live);
    void build_plan();

    std::vector<Slot> slots_;    // dynamic buffers (and replay's fall-backs)
    std::vector<Slot> planned_;  // the plan's shared buffers
    std::vector<std::size_t> trace_bytes_;  // recording: size of allocation k
    std::vector<int> trace_last_live_;      // recording: last allocation at which k was live
    std::vector<int> plan_slot_;            // allocation k → planned_ buffer
    std::vector<std::size_t> plan_bytes_;
    Mode mode_ = Mode::Record;  // records only inside begin_run/end_run
    bool bracketed_ = false;
    bool deviated_ = false;
    int failed_plans_ = 0;
    std::size_t cursor_ = 0;
    std::size_t reserved_ = 0;
    std::size_t peak_live_ = 0;
};

// Assigns allocations to shared buffers: biggest first, each to the smallest existing buffer
// none of whose tenants' lifetimes [k, last_live[k]] overlaps its own, else to a new buffer.
// Returns the buffer per allocation and fills `sizes` (one per buffer).
std::vector<int> assign_shared_buffers(const std::vector<std::size_t>& bytes, const std::vector<int>& last_live,
                                       std::vector<std::size_t>& sizes);

}  // namespace wb::runtime
