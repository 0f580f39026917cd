// SPDX-License-Identifier: Apache-2.0
#include "runtime/memory_pool.h"

#include <algorithm>
#include <stdexcept>

namespace wb::runtime {

namespace {
// Past this many allocations per run (long loops) the trace is not worth keeping: stay dynamic.
constexpr std::size_t kMaxTrace = 1 << 18;
}  // namespace

void MemoryPool::begin_run() {
    bracketed_ = true;
    deviated_ = false;
    cursor_ = 0;
    trace_bytes_.clear();
    trace_last_live_.clear();
    for (auto& s : slots_) s.tenant = -1;
}

void MemoryPool::end_run(bool completed) {
    if (!bracketed_) return;
    bracketed_ = false;
    if (mode_ == Mode::Record && completed && !trace_bytes_.empty()) {
        // Whatever is still held (the fetched outputs) lives to the end of the run.
        for (auto& s : slots_)
            if (s.tenant >= 0 && s.buffer.use_count() > 1) trace_last_live_[s.tenant] = static_cast<int>(trace_bytes_.size());
        build_plan();
    } else if (mode_ == Mode::Replay && completed && (deviated_ || cursor_ != plan_bytes_.size())) {
        // The run allocated differently from the recorded one: keep the buffers as dynamic
        // ones and record again; after two such plans, stay dynamic (data-dependent shapes).
        for (auto& s : planned_) slots_.push_back(std::move(s));
        planned_.clear();
        mode_ = ++failed_plans_ >= 2 ? Mode::Dynamic : Mode::Record;
    }
    trace_bytes_.clear();
    trace_last_live_.clear();
}

void MemoryPool::build_plan() {
    std::vector<std::size_t> sizes;
    plan_slot_ = assign_shared_buffers(trace_bytes_, trace_last_live_, sizes);
    plan_bytes_ = trace_bytes_;
    // The recorded run's buffers go; one the caller still holds (a fetched output) lives on
    // with the caller, outside the pool.
    for (const auto& s : slots_) reserved_ -= s.buffer->size();
    slots_.clear();
    planned_.clear();
    for (std::size_t size : sizes) {
        planned_.push_back({std::make_shared<ir::Buffer>(size), 0, -1});
        reserved_ += size;
    }
    mode_ = Mode::Replay;
}

bool MemoryPool::exclusively_held(const std::shared_ptr<ir::Buffer>& buffer, long holders) const {
    if (!buffer || buffer.use_count() != 1 + holders) return false;
    for (const auto* list : {&slots_, &planned_})
        for (const auto& s : *list)
            if (s.buffer == buffer) return true;
    return false;
}

ir::Tensor MemoryPool::allocate(ir::DType dtype, ir::Shape shape) {
    if (dtype == ir::DType::String) return ir::Tensor(dtype, std::move(shape));
    auto n = shape.num_elements();
    if (!n) throw std::invalid_argument("output shape " + shape.to_string() + " is not fully defined");
    const std::size_t bytes = static_cast<std::size_t>(*n) * ir::dtype_size(dtype);
    if (bytes < 256) return ir::Tensor(dtype, std::move(shape));  // scalars: not worth pooling

    std::size_t live = bytes;
    for (const auto& s : planned_)
        if (s.buffer.use_count() > 1) live += s.requested;
    if (bracketed_ && mode_ == Mode::Replay) {
        const std::size_t k = cursor_++;
        if (k < plan_bytes_.size() && plan_bytes_[k] == bytes) {
            Slot& s = planned_[plan_slot_[k]];
            if (s.buffer.use_count() == 1) {
                for (const auto& d : slots_)
                    if (d.buffer.use_count() > 1) live += d.requested;
                peak_live_ = std::max(peak_live_, live);
                s.requested = bytes;
                return ir::Tensor::from_buffer(dtype, std::move(shape), s.buffer);
            }
        } else {
            deviated_ = true;
        }
    }
    return allocate_dynamic(dtype, std::move(shape), bytes, live);
}

ir::Tensor MemoryPool::allocate_dynamic(ir::DType dtype, ir::Shape shape, std::size_t bytes, std::size_t live) {
    const bool record = bracketed_ && mode_ == Mode::Record;
    if (record && trace_bytes_.size() >= kMaxTrace) mode_ = Mode::Dynamic;
    const int k = static_cast<int>(trace_bytes_.size());
    Slot* best = nullptr;
    for (auto& slot : slots_) {
        if (slot.buffer.use_count() > 1) {
            live += slot.requested;
            if (record && slot.tenant >= 0) trace_last_live_[slot.tenant] = k;
            continue;
        }
        // Best fit, but never hand a small tensor a much larger buffer (it would pin it).
        if (slot.buffer->size() >= bytes && slot.buffer->size() <= 2 * bytes + 4096 &&
            (!best || slot.buffer->size() < best->buffer->size()))
            best = &slot;
    }
    peak_live_ = std::max(peak_live_, live);
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
            slots_.push_back({std::make_shared<ir::Buffer>(bytes), 0, -1});
            best = &slots_.back();
        }
        reserved_ += bytes;
    }
    best->requested = bytes;
    best->tenant = -1;
    if (bracketed_ && mode_ == Mode::Record) {
        best->tenant = k;
        trace_bytes_.push_back(bytes);
        trace_last_live_.push_back(k);
    }
    return ir::Tensor::from_buffer(dtype, std::move(shape), best->buffer);
}

}  // namespace wb::runtime
