// SPDX-License-Identifier: Apache-2.0
// Conv2D / Conv3D / DepthwiseConv2dNative / Conv2DBackpropInput against the naive reference,
// on both kernel paths (oneDNN and Eigen). Fixed-seed uniform[-1,1) tensors; tolerance
// |got - ref| <= 1e-4 + 1e-4 |ref| for float32 (accumulation error over K <= 1143 products),
// 1e-10 for float64, 2e-2 relative for float16/bfloat16 (storage rounding of the result).
#include <QTest>

#include "runtime/kernels/conv/conv_kernel.h"
#include "tst_conv_harness.h"

using namespace wb;
using namespace wb::test;
namespace ref = wb::runtime::reference;

namespace {

struct ConvCase {
    const char* name;
    const char* op;
    std::vector<int64_t> x, w;  // channels-last input, TF filter
    std::vector<int64_t> strides, dilations;  // spatial
    const char* padding;
    std::vector<int64_t> pad_before, pad_after;
    ir::DType dtype = ir::DType::Float32;
    bool nchw = false;
};

const std::vector<ConvCase>& cases() {
    using D = ir::DType;
    static const std::vector<ConvCase> c = {
        {"pointwise_127", "Conv2D", {1, 13, 13, 127}, {1, 1, 127, 13}, {1, 1}, {1, 1}, "VALID", {}, {}},
        {"pointwise_stride2", "Conv2D", {2, 13, 13, 16}, {1, 1, 16, 24}, {2, 2}, {1, 1}, "SAME", {}, {}},
        {"3x3_same_s1", "Conv2D", {2, 13, 13, 3}, {3, 3, 3, 16}, {1, 1}, {1, 1}, "SAME", {}, {}},
        {"3x3_same_s2", "Conv2D", {1, 13, 13, 8}, {3, 3, 8, 5}, {2, 2}, {1, 1}, "SAME", {}, {}},
        {"5x3_valid_dilated", "Conv2D", {1, 13, 17, 4}, {5, 3, 4, 7}, {1, 1}, {2, 3}, "VALID", {}, {}},
        {"explicit_pads", "Conv2D", {1, 7, 9, 4}, {3, 3, 4, 6}, {2, 1}, {1, 1}, "EXPLICIT", {1, 0}, {2, 3}},
        {"conv1d_as_2d", "Conv2D", {1, 1, 127, 3}, {1, 5, 3, 7}, {1, 1}, {1, 1}, "SAME", {}, {}},
        {"one_by_one", "Conv2D", {1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1}, {1, 1}, "VALID", {}, {}},
        {"stem_224_s2", "Conv2D", {1, 224, 224, 3}, {3, 3, 3, 16}, {2, 2}, {1, 1}, "SAME", {}, {}},
        {"nchw", "Conv2D", {1, 9, 11, 5}, {3, 3, 5, 4}, {2, 1}, {1, 1}, "SAME", {}, {}, D::Float32, true},
        {"float64", "Conv2D", {1, 13, 13, 6}, {3, 3, 6, 5}, {1, 2}, {1, 1}, "SAME", {}, {}, D::Float64},
        {"float16", "Conv2D", {1, 13, 13, 6}, {3, 3, 6, 5}, {1, 1}, {1, 1}, "VALID", {}, {}, D::Float16},
        {"bfloat16", "Conv2D", {1, 5, 5, 3}, {1, 1, 3, 2}, {1, 1}, {1, 1}, "VALID", {}, {}, D::BFloat16},
        {"dw_3x3_same_127", "DepthwiseConv2dNative", {1, 13, 13, 127}, {3, 3, 127, 1}, {1, 1}, {1, 1}, "SAME", {}, {}},
        {"dw_3x3_valid_s2", "DepthwiseConv2dNative", {2, 13, 13, 32}, {3, 3, 32, 1}, {2, 2}, {1, 1}, "VALID", {}, {}},
        {"dw_multiplier_dilated", "DepthwiseConv2dNative", {1, 13, 11, 3}, {3, 3, 3, 2}, {1, 1}, {2, 2}, "SAME", {}, {}},
        {"dw_explicit", "DepthwiseConv2dNative", {1, 8, 8, 4}, {3, 3, 4, 1}, {1, 1}, {1, 1}, "EXPLICIT", {2, 1}, {0, 1}},
        {"dw_nchw", "DepthwiseConv2dNative", {1, 7, 7, 6}, {3, 3, 6, 1}, {2, 2}, {1, 1}, "SAME", {}, {}, D::Float32, true},
        {"dw_float64", "DepthwiseConv2dNative", {1, 9, 9, 5}, {3, 3, 5, 1}, {1, 1}, {1, 1}, "SAME", {}, {}, D::Float64},
        {"conv3d_same", "Conv3D", {1, 5, 6, 7, 3}, {2, 3, 3, 3, 4}, {1, 2, 1}, {1, 1, 1}, "SAME", {}, {}},
        {"conv3d_valid_dilated", "Conv3D", {2, 6, 5, 7, 2}, {2, 2, 3, 2, 3}, {1, 1, 2}, {2, 1, 1}, "VALID", {}, {}},
    };
    return c;
}

std::vector<int64_t> full(const std::vector<int64_t>& spatial, bool nchw, int64_t fill = 1) {
    std::vector<int64_t> v{fill};
    if (nchw) v.push_back(fill);
    v.insert(v.end(), spatial.begin(), spatial.end());
    if (!nchw) v.push_back(fill);
    return v;
}

// [N, s..., C] dims -> [N, C, s...]
std::vector<int64_t> to_first(std::vector<int64_t> d) {
    const int64_t c = d.back();
    d.pop_back();
    d.insert(d.begin() + 1, c);
    return d;
}

ir::Tensor nhwc_to_nchw(const ir::Tensor& t) {
    const auto& d = t.shape().dims;
    ir::Tensor out(t.dtype(), ir::Shape(to_first(d)));
    const int64_t n = d[0], c = d.back(), p = t.num_elements() / (n * c);
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < p; ++i)
            for (int64_t ch = 0; ch < c; ++ch)
                out.data<float>()[(b * c + ch) * p + i] = t.data<float>()[(b * p + i) * c + ch];
    return out;
}

