// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <deque>

#include "runtime/kernel.h"
#include "runtime/memory_pool.h"

namespace wb::runtime {

// What both executors hand a kernel, less the inputs (each executor keeps those its own way):
// outputs served from the memory pool, the thread pool, and the residual Add on offer.
class ExecContextBase : public KernelContext {
public:
    ExecContextBase(std::deque<ir::Tensor>& outputs, ThreadPool& pool, MemoryPool& memory)
        : outputs_(outputs), pool_(pool), memory_(memory) {}
    ir::Tensor& allocate_output(int i, ir::DType dtype, ir::Shape shape) override {
        grow(i);
        outputs_[i] = memory_.allocate(dtype, std::move(shape));
        return outputs_[i];
    }
    void set_output(int i, ir::Tensor t) override {
        grow(i);
        outputs_[i] = std::move(t);
    }
    ThreadPool& pool() override { return pool_; }
    const ir::Tensor* residual() const override { return residual_; }
    bool residual_in_place() const override { return in_place_; }
    void residual_added() override { added_ = true; }

    void offer(const ir::Tensor* operand, bool in_place) {
        residual_ = operand;
        in_place_ = in_place;
    }
    bool added() const { return added_; }

protected:
    void reset_offer() {
        residual_ = nullptr;
        in_place_ = added_ = false;
    }

private:
    void grow(int i) {
        if (i >= static_cast<int>(outputs_.size())) outputs_.resize(i + 1);
    }
    std::deque<ir::Tensor>& outputs_;  // deque: references handed out stay valid as it grows
    ThreadPool& pool_;
    MemoryPool& memory_;
    const ir::Tensor* residual_ = nullptr;
    bool in_place_ = false;
    bool added_ = false;
};

}  // namespace wb::runtime
