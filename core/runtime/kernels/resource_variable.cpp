// SPDX-License-Identifier: Apache-2.0
// Resource variables (VarHandleOp, ReadVariableOp, AssignVariableOp, VarIsInitializedOp): state
// that survives between Session::run calls, as TensorFlow keeps it in its resource manager.
// The VarHandleOp kernel object (one per node per session) owns the variable, so two sessions
// on one model never share state. Its handle is a string scalar naming the variable in a
// process-wide table (handle_table.h), as TensorArrayV3's is.
//
// Initial value: TensorFlow restores a variable from its checkpoint or runs its initializer;
// the graphs we run carry neither, so a variable whose `shape` attr is fully defined starts as
// zeros of that shape (the value a Keras stateful RNN gives its states when built and on
// reset_states()), and Kernel::reset_state() (Session::reset_states()) puts it back there.
// A variable with a partial shape starts unassigned; reading it then is an error, as in TF.
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include "runtime/kernels/handle_table.h"
#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

struct Variable {
    std::mutex mutex;
    ir::DType dtype = ir::DType::Float32;
    ir::Tensor value;  // invalid = not assigned
};

HandleTable<Variable>& variables() {
    static HandleTable<Variable> t;
    return t;
}

class VarHandleKernel final : public Kernel {
public:
    explicit VarHandleKernel(const ir::Node& node) : var_(std::make_shared<Variable>()) {
        var_->dtype = ir::attr_type(node.attrs, "dtype", ir::DType::Float32);
        if (const ir::Shape* s = ir::attr_shape(node.attrs, "shape")) shape_ = *s;
        id_ = variables().add(var_, "variable", node.name);
    }
    ~VarHandleKernel() override { variables().remove(id_); }
    Status prepare(PrepareContext&) override {
        reset_state();
        return Ok{};
    }
    void reset_state() override {
        std::lock_guard lock(var_->mutex);
        var_->value = ir::Tensor();
        if (shape_.unknown_rank || var_->dtype == ir::DType::String || var_->dtype == ir::DType::Resource) return;
        for (int64_t d : shape_.dims)
            if (d < 0) return;
        var_->value = ir::Tensor(var_->dtype, shape_);  // zero-filled storage
    }
    Status compute(KernelContext& ctx) override {
        ctx.set_output(0, ir::Tensor::from_strings(ir::Shape{}, {id_}));
        return Ok{};
    }

private:
    std::shared_ptr<Variable> var_;
    ir::Shape shape_ = ir::Shape::unknown();
    std::string id_;
};

Expected<std::shared_ptr<Variable>> variable_of(KernelContext& ctx) {
    auto var = variables().find(ctx.input(0));
    if (!var) return ku::fail(ctx, "input 0 is not a resource variable handle (VarHandleOp)");
    return var;
}

Status read_variable(KernelContext& ctx) {
    auto var = variable_of(ctx);
    if (!var) return var.error();
    std::lock_guard lock((*var)->mutex);
    const ir::Tensor& v = (*var)->value;
    if (!v.valid()) return ku::fail(ctx, "the variable is read before any value was assigned to it");
    const ir::DType want = ir::attr_type(ctx.node().attrs, "dtype", v.dtype());
    if (want != v.dtype()) return ku::fail(ctx, "dtype attr differs from the variable's dtype");
    // A copy: the output's buffer may be reused or accumulated into by later kernels.
    ir::Tensor& out = ctx.allocate_output(0, v.dtype(), v.shape());
    std::memcpy(out.raw(), v.raw(), v.byte_size());
    return Ok{};
}

Status assign_variable(KernelContext& ctx) {
    auto var = variable_of(ctx);
    if (!var) return var.error();
    const ir::Tensor& v = ctx.input(1);
    std::lock_guard lock((*var)->mutex);
    if (v.dtype() != (*var)->dtype) return ku::fail(ctx, "value dtype differs from the variable's dtype");
    if ((*var)->value.valid() && !((*var)->value.shape() == v.shape()))
        return ku::fail(ctx, "value shape " + v.shape().to_string() + " differs from the variable's " +
                                 (*var)->value.shape().to_string());
    (*var)->value = v.clone();
    return Ok{};
}

Status is_initialized(KernelContext& ctx) {
    auto var = variable_of(ctx);
    if (!var) return var.error();
    std::lock_guard lock((*var)->mutex);
    ctx.allocate_output(0, ir::DType::Bool, ir::Shape{}).data<bool>()[0] = (*var)->value.valid();
    return Ok{};
}

}  // namespace

void register_resource_variable_kernels(KernelRegistry& r) {
    r.add("VarHandleOp", [](const ir::Node& n) { return std::make_unique<VarHandleKernel>(n); });
    r.add("ReadVariableOp", simple_kernel(read_variable));
    r.add("AssignVariableOp", simple_kernel(assign_variable));
    r.add("VarIsInitializedOp", simple_kernel(is_initialized));
}

}  // namespace wb::runtime
