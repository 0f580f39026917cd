// SPDX-License-Identifier: Apache-2.0
#include "runtime/reference/reference_conv.h"

#include <algorithm>
#include <limits>

namespace wb::runtime::reference {

int64_t RefTensor::size() const {
    int64_t n = 1;
    for (auto d : dims) n *= d;
    return n;
}

RefTensor from_tensor(const ir::Tensor& t) {
    RefTensor r{t.shape().dims, std::vector<double>(static_cast<size_t>(t.num_elements()))};
    for (int64_t i = 0; i < t.num_elements(); ++i) r.v[i] = t.value_as_double(i);
    return r;
}

void window_dim(int64_t in, int64_t k, int64_t stride, int64_t dilation, const WindowSpec& spec, int dim,
                int64_t& out, int64_t& before) {
    const int64_t eff = (k - 1) * dilation + 1;
    if (spec.padding == "SAME") {
        out = (in + stride - 1) / stride;
        before = std::max<int64_t>(0, (out - 1) * stride + eff - in) / 2;
    } else if (spec.padding == "EXPLICIT") {
        before = spec.pad_before[dim];
        out = (in + spec.pad_before[dim] + spec.pad_after[dim] - eff) / stride + 1;
    } else {
        before = 0;
        out = (in - eff) / stride + 1;
    }
}

namespace {

// Geometry padded to 3 spatial dims so that one loop nest serves 1-3.
struct Win {
    int64_t n, c, in[3] = {1, 1, 1}, k[3] = {1, 1, 1}, out[3] = {1, 1, 1}, s[3] = {1, 1, 1}, d[3] = {1, 1, 1},
                  pb[3] = {0, 0, 0};
};

Win make_win(const std::vector<int64_t>& xdims, const std::vector<int64_t>& kdims, const WindowSpec& spec) {
    Win w;
    const int sp = static_cast<int>(xdims.size()) - 2;
    w.n = xdims[0];
    w.c = xdims.back();
    for (int i = 0; i < sp; ++i) {
        w.in[i] = xdims[1 + i];
        w.k[i] = kdims[i];
        w.s[i] = spec.strides.empty() ? 1 : spec.strides[i];
        w.d[i] = spec.dilations.empty() ? 1 : spec.dilations[i];
        window_dim(w.in[i], w.k[i], w.s[i], w.d[i], spec, i, w.out[i], w.pb[i]);
    }
    return w;
}

std::vector<int64_t> out_dims(const Win& w, int sp, int64_t channels) {
    std::vector<int64_t> d{w.n};
    for (int i = 0; i < sp; ++i) d.push_back(w.out[i]);
    d.push_back(channels);
    return d;
}

// Calls fn(n, o0, o1, o2, x-offset-of-tap or -1, tap index) for every output position and tap.
template <class Fn>
void for_each_tap(const Win& w, Fn fn) {
    for (int64_t n = 0; n < w.n; ++n)
        for (int64_t o0 = 0; o0 < w.out[0]; ++o0)
            for (int64_t o1 = 0; o1 < w.out[1]; ++o1)
                for (int64_t o2 = 0; o2 < w.out[2]; ++o2) {
                    const int64_t orow = ((n * w.out[0] + o0) * w.out[1] + o1) * w.out[2] + o2;
                    int64_t tap = 0;
                    for (int64_t k0 = 0; k0 < w.k[0]; ++k0)
                        for (int64_t k1 = 0; k1 < w.k[1]; ++k1)
                            for (int64_t k2 = 0; k2 < w.k[2]; ++k2, ++tap) {
                                const int64_t i0 = o0 * w.s[0] - w.pb[0] + k0 * w.d[0];
                                const int64_t i1 = o1 * w.s[1] - w.pb[1] + k1 * w.d[1];
                                const int64_t i2 = o2 * w.s[2] - w.pb[2] + k2 * w.d[2];
                                const bool in = i0 >= 0 && i0 < w.in[0] && i1 >= 0 && i1 < w.in[1] && i2 >= 0 &&
                                                i2 < w.in[2];
                                const int64_t xrow = in ? ((n * w.in[0] + i0) * w.in[1] + i1) * w.in[2] + i2 : -1;
                                fn(orow, xrow, tap);
                            }
                }
}

}  // namespace

RefTensor conv(const RefTensor& x, const RefTensor& w, const WindowSpec& spec) {
    const int sp = static_cast<int>(x.dims.size()) - 2;
    const Win g = make_win(x.dims, w.dims, spec);
    const int64_t OC = w.dims.back();
    RefTensor y{out_dims(g, sp, OC), {}};
    y.v.assign(static_cast<size_t>(y.size()), 0.0);
    for_each_tap(g, [&](int64_t orow, int64_t xrow, int64_t tap) {
        if (xrow < 0) return;
        for (int64_t c = 0; c < g.c; ++c)
            for (int64_t oc = 0; oc < OC; ++oc)
                y.v[orow * OC + oc] += x.v[xrow * g.c + c] * w.v[(tap * g.c + c) * OC + oc];
    });
    return y;
}

RefTensor depthwise_conv2d(const RefTensor& x, const RefTensor& w, const WindowSpec& spec) {
    const Win g = make_win(x.dims, w.dims, spec);
    const int64_t M = w.dims[3], OC = g.c * M;
    RefTensor y{out_dims(g, 2, OC), {}};
    y.v.assign(static_cast<size_t>(y.size()), 0.0);
    for_each_tap(g, [&](int64_t orow, int64_t xrow, int64_t tap) {
        if (xrow < 0) return;
        for (int64_t c = 0; c < g.c; ++c)
            for (int64_t m = 0; m < M; ++m)
                y.v[orow * OC + c * M + m] += x.v[xrow * g.c + c] * w.v[(tap * g.c + c) * M + m];
    });
    return y;
}

RefTensor conv_backprop_input(const std::vector<int64_t>& input_dims, const RefTensor& w, const RefTensor& dy,
                              const WindowSpec& spec) {
    const Win g = make_win(input_dims, w.dims, spec);
    const int64_t OC = w.dims.back();
    RefTensor dx{input_dims, {}};
    dx.v.assign(static_cast<size_t>(dx.size()), 0.0);
    // dx[x] = sum over (y, tap) that read x of dy[y] * w[tap]: the adjoint of conv().
    for_each_tap(g, [&](int64_t orow, int64_t xrow, int64_t tap) {
        if (xrow < 0) return;
        for (int64_t c = 0; c < g.c; ++c)
            for (int64_t oc = 0; oc < OC; ++oc)
                dx.v[xrow * g.c + c] += dy.v[orow * OC + oc] * w.v[(tap * g.c + c) * OC + oc];
    });
    return dx;
}

RefTensor pool(const RefTensor& x, const std::vector<int64_t>& ksize, const WindowSpec& spec, bool max) {
    const int sp = static_cast<int>(x.dims.size()) - 2;
    const Win g = make_win(x.dims, ksize, spec);
    RefTensor y{out_dims(g, sp, g.c), {}};
    const double init = max ? -std::numeric_limits<double>::infinity() : 0.0;
    y.v.assign(static_cast<size_t>(y.size()), init);
    std::vector<int64_t> count(static_cast<size_t>(y.size() / std::max<int64_t>(g.c, 1)), 0);
    for_each_tap(g, [&](int64_t orow, int64_t xrow, int64_t) {
        if (xrow < 0) return;
        ++count[orow];
        for (int64_t c = 0; c < g.c; ++c) {
            double& o = y.v[orow * g.c + c];
            const double v = x.v[xrow * g.c + c];
            o = max ? std::max(o, v) : o + v;
        }
    });
    if (!max)
        for (size_t r = 0; r < count.size(); ++r)
            for (int64_t c = 0; c < g.c; ++c) y.v[r * g.c + c] /= static_cast<double>(std::max<int64_t>(count[r], 1));
    return y;
}

RefTensor dilation2d(const RefTensor& x, const RefTensor& filter, const WindowSpec& spec) {
    const Win g = make_win(x.dims, filter.dims, spec);
    RefTensor y{out_dims(g, 2, g.c), {}};
    y.v.assign(static_cast<size_t>(y.size()), -std::numeric_limits<double>::infinity());
    for_each_tap(g, [&](int64_t orow, int64_t xrow, int64_t tap) {
        if (xrow < 0) return;
        for (int64_t c = 0; c < g.c; ++c)
            y.v[orow * g.c + c] = std::max(y.v[orow * g.c + c], x.v[xrow * g.c + c] + filter.v[tap * g.c + c]);
    });
    return y;
}

RefTensor max_pool_argmax(const RefTensor& x, const std::vector<int64_t>& ksize, const WindowSpec& spec,
                          bool include_batch, RefTensor& indices) {
    const Win g = make_win(x.dims, ksize, spec);
    RefTensor y{out_dims(g, 2, g.c), {}};
    y.v.assign(static_cast<size_t>(y.size()), 0.0);
    indices = RefTensor{y.dims, std::vector<double>(y.v.size(), -1.0)};
    const int64_t image = g.in[0] * g.in[1] * g.c;
    for_each_tap(g, [&](int64_t orow, int64_t xrow, int64_t) {
        if (xrow < 0) return;
        for (int64_t c = 0; c < g.c; ++c) {
            const int64_t flat = xrow * g.c + c;
            double& best = y.v[orow * g.c + c];
            double& at = indices.v[orow * g.c + c];
            if (at < 0 || x.v[flat] > best) {
                best = x.v[flat];
                at = static_cast<double>(include_batch ? flat : flat % image);
            }
        }
    });
    return y;
}

}  // namespace wb::runtime::reference
