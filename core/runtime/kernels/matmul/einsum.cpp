// SPDX-License-Identifier: Apache-2.0
// Einsum as one batched GEMM: labels in both operands and the output are batch dims, in both
// but not the output are contracted, in one operand and the output are free (M or N). A label
// in one operand only and not in the output is summed: it joins the contraction with a zero
// stride on the other side. Each operand is gathered into [batch, M, K] / [batch, K, N], so
// size-1 batch dims broadcast the same way. Repeated labels in one operand (diagonals) and
// ellipses are refused, as TensorFlow.js does.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "runtime/kernels/conv/typed_io.h"
#include "runtime/kernels/matmul/matmul_core.h"
#include "runtime/kernels/matmul/matmul_kernels.h"

namespace wb::runtime::matmul {

namespace {

struct Axis {
    char label;
    int64_t size;
    int64_t stride_a, stride_b;  // 0 where the operand lacks (or broadcasts) the label
};

// Copies `src` into a dense buffer laid out by `dims` (outer to inner) reading with `strides`.
template <class T>
void gather(const T* src, const std::vector<int64_t>& dims, const std::vector<int64_t>& strides, T* dst) {
    int64_t total = 1;
    for (auto d : dims) total *= d;
    std::vector<int64_t> idx(dims.size(), 0);
    int64_t off = 0;
    for (int64_t i = 0; i < total; ++i) {
        dst[i] = src[off];
        for (int d = static_cast<int>(dims.size()) - 1; d >= 0; --d) {
            off += strides[d];
            if (++idx[d] < dims[d]) break;
            off -= strides[d] * dims[d];
            idx[d] = 0;
        }
    }
}

std::vector<int64_t> row_major_strides(const std::vector<int64_t>& dims) {
    std::vector<int64_t> s(dims.size(), 1);
    for (int i = static_cast<int>(dims.size()) - 2; i >= 0; --i) s[i] = s[i + 1] * dims[i + 1];
    return s;
}

template <class T>
void compute(const std::vector<Axis>& batch, const std::vector<Axis>& m, const std::vector<Axis>& k,
             const std::vector<Axis>& n, const ir::Tensor& a, const ir::Tensor* b, const std::string& out_labels,
             ir::Tensor& out, ThreadPool& pool) {
    auto dims_of = [](std::initializer_list<const std::vector<Axis>*> groups, bool use_a) {
        std::vector<int64_t> d, s;
        for (auto* g : groups)
            for (const Axis& x : *g) {
                d.push_back(x.size);
                s.push_back(use_a ? x.stride_a : x.stride_b);
            }
        return std::make_pair(d, s);
    };
    auto prod = [](const std::vector<Axis>& g) {
        int64_t p = 1;
        for (const Axis& x : g) p *= x.size;
        return p;
    };
    const int64_t B = prod(batch), M = prod(m), K = prod(k), N = prod(n);
    auto [da, sa] = dims_of({&batch, &m, &k}, true);
    auto [db, sb] = dims_of({&batch, &k, &n}, false);
    std::vector<T> pa(static_cast<size_t>(B * M * K)), pb(static_cast<size_t>(B * K * N)), pc(static_cast<size_t>(B * M * N));
    gather(a.data<T>(), da, sa, pa.data());
    const T one = T(1);
    if (b)
        gather(b->data<T>(), db, sb, pb.data());
    else
        gather(&one, db, std::vector<int64_t>(db.size(), 0), pb.data());
    std::vector<int64_t> a_off(B), b_off(B);
    for (int64_t i = 0; i < B; ++i) {
        a_off[i] = i * M * K;
        b_off[i] = i * K * N;
    }
    gemm_batched<T>(pa.data(), pb.data(), pc.data(), a_off, b_off, M, K, N, false, false, pool);
    // pc is laid out [batch..., m..., n...]; permute into the output's label order.
    std::vector<Axis> c_axes = batch;
    c_axes.insert(c_axes.end(), m.begin(), m.end());
    c_axes.insert(c_axes.end(), n.begin(), n.end());
    std::vector<int64_t> c_dims;
    for (const Axis& x : c_axes) c_dims.push_back(x.size);
    const auto c_strides = row_major_strides(c_dims);
    std::vector<int64_t> od, os;
    for (char l : out_labels)
        for (size_t i = 0; i < c_axes.size(); ++i)
            if (c_axes[i].label == l) {
                od.push_back(c_axes[i].size);
                os.push_back(c_strides[i]);
            }
    gather(pc.data(), od, os, out.data<T>());
}

}  // namespace

Status einsum(KernelContext& ctx) {
    const ir::Node& node = ctx.node();
    std::string eq = ir::attr_string(node.attrs, "equation");
    eq.erase(std::remove(eq.begin(), eq.end(), ' '), eq.end());
    const auto arrow = eq.find("->");
    if (arrow == std::string::npos) return kernel_error(node, "equation '" + eq + "' needs an explicit '->' output");
    const std::string lhs = eq.substr(0, arrow), out_labels = eq.substr(arrow + 2);
    std::vector<std::string> ops;
    for (size_t p = 0;;) {
        const size_t c = lhs.find(',', p);
        ops.push_back(lhs.substr(p, c == std::string::npos ? std::string::npos : c - p));
        if (c == std::string::npos) break;
        p = c + 1;
    }
    if (ops.size() > 2 || static_cast<int>(ops.size()) != ctx.num_inputs())
        return kernel_error(node, "equation '" + eq + "' needs 1 or 2 operands matching the inputs");
    if (eq.find('.') != std::string::npos) return kernel_error(node, "ellipsis in einsum equations is not supported");
    conv::TypedInputs in = conv::widen_inputs(ctx);
    const ir::DType dt = in.compute();
    if (dt != ir::DType::Float32 && dt != ir::DType::Float64)
        return kernel_error(node, "unsupported dtype " + std::to_string(static_cast<int>(dt)));

    // label -> size, and the stride of that label in each operand.
    std::map<char, Axis> axes;
    for (size_t o = 0; o < ops.size(); ++o) {
        const ir::Tensor& t = *in.tensors[o];
        if (t.dtype() != dt) return kernel_error(node, "inputs must share one dtype");
        if (static_cast<int>(ops[o].size()) != t.shape().rank())
            return kernel_error(node, "operand " + std::to_string(o) + " has rank " + std::to_string(t.shape().rank()) +
                                          " but '" + ops[o] + "' names " + std::to_string(ops[o].size()) + " dims");
        const auto strides = row_major_strides(t.shape().dims);
        for (size_t i = 0; i < ops[o].size(); ++i) {
            const char l = ops[o][i];
            if (!std::isalpha(static_cast<unsigned char>(l))) return kernel_error(node, "bad label in '" + eq + "'");
            if (ops[o].find(l) != i) return kernel_error(node, "repeated label '" + std::string(1, l) + "' in one operand is not supported");
            const int64_t size = t.shape().dims[i];
            Axis& ax = axes.try_emplace(l, Axis{l, size, 0, 0}).first->second;
            if (ax.size != size && ax.size != 1 && size != 1)
                return kernel_error(node, "label '" + std::string(1, l) + "' has sizes " + std::to_string(ax.size) +
                                              " and " + std::to_string(size));
            const int64_t st = size == 1 ? 0 : strides[i];
            (o == 0 ? ax.stride_a : ax.stride_b) = st;
            ax.size = std::max(ax.size, size);
        }
    }
    std::vector<Axis> batch, m, k, n;
    std::vector<int64_t> out_dims;
    for (char l : out_labels) {
        auto it = axes.find(l);
        if (it == axes.end() || out_labels.find(l) != out_labels.rfind(l))
            return kernel_error(node, "output label '" + std::string(1, l) + "' is unknown or repeated");
        out_dims.push_back(it->second.size);
    }
    const std::string a_labels = ops[0], b_labels = ops.size() > 1 ? ops[1] : std::string();
    for (auto& [l, ax] : axes) {
        const bool in_a = a_labels.find(l) != std::string::npos, in_b = b_labels.find(l) != std::string::npos;
        const bool in_out = out_labels.find(l) != std::string::npos;
        if (in_out && in_a && in_b) batch.push_back(ax);
        else if (in_out && in_a) m.push_back(ax);
        else if (in_out) n.push_back(ax);
        else k.push_back(ax);  // contracted, or summed away from one operand
    }
    // Keep batch/free groups in output order so the final permutation is cheap and stable.
    auto by_output = [&](const Axis& x, const Axis& y) { return out_labels.find(x.label) < out_labels.find(y.label); };
    std::sort(batch.begin(), batch.end(), by_output);
    std::sort(m.begin(), m.end(), by_output);
    std::sort(n.begin(), n.end(), by_output);
    conv::TypedOutputs outs(ctx, in.original);
    ir::Tensor& out = outs.allocate(0, dt, ir::Shape(out_dims));
    const ir::Tensor* b = ops.size() > 1 ? in.tensors[1] : nullptr;
    if (dt == ir::DType::Float32)
        compute<float>(batch, m, k, n, *in.tensors[0], b, out_labels, out, ctx.pool());
    else
        compute<double>(batch, m, k, n, *in.tensors[0], b, out_labels, out, ctx.pool());
    outs.finish();
    return Ok{};
}

}  // namespace wb::runtime::matmul