ref::RefTensor ref_nchw(const ref::RefTensor& r) {
    ref::RefTensor out{to_first(r.dims), std::vector<double>(r.v.size())};
    const int64_t n = r.dims[0], c = r.dims.back(), p = r.size() / (n * c);
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < p; ++i)
            for (int64_t ch = 0; ch < c; ++ch) out.v[(b * c + ch) * p + i] = r.v[(b * p + i) * c + ch];
    return out;
}

double atol_for(ir::DType dt) { return dt == ir::DType::Float64 ? 1e-10 : dt == ir::DType::Float32 ? 1e-4 : 2e-2; }

ir::Node conv_node(const ConvCase& c) {
    ir::Node n;
    n.name = c.name;
    n.op = c.op;
    n.attrs["strides"] = ints_attr(full(c.strides, c.nchw));
    n.attrs["dilations"] = ints_attr(full(c.dilations, c.nchw));
    n.attrs["padding"] = std::string(c.padding);
    if (c.nchw) n.attrs["data_format"] = std::string("NCHW");
    if (!c.pad_before.empty()) {
        std::vector<int64_t> p(c.nchw ? 4 : 0, 0);
        p.insert(p.begin(), {0, 0});
        for (size_t i = 0; i < c.pad_before.size(); ++i) p.insert(p.end(), {c.pad_before[i], c.pad_after[i]});
        if (!c.nchw) p.insert(p.end(), {0, 0});
        n.attrs["explicit_paddings"] = ints_attr(p);
    }
    return n;
}

ref::WindowSpec spec_of(const ConvCase& c) {
    return ref::WindowSpec{c.strides, c.dilations, c.padding, c.pad_before, c.pad_after};
}

}  // namespace

