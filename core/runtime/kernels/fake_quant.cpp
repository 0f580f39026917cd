// SPDX-License-Identifier: Apache-2.0
// FakeQuantWithMinMaxArgs / Vars / VarsPerChannel (fake_quant_ops_functor.h): the range is
// nudged so that zero is exactly representable, then values are clamped, snapped to the
// 2^num_bits (or 2^num_bits - 1 with narrow_range) levels and mapped back, all in float32.
#include <cmath>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

struct Nudged {
    float min, max, scale;
};

Nudged nudge(float min, float max, int quant_min, int quant_max) {
    const float qmin = static_cast<float>(quant_min), qmax = static_cast<float>(quant_max);
    const float scale = (max - min) / (qmax - qmin);
    const float zero_from_min = qmin - min / scale;
    const float zero = zero_from_min < qmin ? qmin : zero_from_min > qmax ? qmax : std::round(zero_from_min);
    return {(qmin - zero) * scale, (qmax - zero) * scale, scale};
}

float fake_quant(float x, const Nudged& n) {
    const float clamped = std::min(std::max(x, n.min), n.max);
    return std::floor((clamped - n.min) * (1.0f / n.scale) + 0.5f) * n.scale + n.min;
}

Status fake_quant_op(KernelContext& ctx) {
    const std::string& op = ctx.node().op;
    const auto& attrs = ctx.node().attrs;
    const int bits = static_cast<int>(ir::attr_int(attrs, "num_bits", 8));
    if (bits < 2 || bits > 16) return ku::fail(ctx, "num_bits must be between 2 and 16");
    const int qmin = ir::attr_bool(attrs, "narrow_range") ? 1 : 0, qmax = (1 << bits) - 1;
    ir::Tensor x = ctx.input(0);
    if (x.dtype() != ir::DType::Float32) return ku::fail(ctx, "input must be float32");
    std::vector<float> mins, maxs;
    if (op == "FakeQuantWithMinMaxArgs") {
        mins = {ir::attr_float(attrs, "min", -6.f)};
        maxs = {ir::attr_float(attrs, "max", 6.f)};
    } else {
        for (int64_t i = 0; i < ctx.input(1).num_elements(); ++i) mins.push_back(static_cast<float>(ctx.input(1).value_as_double(i)));
        for (int64_t i = 0; i < ctx.input(2).num_elements(); ++i) maxs.push_back(static_cast<float>(ctx.input(2).value_as_double(i)));
    }
    const int64_t channels = op == "FakeQuantWithMinMaxVarsPerChannel" ? (x.shape().rank() ? x.shape().dims.back() : 1) : 1;
    if (static_cast<int64_t>(mins.size()) != channels || static_cast<int64_t>(maxs.size()) != channels)
        return ku::fail(ctx, "min and max must have " + std::to_string(channels) + " value(s)");
    std::vector<Nudged> nudged;
    for (int64_t c = 0; c < channels; ++c) {
        if (mins[c] > maxs[c]) return ku::fail(ctx, "min must not exceed max");
        nudged.push_back(nudge(mins[c], maxs[c], qmin, qmax));
    }
    ir::Tensor& out = ctx.allocate_output(0, ir::DType::Float32, x.shape());
    const float* in = x.data<float>();
    float* o = out.data<float>();
    for (int64_t i = 0; i < x.num_elements(); ++i) o[i] = fake_quant(in[i], nudged[channels > 1 ? i % channels : 0]);
    return Ok{};
}

}  // namespace

void register_fake_quant_kernels(KernelRegistry& r) {
    for (const char* op : {"FakeQuantWithMinMaxArgs", "FakeQuantWithMinMaxVars", "FakeQuantWithMinMaxVarsPerChannel"})
        r.add(op, simple_kernel(fake_quant_op));
}

}  // namespace wb::runtime
