// SPDX-License-Identifier: Apache-2.0
// Kernel benchmark (not a test): the 52 convolutions of tfjs/nsfwjs/mobilenet_v2_mid at 224x224
// through the conv kernels, per layer (GFLOPS) and as one chain (ms per inference, the kernel
// part of an end-to-end run), on the oneDNN and Eigen paths, 1 and 2 threads.
//   bench_kernels [--benchmark_filter=chain] [--benchmark_repetitions=9 --benchmark_report_aggregates_only]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>

#include "formats/registry.h"
#include "mobilenet_layers.h"
#include "runtime/kernel.h"
#include "runtime/session.h"
#include "runtime/kernels/conv/conv_kernel.h"
#include "runtime/thread_pool.h"

using namespace wb;

namespace {

// Inputs by pointer, output 0 into a preallocated tensor (as the session's memory plan does).
class Context final : public runtime::KernelContext, public runtime::PrepareContext {
public:
    Context(const ir::Node& n, std::vector<const ir::Tensor*> in, ir::Tensor* out, runtime::ThreadPool& p)
        : node_(n), in_(std::move(in)), out_(out), pool_(p) {}
    const ir::Node& node() const override { return node_; }
    int num_inputs() const override { return static_cast<int>(in_.size()); }
    const ir::Tensor& input(int i) const override { return *in_[i]; }
    const ir::Tensor* constant_input(int i) const override { return i > 0 ? in_[i] : nullptr; }
    ir::Tensor& allocate_output(int, ir::DType dt, ir::Shape s) override {
        if (!out_->valid() || out_->shape() != s) *out_ = ir::Tensor(dt, s);
        return *out_;
    }
    void set_output(int, ir::Tensor t) override { *out_ = std::move(t); }
    runtime::ThreadPool& pool() override { return pool_; }

private:
    const ir::Node& node_;
    std::vector<const ir::Tensor*> in_;
    ir::Tensor* out_;
    runtime::ThreadPool& pool_;
};

ir::Tensor random(ir::Shape s, uint32_t seed, float scale) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<float> d(-scale, scale);
    ir::Tensor t(ir::DType::Float32, s);
    for (int64_t i = 0; i < t.num_elements(); ++i) t.data<float>()[i] = d(gen);
    return t;
}

struct Step {
    ir::Node node;
    ir::Tensor filter, bias, output;
    std::unique_ptr<runtime::Kernel> kernel;
    std::unique_ptr<Context> ctx;
    double flops = 0;
};

// The chain of layers [first, last): each reads the previous output.
struct Net {
    ir::Tensor input;
    std::vector<std::unique_ptr<Step>> steps;
    double flops = 0;

    Net(size_t first, size_t last, runtime::ThreadPool& pool) {
        const auto layers = bench::mobilenet_v2_mid_layers();
        int64_t hw = 224;
        for (size_t i = 0; i < first; ++i) hw = (hw + layers[i].stride - 1) / layers[i].stride;
        input = random(ir::Shape{1, hw, hw, layers[first].in_c}, 1, 1.f);
        const ir::Tensor* x = &input;
        for (size_t i = first; i < last; ++i) {
            const bench::Layer& l = layers[i];
            auto s = std::make_unique<Step>();
            s->node.name = "layer" + std::to_string(i);
            s->node.op = l.depthwise ? "FusedDepthwiseConv2dNative" : "_FusedConv2D";
            ir::AttrList strides, ops;
            strides.i = {1, l.stride, l.stride, 1};
            ops.s = l.relu6 ? std::vector<std::string>{"BiasAdd", "Relu6"} : std::vector<std::string>{"BiasAdd"};
            s->node.attrs["strides"] = ir::AttrValue(strides);
            s->node.attrs["padding"] = std::string("SAME");
            s->node.attrs["fused_ops"] = ir::AttrValue(ops);
            s->node.attrs["num_args"] = int64_t(1);
            s->filter = random(l.depthwise ? ir::Shape{l.k, l.k, l.in_c, 1} : ir::Shape{l.k, l.k, l.in_c, l.out_c},
                               100 + i, 0.1f);
            s->bias = random(ir::Shape{l.out_c}, 200 + i, 0.1f);
            const int64_t out_hw = (hw + l.stride - 1) / l.stride;
            s->flops = 2.0 * out_hw * out_hw * l.out_c * l.k * l.k * (l.depthwise ? 1 : l.in_c);
            flops += s->flops;
            s->ctx = std::make_unique<Context>(s->node, std::vector<const ir::Tensor*>{x, &s->filter, &s->bias},
                                               &s->output, pool);
            const runtime::KernelFactory* factory = runtime::KernelRegistry::instance().find(s->node.op);
            if (!factory) {
                std::fprintf(stderr, "no kernel registered for %s (kernels_list.cpp)\n", s->node.op.c_str());
                std::exit(1);
            }
            s->kernel = (*factory)(s->node);
            if (!s->kernel->prepare(*s->ctx)) std::abort();
            x = &s->output;
            hw = out_hw;
            steps.push_back(std::move(s));
        }
    }
    void run() {
        for (auto& s : steps)
            if (!s->kernel->compute(*s->ctx)) std::abort();
    }
};

