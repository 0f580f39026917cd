// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/graph.h"
#include "ir/node.h"
#include "ir/tensor.h"
#include "util/error.h"

namespace wb::runtime {

class ThreadPool;

// What a kernel sees when it runs: its node (op + attrs as read), resolved inputs and a place
// to put outputs. Outputs come from allocate_output (served from the session's memory plan) or
// set_output (pass-through kernels such as Identity and Reshape share their input's buffer).
class KernelContext {
public:
    virtual ~KernelContext() = default;
    virtual const ir::Node& node() const = 0;
    virtual int num_inputs() const = 0;
    virtual const ir::Tensor& input(int index) const = 0;
    virtual ir::Tensor& allocate_output(int index, ir::DType dtype, ir::Shape shape) = 0;
    virtual void set_output(int index, ir::Tensor tensor) = 0;
    virtual ThreadPool& pool() = 0;

    // Residual folding: when this node's only consumer is an Add whose other operand is
    // already computed, the executor offers that operand here. A kernel may add it to output 0
    // (same dtype and shape) and call residual_added(); the Add then only forwards. When
    // residual_in_place(), nobody else holds the operand, so output 0 may be the operand itself
    // (set_output), accumulated into. Kernels that ignore the offer lose nothing.
    virtual const ir::Tensor* residual() const { return nullptr; }
    virtual bool residual_in_place() const { return false; }
    virtual void residual_added() {}
};

// Facts known when a session is created, before any run: which inputs are constants (weights)
// so that a kernel can pre-pack them once (frugally-deep / ncnn habit).
class PrepareContext {
public:
    virtual ~PrepareContext() = default;
    virtual const ir::Node& node() const = 0;
    virtual int num_inputs() const = 0;
    // The constant value of input `index`, or nullptr when it is computed at run time.
    virtual const ir::Tensor* constant_input(int index) const = 0;
    virtual ThreadPool& pool() = 0;
    // The graph's function library (If/While/PartitionedCall bodies), or nullptr when none.
    virtual const std::vector<ir::Function>* library() const { return nullptr; }
};

// One op implementation. A kernel object is created per node per session, so it may cache
// packed weights and shape-dependent plans between runs.
class Kernel {
public:
    virtual ~Kernel() = default;
    virtual Status prepare(PrepareContext&) { return Ok{}; }
    virtual Status compute(KernelContext& ctx) = 0;
    // Kernels that keep state between runs (resource variables) return to their initial state.
    virtual void reset_state() {}
};

using KernelFactory = std::function<std::unique_ptr<Kernel>(const ir::Node&)>;

// Kernels registered by TensorFlow op name. Families register through one function each,
// called from kernels_list.cpp (explicit, because static-initializer registration is dropped
// by the linker when the core is a static library).
class KernelRegistry {
public:
    static const KernelRegistry& instance();
    void add(const std::string& op, KernelFactory factory);
    const KernelFactory* find(const std::string& op) const;
    bool has(const std::string& op) const { return find(op) != nullptr; }
    std::vector<std::string> ops() const;  // sorted

private:
    std::unordered_map<std::string, KernelFactory> factories_;
};

// Wraps a stateless lambda `Status(KernelContext&)` as a kernel factory.
KernelFactory simple_kernel(std::function<Status(KernelContext&)> fn);

// Error helper: names the node and op.
Error kernel_error(const ir::Node& node, const std::string& message);

}  // namespace wb::runtime