class TestConv : public QObject {
    Q_OBJECT
    runtime::KernelRegistry registry;

private slots:
    void initTestCase() { runtime::register_conv_kernels(registry); }

    void forward_data() {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("path");
        for (const char* path : kernel_paths())
            for (size_t i = 0; i < cases().size(); ++i)
                QTest::newRow(qPrintable(QString("%1/%2").arg(cases()[i].name, path))) << int(i) << QString(path);
    }
    void forward() {
        QFETCH(int, index);
        QFETCH(QString, path);
        select_path(qPrintable(path));
        const ConvCase& c = cases()[index];
        const ir::Node node = conv_node(c);
        ir::Tensor x = random_tensor(ir::Shape(c.x), 1000 + index, c.dtype);
        const ir::Tensor w = random_tensor(ir::Shape(c.w), 2000 + index, c.dtype);
        const auto rx = ref::from_tensor(x), rw = ref::from_tensor(w);
        ref::RefTensor want = std::string(c.op) == "DepthwiseConv2dNative" ? ref::depthwise_conv2d(rx, rw, spec_of(c))
                                                                          : ref::conv(rx, rw, spec_of(c));
        if (c.nchw) {
            x = nhwc_to_nchw(x);
            want = ref_nchw(want);
        }
        for (int threads : {1, 2}) {
            auto got = run_node(registry, node, {x, w}, {false, true}, threads);
            QVERIFY2(got.ok(), got.ok() ? "" : got.error().what().c_str());
            QCOMPARE(got->dtype(), c.dtype);
            const QString diff = compare(*got, want, atol_for(c.dtype), atol_for(c.dtype));
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
        }
    }