void set_path(int64_t onednn) {
    if (onednn) unsetenv("WB_FORCE_EIGEN");
    else setenv("WB_FORCE_EIGEN", "1", 1);
}

runtime::ThreadPool& pool_of(int64_t threads) {
    static runtime::ThreadPool p1(1), p2(2);
    return threads == 1 ? p1 : p2;
}

// args: {onednn?, threads}
void chain(benchmark::State& state) {
    set_path(state.range(0));
    Net net(0, bench::mobilenet_v2_mid_layers().size(), pool_of(state.range(1)));
    net.run();  // first run: primitive creation and weight packing
    for (auto _ : state) net.run();
    state.counters["GFLOPS"] = benchmark::Counter(net.flops * state.iterations() * 1e-9, benchmark::Counter::kIsRate);
    state.counters["MFLOP"] = net.flops * 1e-6;
}

// args: {layer index, onednn?, threads}
void layer(benchmark::State& state) {
    set_path(state.range(1));
    const auto i = static_cast<size_t>(state.range(0));
    Net net(i, i + 1, pool_of(state.range(2)));
    net.run();
    for (auto _ : state) net.run();
    const auto l = bench::mobilenet_v2_mid_layers()[i];
    state.SetLabel(std::string(l.depthwise ? "dw" : "conv") + std::to_string(l.k) + "x" + std::to_string(l.k) + " " +
                   std::to_string(l.in_c) + "->" + std::to_string(l.out_c) + " s" + std::to_string(l.stride));
    state.counters["GFLOPS"] = benchmark::Counter(net.flops * state.iterations() * 1e-9, benchmark::Counter::kIsRate);
}

void chain_args(benchmark::internal::Benchmark* b) {
#ifdef WB_HAVE_ONEDNN
    for (int threads : {1, 2}) b->Args({1, threads});
#endif
    for (int threads : {1, 2}) b->Args({0, threads});
    b->ArgNames({"onednn", "threads"})->Unit(benchmark::kMillisecond)->UseRealTime();
}

void layer_args(benchmark::internal::Benchmark* b) {
    const auto layers = bench::mobilenet_v2_mid_layers();
    for (size_t i = 0; i < layers.size(); ++i) {
#ifdef WB_HAVE_ONEDNN
        b->Args({int64_t(i), 1, 2});
#endif
        b->Args({int64_t(i), 0, 2});
    }
    b->ArgNames({"layer", "onednn", "threads"})->Unit(benchmark::kMicrosecond)->UseRealTime();
}

// End to end through the Session (graph executor, memory plan, every op) on the model in
// $WB_BENCH_MODEL (a model file; default: the corpus' mobilenet_v2_mid/model.json), input uniform [0,1).
// args: {onednn?, threads}
void session(benchmark::State& state) {
    set_path(state.range(0));
    const char* env = std::getenv("WB_BENCH_MODEL");
    const std::string path = env ? env : WB_DEFAULT_BENCH_MODEL;
    auto model = formats::read_model(path);
    if (!model) {
        state.SkipWithError(model.error().what().c_str());
        return;
    }
    auto shared = std::make_shared<const ir::Model>(std::move(*model));
    runtime::SessionOptions options;
    options.threads = static_cast<int>(state.range(1));
    auto session = runtime::Session::create(shared, options);
    if (!session) {
        state.SkipWithError(session.error().what().c_str());
        return;
    }
    std::vector<runtime::NamedTensor> feeds;
    for (const auto& in : shared->inputs) {
        std::vector<int64_t> dims = in.shape.dims;
        for (size_t i = 0; i < dims.size(); ++i)
            if (dims[i] < 0) dims[i] = i == 0 ? 1 : 224;
        ir::Tensor t = random(ir::Shape(dims), 7, 0.5f);
        for (int64_t i = 0; i < t.num_elements(); ++i) t.data<float>()[i] += 0.5f;
        feeds.emplace_back(in.key, t);
    }
    auto first = (*session)->run(feeds);
    if (!first) {
        state.SkipWithError(first.error().what().c_str());
        return;
    }
    for (auto _ : state)
        if (!(*session)->run(feeds)) std::abort();
    state.counters["GFLOPS"] =
        benchmark::Counter(bench::kMobilenetV2MidFlops * state.iterations() * 1e-9, benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(session)->Apply(chain_args);
BENCHMARK(chain)->Apply(chain_args);
BENCHMARK(layer)->Apply(layer_args);
BENCHMARK_MAIN();
