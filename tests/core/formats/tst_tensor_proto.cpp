// SPDX-License-Identifier: Apache-2.0
// TensorProto ⇄ ir::Tensor: every typed field, the splat rule, tensor_content, errors.
#include <QTest>

#include <complex>
#include <cstring>

#include "formats/graphdef/attr_value_proto.h"
#include "formats/graphdef/graphdef_proto.h"
#include "formats/graphdef/tensor_proto.h"

using namespace wb;
using namespace wb::formats;

namespace {

tensorflow::TensorProto proto(tensorflow::DataType dtype, std::initializer_list<int64_t> dims) {
    tensorflow::TensorProto p;
    p.set_dtype(dtype);
    for (int64_t d : dims) p.mutable_tensor_shape()->add_dim()->set_size(d);
    return p;
}

}  // namespace

class TestTensorProto : public QObject {
    Q_OBJECT
private slots:
    void floatValSplatsLastValue() {
        // TensorFlow's MakeNdarray: fewer values than elements repeat the last one.
        auto p = proto(tensorflow::DT_FLOAT, {2, 3});
        p.add_float_val(1.5f);
        p.add_float_val(-2.f);
        auto t = tensor_from_proto(p, "t");
        QVERIFY(t.ok());
        const float want[] = {1.5f, -2.f, -2.f, -2.f, -2.f, -2.f};
        QCOMPARE(t->num_elements(), int64_t(6));
        for (int k = 0; k < 6; ++k) QCOMPARE(t->data<float>()[k], want[k]);
    }

    void noValuesMeansZeros() {
        auto t = tensor_from_proto(proto(tensorflow::DT_INT32, {4}), "t");
        QVERIFY(t.ok());
        for (int k = 0; k < 4; ++k) QCOMPARE(t->data<int32_t>()[k], 0);
    }

    void intValCoversSmallIntegers() {
        auto p = proto(tensorflow::DT_INT8, {3});
        for (int v : {-128, 5, 127}) p.add_int_val(v);
        auto t = tensor_from_proto(p, "t");
        QVERIFY(t.ok());
        QCOMPARE(t->data<int8_t>()[0], int8_t(-128));
        QCOMPARE(t->data<int8_t>()[2], int8_t(127));
        auto u = proto(tensorflow::DT_UINT16, {2});
        u.add_int_val(65535);
        auto tu = tensor_from_proto(u, "u");
        QCOMPARE(tu->data<uint16_t>()[1], uint16_t(65535));
    }

    void int64UintBoolDouble() {
        auto p = proto(tensorflow::DT_INT64, {2});
        p.add_int64_val(int64_t(1) << 40);
        QCOMPARE(tensor_from_proto(p, "t")->data<int64_t>()[1], int64_t(1) << 40);
        auto b = proto(tensorflow::DT_BOOL, {3});
        b.add_bool_val(true);
        b.add_bool_val(false);
        auto tb = tensor_from_proto(b, "b");
        QCOMPARE(tb->data<uint8_t>()[0], uint8_t(1));
        QCOMPARE(tb->data<uint8_t>()[2], uint8_t(0));
        auto d = proto(tensorflow::DT_DOUBLE, {});
        d.add_double_val(0.1);
        QCOMPARE(tensor_from_proto(d, "d")->data<double>()[0], 0.1);
        auto u64 = proto(tensorflow::DT_UINT64, {1});
        u64.add_uint64_val(~uint64_t(0));
        QCOMPARE(tensor_from_proto(u64, "u")->data<uint64_t>()[0], ~uint64_t(0));
    }

    void halfValHoldsRawBits() {
        // 0x3ccd is half(1.2) per tfjs-converter-spec §5.3.
        auto p = proto(tensorflow::DT_HALF, {2});
        p.add_half_val(0x3ccd);
        auto t = tensor_from_proto(p, "h");
        QVERIFY(t.ok());
        QCOMPARE(t->data<uint16_t>()[1], uint16_t(0x3ccd));
        QCOMPARE(t->value_as_double(0), double(ir::half_to_float(0x3ccd)));
    }