    void backprop_input_data() {
        QTest::addColumn<QString>("padding");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("channels");
        QTest::newRow("same_s2") << "SAME" << 2 << 8;
        QTest::newRow("valid_s1") << "VALID" << 1 << 5;
        QTest::newRow("same_s1_127") << "SAME" << 1 << 127;
        QTest::newRow("valid_s3") << "VALID" << 3 << 1;
    }
    void backprop_input() {
        QFETCH(QString, padding);
        QFETCH(int, stride);
        QFETCH(int, channels);
        const std::vector<int64_t> in{2, 13, 11, channels};
        const ref::WindowSpec spec{{stride, stride}, {1, 1}, padding.toStdString(), {}, {}};
        int64_t oh = 0, ow = 0, b = 0;
        ref::window_dim(13, 3, stride, 1, spec, 0, oh, b);
        ref::window_dim(11, 3, stride, 1, spec, 1, ow, b);
        const ir::Tensor w = random_tensor(ir::Shape{3, 3, channels, 6}, 7);
        const ir::Tensor dy = random_tensor(ir::Shape{2, oh, ow, 6}, 8);
        const auto want = ref::conv_backprop_input(in, ref::from_tensor(w), ref::from_tensor(dy), spec);
        ir::Node node;
        node.name = "deconv";
        node.op = "Conv2DBackpropInput";
        node.attrs["strides"] = ints_attr({1, stride, stride, 1});
        node.attrs["padding"] = padding.toStdString();
        const ir::Tensor sizes = int_tensor({2, 13, 11, channels});
        auto got = run_node(registry, node, {sizes, w, dy}, {true, true, false});
        QVERIFY2(got.ok(), got.ok() ? "" : got.error().what().c_str());
        const QString diff = compare(*got, want, 1e-4, 1e-4);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void conv3d_backprop_input() {
        const std::vector<int64_t> in{1, 5, 6, 7, 3};
        const ref::WindowSpec spec{{1, 2, 2}, {1, 1, 1}, "SAME", {}, {}};
        std::vector<int64_t> dy_dims{1};
        for (int d = 0; d < 3; ++d) {
            int64_t o = 0, b = 0;
            ref::window_dim(in[1 + d], d == 0 ? 2 : 3, spec.strides[d], 1, spec, d, o, b);
            dy_dims.push_back(o);
        }
        dy_dims.push_back(4);
        const ir::Tensor w = random_tensor(ir::Shape{2, 3, 3, 3, 4}, 17);
        const ir::Tensor dy = random_tensor(ir::Shape(dy_dims), 18);
        const auto want = ref::conv_backprop_input(in, ref::from_tensor(w), ref::from_tensor(dy), spec);
        ir::Node node;
        node.name = "deconv3d";
        node.op = "Conv3DBackpropInputV2";
        node.attrs["strides"] = ints_attr({1, 1, 2, 2, 1});
        node.attrs["padding"] = std::string("SAME");
        auto got = run_node(registry, node, {int_tensor({1, 5, 6, 7, 3}), w, dy}, {true, true, false});
        QVERIFY2(got.ok(), got.ok() ? "" : got.error().what().c_str());
        const QString diff = compare(*got, want, 1e-4, 1e-4);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void dilation2d_data() {
        QTest::addColumn<QString>("padding");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("rate");
        QTest::newRow("same_s1_r2") << "SAME" << 1 << 2;
        QTest::newRow("valid_s2_r1") << "VALID" << 2 << 1;
        QTest::newRow("same_s2_r1") << "SAME" << 2 << 1;
    }
    void dilation2d() {
        QFETCH(QString, padding);
        QFETCH(int, stride);
        QFETCH(int, rate);
        const ir::Tensor x = random_tensor(ir::Shape{2, 13, 11, 5}, 61);
        const ir::Tensor f = random_tensor(ir::Shape{3, 3, 5}, 62);
        const ref::WindowSpec spec{{stride, stride}, {rate, rate}, padding.toStdString(), {}, {}};
        const auto want = ref::dilation2d(ref::from_tensor(x), ref::from_tensor(f), spec);
        ir::Node node;
        node.name = "dilation";
        node.op = "Dilation2D";
        node.attrs["strides"] = ints_attr({1, stride, stride, 1});
        node.attrs["rates"] = ints_attr({1, rate, rate, 1});
        node.attrs["padding"] = padding.toStdString();
        auto got = run_node(registry, node, {x, f}, {false, true});
        QVERIFY2(got.ok(), got.ok() ? "" : got.error().what().c_str());
        const QString diff = compare(*got, want, 1e-6, 1e-6);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void aliases_registered() {
        for (const char* op : {"Conv2D", "_FusedConv2D", "Conv3D", "DepthwiseConv2dNative", "DepthwiseConv2d",
                               "FusedDepthwiseConv2dNative", "Conv2DBackpropInput", "Conv3DBackpropInputV2",
                               "Dilation2D", "Prelu"})
            QVERIFY2(registry.has(op), op);
    }

    void bad_inputs_fail_cleanly() {
        ConvCase c{"bad", "Conv2D", {1, 5, 5, 3}, {3, 3, 4, 2}, {1, 1}, {1, 1}, "VALID", {}, {}};
        auto got = run_node(registry, conv_node(c), {random_tensor(ir::Shape(c.x), 1), random_tensor(ir::Shape(c.w), 2)},
                            {false, true});
        QVERIFY(!got.ok());
        QVERIFY(got.error().what().find("channels") != std::string::npos);
        ConvCase big{"too_big", "Conv2D", {1, 2, 2, 3}, {3, 3, 3, 2}, {1, 1}, {1, 1}, "VALID", {}, {}};
        got = run_node(registry, conv_node(big), {random_tensor(ir::Shape(big.x), 1), random_tensor(ir::Shape(big.w), 2)},
                       {false, true});
        QVERIFY(!got.ok());
        ir::Node odd = conv_node(c);
        odd.attrs["padding"] = std::string("FULL");
        got = run_node(registry, odd, {random_tensor(ir::Shape(c.x), 1), random_tensor(ir::Shape{3, 3, 3, 2}, 2)},
                       {false, true});
        QVERIFY(!got.ok());
        QVERIFY(got.error().what().find("FULL") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestConv)
#include "tst_conv.moc"
