// SPDX-License-Identifier: Apache-2.0
// Loss ops TF1 graphs freeze: L2Loss (sum(x^2)/2), SoftmaxCrossEntropyWithLogits and
// SparseSoftmaxCrossEntropyWithLogits (loss and backprop = softmax - labels), computed in double.
#include <cmath>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

void store(ir::Tensor& t, int64_t i, double v) {
    if (t.dtype() == ir::DType::Float64) t.data<double>()[i] = v;
    else if (t.dtype() == ir::DType::Float16) t.data<uint16_t>()[i] = ir::float_to_half(static_cast<float>(v));
    else if (t.dtype() == ir::DType::BFloat16) t.data<uint16_t>()[i] = ir::float_to_bfloat16(static_cast<float>(v));
    else t.data<float>()[i] = static_cast<float>(v);
}

Status l2_loss(KernelContext& ctx) {
    const ir::Tensor& x = ctx.input(0);
    if (!ir::is_floating(x.dtype())) return ku::fail(ctx, ku::dtype_error(x.dtype()));
    double s = 0;
    for (int64_t i = 0; i < x.num_elements(); ++i) s += x.value_as_double(i) * x.value_as_double(i);
    ir::Tensor out(x.dtype(), ir::Shape{});
    store(out, 0, s / 2);
    ctx.set_output(0, out);
    return Ok{};
}

Status softmax_xent(KernelContext& ctx) {
    const ir::Tensor& logits = ctx.input(0);
    const ir::Tensor& labels = ctx.input(1);
    const bool sparse = ctx.node().op == "SparseSoftmaxCrossEntropyWithLogits";
    if (logits.shape().rank() != 2) return ku::fail(ctx, "logits must be [batch, classes]");
    const int64_t b = logits.shape().dims[0], c = logits.shape().dims[1];
    ir::Shape lshape;
    if (!sparse && !ku::broadcast_shape(logits.shape(), labels.shape(), lshape)) return ku::fail(ctx, "labels do not broadcast");
    const auto lst = sparse ? std::vector<int64_t>{} : ku::broadcast_strides(labels.shape(), logits.shape());
    const auto sparse_labels = sparse ? ku::ints(labels) : std::vector<int64_t>{};
    ir::Tensor loss(logits.dtype(), ir::Shape{b});
    ir::Tensor grad(logits.dtype(), logits.shape());
    for (int64_t r = 0; r < b; ++r) {
        double m = -INFINITY;
        for (int64_t k = 0; k < c; ++k) m = std::max(m, logits.value_as_double(r * c + k));
        double sum = 0;
        for (int64_t k = 0; k < c; ++k) sum += std::exp(logits.value_as_double(r * c + k) - m);
        const double log_sum = std::log(sum);
        if (sparse && (sparse_labels[r] < 0 || sparse_labels[r] >= c)) return ku::fail(ctx, "label out of range");
        double l = 0;
        for (int64_t k = 0; k < c; ++k) {
            const double y = sparse ? (sparse_labels[r] == k ? 1.0 : 0.0) : labels.value_as_double(r * lst[0] + k * lst[1]);
            const double logp = logits.value_as_double(r * c + k) - m - log_sum;
            l -= y * logp;
            store(grad, r * c + k, std::exp(logp) - y);
        }
        store(loss, r, l);
    }
    ctx.set_output(0, loss);
    ctx.set_output(1, grad);
    return Ok{};
}

}  // namespace

void register_loss_kernels(KernelRegistry& r) {
    r.add("L2Loss", simple_kernel(l2_loss));
    r.add("SoftmaxCrossEntropyWithLogits", simple_kernel(softmax_xent));
    r.add("SparseSoftmaxCrossEntropyWithLogits", simple_kernel(softmax_xent));
}

}  // namespace wb::runtime
