// SPDX-License-Identifier: Apache-2.0
#include "runtime/kernels/conv/fused_epilogue.h"

#include <algorithm>
#include <cmath>

#include "runtime/kernel.h"

namespace wb::runtime::conv {

namespace {

Expected<Activation> activation_named(const ir::Node& node, const std::string& op) {
    if (op == "Relu") return Activation::Relu;
    if (op == "Relu6") return Activation::Relu6;
    if (op == "Elu") return Activation::Elu;
    if (op == "LeakyRelu") return Activation::LeakyRelu;
    if (op == "Sigmoid") return Activation::Sigmoid;
    if (op == "Prelu") return Activation::Prelu;
    if (op == "FusedBatchNorm" || op == "FusedBatchNormV3")
        return kernel_error(node, "FusedConv2d and DepthwiseConv2d with FusedBatchNorm is not supported");
    return kernel_error(node, "unsupported fused activation '" + op + "'");
}

template <class T>
inline T activate(T v, Activation act, T leaky) {
    switch (act) {
    case Activation::Relu: return v > T(0) ? v : T(0);
    case Activation::Relu6: return std::min(std::max(v, T(0)), T(6));
    case Activation::Elu: return v > T(0) ? v : std::expm1(v);
    case Activation::LeakyRelu: return v > T(0) ? v : v * leaky;
    case Activation::Sigmoid: return T(1) / (T(1) + std::exp(-v));
    default: return v;
    }
}

}  // namespace

Expected<FusedOps> read_fused_ops(const ir::Node& node, int first_arg_input) {
    FusedOps f;
    const auto ops = ir::attr_strings(node.attrs, "fused_ops");
    const int64_t num_args = ir::attr_int(node.attrs, "num_args", 0);
    f.leaky_alpha = ir::attr_float(node.attrs, "leakyrelu_alpha", 0.2f);
    if (ops.empty()) return f;
    if (ops.size() > 2) return kernel_error(node, "at most two fused_ops are supported");
    size_t next = 0;
    if (ops[0] == "BiasAdd") {
        f.bias = true;
        next = 1;
    } else if (ops[0] == "NoOp") {
        next = 1;
    }
    if (next < ops.size()) {
        auto act = activation_named(node, ops[next]);
        if (!act) return act.error();
        f.act = *act;
    }
    const int64_t want = (f.bias ? 1 : 0) + (f.act == Activation::Prelu ? 1 : 0);
    if (num_args != want)
        return kernel_error(node, "fused_ops need num_args = " + std::to_string(want) + ", node has " +
                                      std::to_string(num_args));
    int input = first_arg_input;
    if (f.bias) f.bias_input = input++;
    if (f.act == Activation::Prelu) f.prelu_input = input++;
    return f;
}

template <class T>
void Epilogue<T>::apply(T* out, int64_t row0, int64_t rows, int64_t channels) const {
    const bool is_prelu = act == Activation::Prelu;
    for (int64_t r = 0; r < rows; ++r) {
        T* o = out + r * channels;
        if (bias)
            for (int64_t c = 0; c < channels; ++c) o[c] += bias[c];
        if (is_prelu) {
            const T* a = prelu.data() + ((row0 + r) % alpha_period_rows) * channels;
            for (int64_t c = 0; c < channels; ++c) o[c] = o[c] < T(0) ? o[c] * a[c] : o[c];
        } else if (act == Activation::Relu) {
            for (int64_t c = 0; c < channels; ++c) o[c] = o[c] > T(0) ? o[c] : T(0);
        } else if (act == Activation::Relu6) {
            for (int64_t c = 0; c < channels; ++c) o[c] = std::min(std::max(o[c], T(0)), T(6));
        } else if (act != Activation::None) {
            for (int64_t c = 0; c < channels; ++c) o[c] = activate(o[c], act, leaky_alpha);
        }
    }
}

Expected<std::vector<double>> expand_alpha(const ir::Tensor& alpha, const std::vector<int64_t>& out_dims,
                                           int64_t& period_rows) {
    const int r = alpha.shape().rank();
    const int orank = static_cast<int>(out_dims.size());
    if (r > orank) return Error{{}, {}, "prelu alpha " + alpha.shape().to_string() + " has a higher rank than the output"};
    // Trailing dims of the output that alpha spans (at least the channel dim).
    const int span = std::max(r, 1);
    std::vector<int64_t> dims(out_dims.end() - span, out_dims.end());
    int64_t count = 1;
    for (auto d : dims) count *= d;
    std::vector<double> out(static_cast<size_t>(count));
    std::vector<int64_t> astride(span, 0);
    int64_t s = 1;
    for (int i = r - 1; i >= 0; --i) {
        const int64_t ad = alpha.shape().dims[i];
        const int64_t od = dims[span - r + i];
        if (ad != 1 && ad != od)
            return Error{{}, {}, "prelu alpha " + alpha.shape().to_string() + " does not broadcast to the output"};
        astride[span - r + i] = ad == 1 ? 0 : s;
        s *= ad;
    }
    for (int64_t i = 0; i < count; ++i) {
        int64_t rem = i, src = 0;
        for (int d = span - 1; d >= 0; --d) {
            src += (rem % dims[d]) * astride[d];
            rem /= dims[d];
        }
        out[i] = alpha.num_elements() ? alpha.value_as_double(src) : 0.0;
    }
    period_rows = count / out_dims.back();
    return out;
}

template <class T>
Status make_epilogue(const ir::Node& node, const FusedOps& f, const std::vector<const ir::Tensor*>& args,
                     const std::vector<int64_t>& out_dims, Epilogue<T>& e) {
    const int64_t channels = out_dims.back();
    e.act = f.act;
    e.leaky_alpha = static_cast<T>(f.leaky_alpha);
    e.bias = nullptr;
    if (f.bias) {
        const ir::Tensor* b = args[f.bias_input];
        if (b->num_elements() != channels)
            return kernel_error(node, "bias has " + std::to_string(b->num_elements()) + " values for " +
                                          std::to_string(channels) + " channels");
        e.bias = b->data<T>();
    }
    if (f.act == Activation::Prelu) {
        auto a = expand_alpha(*args[f.prelu_input], out_dims, e.alpha_period_rows);
        if (!a) return kernel_error(node, a.error().message);
        e.prelu.assign(a->begin(), a->end());
    }
    return Ok{};
}

template struct Epilogue<float>;
template struct Epilogue<double>;
template Status make_epilogue<float>(const ir::Node&, const FusedOps&, const std::vector<const ir::Tensor*>&,
                                     const std::vector<int64_t>&, Epilogue<float>&);
template Status make_epilogue<double>(const ir::Node&, const FusedOps&, const std::vector<const ir::Tensor*>&,
                                      const std::vector<int64_t>&, Epilogue<double>&);

}  // namespace wb::runtime::conv