    void complexPairsSplat() {
        auto p = proto(tensorflow::DT_COMPLEX64, {3});
        for (float v : {1.f, 2.f, 3.f, 4.f}) p.add_scomplex_val(v);
        auto t = tensor_from_proto(p, "c");
        QVERIFY(t.ok());
        auto* c = t->data<std::complex<float>>();
        QCOMPARE(c[0], std::complex<float>(1.f, 2.f));
        QCOMPARE(c[2], std::complex<float>(3.f, 4.f));
    }

    void stringsSplatAndRoundTrip() {
        auto p = proto(tensorflow::DT_STRING, {3});
        p.add_string_val("ab");
        p.add_string_val(std::string("\0x", 2));
        auto t = tensor_from_proto(p, "s");
        QVERIFY(t.ok());
        QCOMPARE(t->strings()[2], std::string("\0x", 2));
        tensorflow::TensorProto back;
        tensor_to_proto(*t, &back);
        QCOMPARE(back.string_val_size(), 3);
    }

    void tensorContentAndReverse() {
        auto p = proto(tensorflow::DT_FLOAT, {2});
        const float v[] = {3.25f, -1.f};
        p.set_tensor_content(reinterpret_cast<const char*>(v), sizeof v);
        auto t = tensor_from_proto(p, "t");
        QVERIFY(t.ok());
        QCOMPARE(t->data<float>()[1], -1.f);
        tensorflow::TensorProto back;
        tensor_to_proto(*t, &back);
        QCOMPARE(back.tensor_content(), p.tensor_content());
        QCOMPARE(back.float_val_size(), 0);
    }

    void errorsNameTheItem() {
        auto short_content = proto(tensorflow::DT_FLOAT, {4});
        short_content.set_tensor_content(std::string(8, '\0'));
        auto e = tensor_from_proto(short_content, "node 'w'");
        QVERIFY(!e.ok());
        QCOMPARE(e.error().item, std::string("node 'w'"));
        QVERIFY(e.error().message.find("needs 16") != std::string::npos);

        auto too_many = proto(tensorflow::DT_FLOAT, {1});
        too_many.add_float_val(1);
        too_many.add_float_val(2);
        QVERIFY(!tensor_from_proto(too_many, "x").ok());

        tensorflow::TensorProto unknown;
        unknown.set_dtype(static_cast<tensorflow::DataType>(77));
        QVERIFY(tensor_from_proto(unknown, "x").error().message.find("dtype") != std::string::npos);

        // Declared 2^40 floats with a single splat value: refused before any allocation.
        auto huge = proto(tensorflow::DT_FLOAT, {1 << 20, 1 << 20});
        huge.add_float_val(0);
        auto h = tensor_from_proto(huge, "huge");
        QVERIFY(!h.ok());
        QVERIFY(h.error().message.find("2 GiB") != std::string::npos);

        auto negative = proto(tensorflow::DT_FLOAT, {-1, 2});
        QVERIFY(!tensor_from_proto(negative, "neg").ok());
    }

    void refDtypesFoldAndAttrKindsRoundTrip() {
        tensorflow::NodeDef n;
        n.set_name("v");
        n.set_op("VariableV2");
        (*n.mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT_REF);
        (*n.mutable_attr())["strides"].mutable_list()->add_i(2);
        (*n.mutable_attr())["empty"].mutable_list();
        (*n.mutable_attr())["f"].mutable_func()->set_name("body");
        (*n.mutable_attr())["T"].set_placeholder("T");
        (*n.mutable_attr())["shape"].mutable_shape()->set_unknown_rank(true);
        n.mutable_experimental_debug_info()->add_original_node_names("orig");
        auto node = node_from_proto(n);
        QVERIFY(node.ok());
        QCOMPARE(ir::attr_type(node->attrs, "dtype"), ir::DType::Float32);
        QVERIFY(node->attrs.at("T").is<ir::AttrPlaceholder>());
        QCOMPARE(node->original_node_names.front(), std::string("orig"));
        tensorflow::NodeDef back;
        node_to_proto(*node, &back);
        QCOMPARE(back.attr().at("strides").list().i(0), int64_t(2));
        QVERIFY(back.attr().at("empty").has_list());
        QCOMPARE(back.attr().at("f").func().name(), std::string("body"));
        QCOMPARE(back.attr().at("T").placeholder(), std::string("T"));
        QVERIFY(back.attr().at("shape").shape().unknown_rank());
    }
};

QTEST_GUILESS_MAIN(TestTensorProto)
#include "tst_tensor_proto.moc"
