// SPDX-License-Identifier: Apache-2.0
// Softmax/LogSoftmax over the last axis, BiasAdd (NHWC/NCHW) and FusedBatchNorm V1/V2/V3,
// including the training form TF1 graphs sometimes freeze (batch statistics, Bessel-corrected
// variance output as TensorFlow reports it).
#include <cmath>
#include <string>
#include <type_traits>

#include "runtime/kernels/kernel_util.h"
#include "runtime/thread_pool.h"

namespace wb::runtime {

namespace {

template <class T>
void softmax_rows(ThreadPool& pool, const T* x, T* y, int64_t rows, int64_t n, bool log) {
    pool.parallel_for(rows, [&](int64_t b, int64_t e) {
        for (int64_t r = b; r < e; ++r) {
            const T* in = x + r * n;
            T* out = y + r * n;
            T m = in[0];
            for (int64_t i = 1; i < n; ++i) m = std::max(m, in[i]);
            double sum = 0;
            for (int64_t i = 0; i < n; ++i) sum += std::exp(static_cast<double>(in[i] - m));
            if (log) {
                const double ls = std::log(sum);
                for (int64_t i = 0; i < n; ++i) out[i] = static_cast<T>(static_cast<double>(in[i] - m) - ls);
            } else {
                for (int64_t i = 0; i < n; ++i) out[i] = static_cast<T>(std::exp(static_cast<double>(in[i] - m)) / sum);
            }
        }
    }, std::max<int64_t>(1, 4096 / std::max<int64_t>(n, 1)));
}

// Runs fn on x converted to float32 when it is a half type, converting the output back.
template <class Fn>
Status with_float(KernelContext& ctx, ir::Tensor x, const ir::Shape& out_shape, Fn fn, int output = 0) {
    const ir::DType dtype = x.dtype();
    const bool half = ku::is_half(dtype);
    if (half) x = ku::to_float32(x);
    ir::Tensor out = half ? ir::Tensor(ir::DType::Float32, out_shape) : ctx.allocate_output(output, dtype, out_shape);
    bool ok = false;
    if (x.dtype() == ir::DType::Float32) ok = fn(x.data<float>(), out.data<float>()), ok = true;
    else if (x.dtype() == ir::DType::Float64) ok = fn(x.data<double>(), out.data<double>()), ok = true;
    if (!ok) return ku::fail(ctx, ku::dtype_error(dtype));
    if (half) ctx.set_output(output, ku::from_float32(out, dtype));
    return Ok{};
}

Status softmax(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    if (x.shape().rank() < 1) return ku::fail(ctx, "softmax needs rank >= 1");
    const int64_t n = x.shape().dims.back();
    const int64_t rows = n ? x.num_elements() / n : 0;
    const bool log = ctx.node().op == "LogSoftmax";
    return with_float(ctx, x, x.shape(), [&](auto* in, auto* out) {
        softmax_rows(ctx.pool(), in, out, rows, n, log);
        return true;
    });
}

Status bias_add(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    ir::Tensor bias = ctx.input(1);
    const bool nchw = ir::attr_string(ctx.node().attrs, "data_format") == "NCHW" && x.shape().rank() > 2;
    const int axis = nchw ? 1 : x.shape().rank() - 1;
    if (bias.shape().rank() != 1 || x.shape().rank() < 1 || x.shape().dims[axis] != bias.num_elements())
        return ku::fail(ctx, "bias " + bias.shape().to_string() + " does not match " + x.shape().to_string());
    int64_t inner = 1;
    for (int d = axis + 1; d < x.shape().rank(); ++d) inner *= x.shape().dims[d];
    const int64_t c = bias.num_elements();
    if (ku::is_half(bias.dtype())) bias = ku::to_float32(bias);
    if (!ir::is_floating(x.dtype())) {
        ir::Tensor& out = ctx.allocate_output(0, x.dtype(), x.shape());
        const bool ok = ku::dispatch(x.dtype(), [&](auto tag) {
            using T = typename decltype(tag)::type;
            for (int64_t i = 0; i < x.num_elements(); ++i)
                out.data<T>()[i] = static_cast<T>(x.data<T>()[i] + bias.data<T>()[(i / inner) % c]);
        }, false);
        return ok ? Status(Ok{}) : Status(ku::fail(ctx, ku::dtype_error(x.dtype())));
    }
    return with_float(ctx, x, x.shape(), [&](auto* in, auto* out) {
        using T = std::remove_const_t<std::remove_pointer_t<decltype(out)>>;
        const T* b = bias.data<T>();
        const int64_t n = x.num_elements();
        ctx.pool().parallel_for(n / (inner * c) * c, [&](int64_t r0, int64_t r1) {
            for (int64_t r = r0; r < r1; ++r) {
                const T bv = b[r % c];
                for (int64_t i = 0; i < inner; ++i) out[r * inner + i] = in[r * inner + i] + bv;
            }
        }, std::max<int64_t>(1, 16384 / inner));
        return true;
    });
}

Status fused_batch_norm(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    auto vec = [&](int i) { return ku::is_half(ctx.input(i).dtype()) ? ku::to_float32(ctx.input(i)) : ctx.input(i); };
    const ir::Tensor scale = vec(1), offset = vec(2), mean_in = vec(3), var_in = vec(4);
    const auto& a = ctx.node().attrs;
    const float eps = ir::attr_float(a, "epsilon", 1e-3f);
    const bool nchw = ir::attr_string(a, "data_format").rfind("NC", 0) == 0;
    const bool training = ir::attr_bool(a, "is_training", true);
    const int rank = x.shape().rank();
    if (rank < 2) return ku::fail(ctx, "input must have rank >= 2");
    const int axis = nchw ? 1 : rank - 1;
    const int64_t c = x.shape().dims[axis];
    int64_t inner = 1;
    for (int d = axis + 1; d < rank; ++d) inner *= x.shape().dims[d];
    const int64_t count = c ? x.num_elements() / c : 0;
    std::vector<double> mean(c), var(c);
    auto param = [](const ir::Tensor& t, int64_t i) { return t.value_as_double(i); };
    ir::Tensor xf = ku::is_half(x.dtype()) ? ku::to_float32(x) : x;
    if (training) {
        std::vector<double> sum(c, 0), sq(c, 0);
        for (int64_t i = 0; i < xf.num_elements(); ++i) {
            const double v = xf.value_as_double(i);
            sum[(i / inner) % c] += v;
        }
        for (int64_t k = 0; k < c; ++k) mean[k] = count ? sum[k] / count : 0;
        for (int64_t i = 0; i < xf.num_elements(); ++i) {
            const double v = xf.value_as_double(i) - mean[(i / inner) % c];
            sq[(i / inner) % c] += v * v;
        }
        for (int64_t k = 0; k < c; ++k) var[k] = count ? sq[k] / count : 0;
    } else {
        for (int64_t k = 0; k < c; ++k) {
            mean[k] = param(mean_in, k);
            var[k] = param(var_in, k);
        }
    }
    std::vector<double> mul(c), add(c);
    for (int64_t k = 0; k < c; ++k) {
        mul[k] = param(scale, k) / std::sqrt(var[k] + eps);
        add[k] = param(offset, k) - mean[k] * mul[k];
    }
    Status st = with_float(ctx, x, x.shape(), [&](auto* in, auto* out) {
        using T = std::remove_const_t<std::remove_pointer_t<decltype(out)>>;
        for (int64_t i = 0; i < x.num_elements(); ++i) {
            const int64_t k = (i / inner) % c;
            out[i] = static_cast<T>(in[i] * mul[k] + add[k]);
        }
        return true;
    });
    if (!st) return st;
    const ir::DType pt = scale.dtype();
    auto stat = [&](const std::vector<double>& v) {
        ir::Tensor t(pt, ir::Shape{c});
        for (int64_t k = 0; k < c; ++k) {
            if (pt == ir::DType::Float64) t.data<double>()[k] = v[k];
            else t.data<float>()[k] = static_cast<float>(v[k]);
        }
        return t;
    };
    std::vector<double> var_out = var;
    if (training && count > 1)
        for (auto& v : var_out) v = v * count / (count - 1);
    ctx.set_output(1, stat(mean));
    ctx.set_output(2, stat(var_out));
    ctx.set_output(3, stat(mean));
    ctx.set_output(4, stat(var));
    ctx.set_output(5, ir::Tensor(pt, ir::Shape{0}));
    return Ok{};
}

}  // namespace

void register_nn_kernels(KernelRegistry& r) {
    r.add("Softmax", simple_kernel(softmax));
    r.add("LogSoftmax", simple_kernel(softmax));
    r.add("BiasAdd", simple_kernel(bias_add));
    r.add("BiasAddV1", simple_kernel(bias_add));
    for (const char* op : {"FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3"})
        r.add(op, simple_kernel(fused_batch_norm));
}

}  // namespace wb::runtime
