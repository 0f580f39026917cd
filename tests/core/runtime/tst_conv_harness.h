// SPDX-License-Identifier: Apache-2.0
// Runs one kernel outside a Session (fake contexts) and compares it with a reference result;
// shared by the conv, pool, matmul and fused suites.
#pragma once
#include <QString>
#include <QTest>

#include <cmath>
#include <cstdlib>
#include <deque>
#include <memory>
#include <random>

#include "ir/node.h"
#include "ir/tensor.h"
#include "runtime/kernel.h"
#include "runtime/reference/reference_conv.h"
#include "runtime/thread_pool.h"

namespace wb::test {

class FakeContext final : public runtime::KernelContext, public runtime::PrepareContext {
public:
    FakeContext(const ir::Node& node, std::vector<ir::Tensor> inputs, std::vector<bool> constant,
                runtime::ThreadPool& pool)
        : node_(node), inputs_(std::move(inputs)), constant_(std::move(constant)), pool_(pool) {}
    const ir::Node& node() const override { return node_; }
    int num_inputs() const override { return static_cast<int>(inputs_.size()); }
    const ir::Tensor& input(int i) const override { return inputs_.at(i); }
    const ir::Tensor* constant_input(int i) const override {
        return i < static_cast<int>(constant_.size()) && constant_[i] ? &inputs_[i] : nullptr;
    }
    // std::deque: references to earlier outputs stay valid while later ones are allocated.
    ir::Tensor& allocate_output(int i, ir::DType dt, ir::Shape shape) override {
        if (outputs.size() <= static_cast<size_t>(i)) outputs.resize(i + 1);
        return outputs[i] = ir::Tensor(dt, std::move(shape));
    }
    void set_output(int i, ir::Tensor t) override {
        if (outputs.size() <= static_cast<size_t>(i)) outputs.resize(i + 1);
        outputs[i] = std::move(t);
    }
    runtime::ThreadPool& pool() override { return pool_; }
    std::deque<ir::Tensor> outputs;

private:
    const ir::Node& node_;
    std::vector<ir::Tensor> inputs_;
    std::vector<bool> constant_;
    runtime::ThreadPool& pool_;
};

// Builds the kernel for `node` from `registry`, prepares it (inputs flagged constant are the
// weights) and runs it `runs` times; returns all outputs.
inline wb::Expected<std::vector<ir::Tensor>> run_node_outputs(const runtime::KernelRegistry& registry, const ir::Node& node,
                                         std::vector<ir::Tensor> inputs, std::vector<bool> constant,
                                         int threads = 2, int runs = 2) {
    static runtime::ThreadPool pool2(2), pool1(1);
    const runtime::KernelFactory* factory = registry.find(node.op);
    if (!factory) return Error{{}, node.name, "no kernel for " + node.op};
    auto kernel = (*factory)(node);
    FakeContext ctx(node, std::move(inputs), std::move(constant), threads == 1 ? pool1 : pool2);
    if (auto s = kernel->prepare(ctx); !s) return s.error();
    for (int r = 0; r < runs; ++r) {  // twice: the second run exercises cached plans
        ctx.outputs.clear();
        if (auto s = kernel->compute(ctx); !s) return s.error();
    }
    if (ctx.outputs.empty()) return Error{{}, node.name, "kernel produced no output"};
    return std::vector<ir::Tensor>(ctx.outputs.begin(), ctx.outputs.end());
}

// As run_node_outputs, returning output 0.
inline wb::Expected<ir::Tensor> run_node(const runtime::KernelRegistry& registry, const ir::Node& node,
                                         std::vector<ir::Tensor> inputs, std::vector<bool> constant,
                                         int threads = 2, int runs = 2) {
    auto all = run_node_outputs(registry, node, std::move(inputs), std::move(constant), threads, runs);
    if (!all) return all.error();
    return (*all)[0];
}

// Uniform [-1, 1) values (integers: [-50, 50)) from a fixed seed (mt19937: identical on every platform).
inline ir::Tensor random_tensor(ir::Shape shape, uint32_t seed, ir::DType dt = ir::DType::Float32) {
    std::mt19937 gen(seed);
    ir::Tensor t(dt, shape);
    for (int64_t i = 0; i < t.num_elements(); ++i) {
        const double v = static_cast<double>(gen()) / 4294967296.0 * 2.0 - 1.0;
        switch (dt) {
        case ir::DType::Float64: t.data<double>()[i] = v; break;
        case ir::DType::Float16: t.data<uint16_t>()[i] = ir::float_to_half(static_cast<float>(v)); break;
        case ir::DType::BFloat16: t.data<uint16_t>()[i] = ir::float_to_bfloat16(static_cast<float>(v)); break;
        case ir::DType::Int32: t.data<int32_t>()[i] = static_cast<int32_t>(std::floor(v * 50)); break;
        case ir::DType::Int64: t.data<int64_t>()[i] = static_cast<int64_t>(std::floor(v * 50)); break;
        default: t.data<float>()[i] = static_cast<float>(v);
        }
    }
    return t;
}

inline ir::Tensor int_tensor(std::vector<int32_t> v) {
    return ir::Tensor::from_vector<int32_t>(ir::DType::Int32, ir::Shape{static_cast<int64_t>(v.size())}, v);
}

inline ir::AttrValue ints_attr(std::vector<int64_t> v) {
    ir::AttrList l;
    l.i = std::move(v);
    return ir::AttrValue(l);
}
inline ir::AttrValue strings_attr(std::vector<std::string> v) {
    ir::AttrList l;
    l.s = std::move(v);
    return ir::AttrValue(l);
}

// Empty when |got - want| <= atol + rtol * |want| everywhere and the shapes agree.
inline QString compare(const ir::Tensor& got, const runtime::reference::RefTensor& want, double atol, double rtol) {
    if (got.shape().dims != want.dims)
        return QStringLiteral("shape %1, reference has %2 dims")
            .arg(QString::fromStdString(got.shape().to_string()))
            .arg(want.dims.size());
    for (int64_t i = 0; i < got.num_elements(); ++i) {
        const double g = got.value_as_double(i), w = want.v[i];
        if (!(std::abs(g - w) <= atol + rtol * std::abs(w)))
            return QStringLiteral("element %1: got %2, reference %3").arg(i).arg(g, 0, 'g', 9).arg(w, 0, 'g', 9);
    }
    return {};
}

// The kernel paths a suite runs: oneDNN (when compiled in) and Eigen, chosen by WB_FORCE_EIGEN.
inline std::vector<const char*> kernel_paths() {
#ifdef WB_HAVE_ONEDNN
    return {"onednn", "eigen"};
#else
    return {"eigen"};
#endif
}
inline void select_path(const char* path) {
    if (std::string(path) == "eigen")
        qputenv("WB_FORCE_EIGEN", "1");
    else
        qunsetenv("WB_FORCE_EIGEN");
}

}  // namespace wb::test
