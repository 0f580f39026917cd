// SPDX-License-Identifier: Apache-2.0
// Weight quantization as the TensorFlow.js converter does it (spec §5). Expected values are the
// spec's verified vectors, IEEE-754 facts and Python's fnmatch results; the corpus part checks
// our quantizer against codes the real converter (v1.7.4) wrote for nsfwjs.
#include <QTest>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "common/corpus.h"
#include "export/fnmatch.h"
#include "export/quantize.h"

using namespace wb;
using namespace wb::exporter;

namespace {

ir::Tensor floats(std::vector<float> v) {
    auto n = static_cast<int64_t>(v.size());
    return ir::Tensor::from_vector(ir::DType::Float32, ir::Shape{n}, v);
}

template <class Code>
std::vector<int> codes_of(const QuantizedTensor& q) {
    std::vector<int> out;
    for (int64_t i = 0; i < q.codes.num_elements(); ++i) out.push_back(q.codes.data<Code>()[i]);
    return out;
}

QuantizedTensor must_quantize(const ir::Tensor& t, QuantDType d, NumpyArithmetic mode) {
    auto q = quantize(t, d, "w", mode);
    if (!q) qFatal("%s", q.error().what().c_str());
    return *q;
}

std::vector<std::optional<QuantDType>> must_select(const std::vector<std::string>& names,
                                                   const QuantizationFlags& flags) {
    auto spec = parse_quantization_flags(flags);
    if (!spec) qFatal("%s", spec.error().what().c_str());
    auto sel = select_quantization(names, *spec);
    if (!sel) qFatal("%s", sel.error().what().c_str());
    return *sel;
}

}  // namespace

class TestQuantize : public QObject {
    Q_OBJECT
private slots:
    void affine_vectors_data();
    void affine_vectors();
    void float16_vector();
    void float16_edges_data();
    void float16_edges();
    void manifest_key_order();
    void dequantize_like_tfjs();
    void rejects_bad_input();
    void fnmatch_semantics_data();
    void fnmatch_semantics();
    void selection_fallthrough_and_patterns();
    void selection_conflicts();
    void quantizer_only_touches_float32();
    void shard_bytes_through_the_writer();
    void requantizes_converter_output();
};

void TestQuantize::affine_vectors_data() {
    QTest::addColumn<int>("mode");
    QTest::newRow("numpy1-float32") << int(NumpyArithmetic::Float32Legacy);
    QTest::newRow("numpy2-float64") << int(NumpyArithmetic::Float64Nep50);
}

// Spec §5.2 [verified] vectors; min and scale must equal the Python float reprs exactly.
void TestQuantize::affine_vectors() {
    QFETCH(int, mode);
    auto m = static_cast<NumpyArithmetic>(mode);
    auto q8 = must_quantize(floats({0.f, -0.1f, 1.2f}), QuantDType::UInt8, m);
    QCOMPARE(codes_of<uint8_t>(q8), (std::vector<int>{20, 0, 255}));
    QCOMPARE(q8.min, -0.10196078817049663);
    QCOMPARE(q8.scale, 0.0050980394085248315);
    QCOMPARE(zero_point(q8), 20.0);

    auto q16 = must_quantize(floats({0.f, -0.1f, 1.2f}), QuantDType::UInt16, m);
    QCOMPARE(codes_of<uint16_t>(q16), (std::vector<int>{5041, 0, 65535}));
    QCOMPARE(q16.min, -0.09999695197810769);
    QCOMPARE(q16.scale, 1.9836729216049928e-05);

    auto pos = must_quantize(floats({0.5f, 1.0f, 2.0f}), QuantDType::UInt8, m);  // 0 not in range
    QCOMPARE(codes_of<uint8_t>(pos), (std::vector<int>{0, 85, 255}));
    QCOMPARE(pos.min, 0.5);
    QCOMPARE(pos.scale, 0.0058823529411764705);

    auto flat = must_quantize(floats({3.f, 3.f}), QuantDType::UInt8, m);  // constant tensor
    QCOMPARE(codes_of<uint8_t>(flat), (std::vector<int>{0, 0}));
    QCOMPARE(flat.min, 3.0);
    QCOMPARE(flat.scale, 1.0);

    // A scalar is quantized too (no minimum size, spec §5.1).
    auto scalar = must_quantize(ir::Tensor::scalar<float>(ir::DType::Float32, -2.5f), QuantDType::UInt16, m);
    QCOMPARE(scalar.codes.shape(), ir::Shape{});
    QCOMPARE(scalar.min, -2.5);
}

// Spec §5.3 [verified]: [0, -0.1, 1.2, 70000, 1e-8] → LE bytes 0000 66ae cd3c 007c 0000.
void TestQuantize::float16_vector() {
    std::vector<float> v{0.f, -0.1f, 1.2f, 70000.f, 1e-8f};
    const std::vector<uint16_t> expected{0x0000, 0xae66, 0x3ccd, 0x7c00, 0x0000};
    auto q = must_quantize(floats(v), QuantDType::Float16, NumpyArithmetic::Float32Legacy);
    const unsigned char le[] = {0x00, 0x00, 0x66, 0xae, 0xcd, 0x3c, 0x00, 0x7c, 0x00, 0x00};
    QCOMPARE(q.codes.byte_size(), sizeof le);
    QVERIFY(std::memcmp(q.codes.raw(), le, sizeof le) == 0);
    for (std::size_t i = 0; i < v.size(); ++i) QCOMPARE(ir::float_to_half(v[i]), expected[i]);
}

void TestQuantize::float16_edges_data() {
    QTest::addColumn<float>("value");
    QTest::addColumn<int>("half");
    // IEEE 754 binary16, round to nearest even.
    QTest::newRow("max half") << 65504.f << 0x7bff;
    QTest::newRow("just below the overflow tie") << 65519.99609375f << 0x7bff;
    QTest::newRow("overflow tie goes to inf") << 65520.f << 0x7c00;
    QTest::newRow("-inf") << -INFINITY << 0xfc00;
    QTest::newRow("nan stays quiet nan") << NAN << 0x7e00;
    QTest::newRow("smallest subnormal 2^-24") << std::ldexp(1.f, -24) << 0x0001;
    QTest::newRow("2^-25 ties to even zero") << std::ldexp(1.f, -25) << 0x0000;
    QTest::newRow("1.5*2^-24 ties to even 2") << std::ldexp(3.f, -25) << 0x0002;
    QTest::newRow("largest subnormal") << std::ldexp(1023.f, -24) << 0x03ff;
    QTest::newRow("smallest normal 2^-14") << std::ldexp(1.f, -14) << 0x0400;
    QTest::newRow("2049 ties to even 2048") << 2049.f << 0x6800;
    QTest::newRow("2051 ties to even 2052") << 2051.f << 0x6802;
    QTest::newRow("-0") << -0.f << 0x8000;
}

void TestQuantize::float16_edges() {
    QFETCH(float, value);
    QFETCH(int, half);
    QCOMPARE(int(ir::float_to_half(value)), half);
    auto q = must_quantize(floats({value}), QuantDType::Float16, NumpyArithmetic::Float32Legacy);
    QCOMPARE(int(q.codes.data<uint16_t>()[0]), half);
}

// WW:_get_weights_manifest_for_group: dtype, min, scale, original_dtype; Python float reprs.
void TestQuantize::manifest_key_order() {
    auto q8 = must_quantize(floats({0.f, -0.1f, 1.2f}), QuantDType::UInt8, NumpyArithmetic::Float32Legacy);
    QCOMPARE(QString::fromStdString(quantization_json(q8).dump()),
             QStringLiteral(R"({"dtype":"uint8","min":-0.10196078817049663,"scale":0.0050980394085248315,)"
                            R"("original_dtype":"float32"})"));
    auto q16 = must_quantize(floats({0.f, -0.1f, 1.2f}), QuantDType::UInt16, NumpyArithmetic::Float32Legacy);
    QCOMPARE(QString::fromStdString(quantization_json(q16).dump()),
             QStringLiteral(R"({"dtype":"uint16","min":-0.09999695197810769,"scale":1.9836729216049928e-05,)"
                            R"("original_dtype":"float32"})"));
    auto h = must_quantize(floats({1.f}), QuantDType::Float16, NumpyArithmetic::Float32Legacy);
    QCOMPARE(QString::fromStdString(quantization_json(h).dump()),
             QStringLiteral(R"({"dtype":"float16","original_dtype":"float32"})"));
    auto m = manifest_quantization(q8);
    QCOMPARE(m.dtype, std::string("uint8"));
    QCOMPARE(*m.min, q8.min);
    QCOMPARE(*m.scale, q8.scale);
    QVERIFY(!manifest_quantization(h).min);
}

// IOU:decodeWeight: float32(q*scale + min) in double; int32 via Math.round (half up).
void TestQuantize::dequantize_like_tfjs() {
    auto q8 = must_quantize(floats({0.f, -0.1f, 1.2f}), QuantDType::UInt8, NumpyArithmetic::Float32Legacy);
    auto d = dequantize(q8);
    QVERIFY(d.ok());
    QCOMPARE(d->data<float>()[0], 0.f);  // nudging: 0.0 is represented exactly
    QCOMPARE(d->data<float>()[1], static_cast<float>(-0.10196078817049663));
    QCOMPARE(d->data<float>()[2], static_cast<float>(255 * 0.0050980394085248315 + -0.10196078817049663));

    QuantizedTensor qi;
    qi.dtype = QuantDType::UInt8;
    qi.codes = ir::Tensor::from_vector<uint8_t>(ir::DType::UInt8, ir::Shape{4}, {1, 5, 0, 3});
    qi.scale = 0.5;
    qi.min = -1.0;  // values -0.5, 1.5, -1, 0.5 → Math.round: -0, 2, -1, 1
    auto di = dequantize(qi, ir::DType::Int32);
    QVERIFY(di.ok());
    QCOMPARE((std::vector<int32_t>(di->data<int32_t>(), di->data<int32_t>() + 4)), (std::vector<int32_t>{0, 2, -1, 1}));

    auto h = must_quantize(floats({-0.1f, 70000.f}), QuantDType::Float16, NumpyArithmetic::Float32Legacy);
    auto dh = dequantize(h);
    QCOMPARE(dh->data<float>()[0], -0.0999755859375f);
    QVERIFY(std::isinf(dh->data<float>()[1]));
    QVERIFY(!dequantize(h, ir::DType::Int32).ok());  // tfjs: float16 only for float32 weights

    WeightQuantization no_scale{"uint8", -1.0, std::nullopt, "float32"};
    std::vector<std::byte> one(1);
    auto bad = quantized_from_manifest(no_scale, ir::Shape{1}, one, "k");
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.find("doesn't have corresponding metadata min and scale") != std::string::npos);
    QVERIFY(!quantized_from_manifest({"int4", {}, {}, "float32"}, ir::Shape{1}, one, "k").ok());
    QVERIFY(!quantized_from_manifest({"uint16", 0.0, 1.0, "float32"}, ir::Shape{1}, one, "k").ok());
}

void TestQuantize::rejects_bad_input() {
    auto ints = ir::Tensor::from_vector<int32_t>(ir::DType::Int32, ir::Shape{2}, {1, 2});
    auto e = quantize(ints, QuantDType::UInt8, "ids");
    QVERIFY(!e.ok());
    QCOMPARE(e.error().item, std::string("weight 'ids'"));
    QVERIFY(!quantize(floats({1.f, NAN}), QuantDType::UInt8, "n").ok());
    QVERIFY(!quantize(floats({}), QuantDType::UInt16, "empty").ok());
    QVERIFY(quantize(floats({}), QuantDType::Float16, "empty").ok());
}

void TestQuantize::fnmatch_semantics_data() {
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("matches");  // names matched, '|'-joined, from Python's fnmatch
    auto row = [](const char* tag, const char* pattern, const char* matches) {
        QTest::newRow(tag) << QString::fromUtf8(pattern) << QString::fromUtf8(matches);
    };
    row("star crosses /", "conv/*", "conv/1/weights|conv/2/weights|conv/10/weights");
    row("leading star", "*/weights", "conv/1/weights|conv/2/weights|conv/10/weights|Conv/1/weights");
    row("question mark", "conv/?/weights", "conv/1/weights|conv/2/weights");
    row("set", "[cd]*", "conv/1/weights|conv/2/weights|conv/10/weights|dense/kernel|dense/bias");
    row("negated set", "[!c]*", "dense/kernel|dense/bias|x[1]|Conv/1/weights|a-b|é/kernel");
    row("whole name only", "conv", "");
    row("brackets are a set", "x[1]", "");
    row("escaped bracket", "x[[]1]", "x[1]");
    row("range then literal dash", "[a-c]-b", "a-b");
    row("? is one code point", "?/kernel", "é/kernel");
    row("star then negated set", "*/[!w]*", "conv/1/weights|conv/2/weights|conv/10/weights|dense/kernel|dense/bias|"
                                              "Conv/1/weights|é/kernel");
    row("leading ] in set", "[]-a]*", "a-b");
    row("reversed range matches nothing", "[z-a]*", "");
    row("negated reversed range is any", "[!b-a]*", "conv/1/weights|conv/2/weights|conv/10/weights|dense/kernel|"
                                                      "dense/bias|x[1]|Conv/1/weights|a-b|é/kernel");
    row("comma is literal", "dense/*,conv/1/*", "");
    row("unclosed [ is literal", "x[1", "");
    row("unclosed [ then star", "x[1*", "x[1]");
}

void TestQuantize::fnmatch_semantics() {
    QFETCH(QString, pattern);
    QFETCH(QString, matches);
    const std::vector<std::string> names{"conv/1/weights", "conv/2/weights", "conv/10/weights", "dense/kernel",
                                         "dense/bias", "x[1]", "Conv/1/weights", "a-b", "é/kernel"};
    QStringList got;
    FnMatchPattern p(pattern.toStdString());
    for (const auto& n : names)
        if (p.matches(n)) got << QString::fromStdString(n);
    QCOMPARE(got.join('|'), matches);
}

void TestQuantize::selection_fallthrough_and_patterns() {
    const std::vector<std::string> names{"conv/1/weights", "dense/kernel", "dense/bias", "step"};
    QuantizationFlags f;
    f.float16 = QuantizeFlag::bare();
    f.uint8 = QuantizeFlag::patterns("dense/*");
    auto sel = must_select(names, f);
    QCOMPARE(sel[0], std::optional(QuantDType::Float16));
    QCOMPARE(sel[1], std::optional(QuantDType::UInt8));
    QCOMPARE(sel[2], std::optional(QuantDType::UInt8));
    QCOMPARE(sel[3], std::optional(QuantDType::Float16));

    QuantizationFlags only;  // no fallthrough: unmatched names stay float32
    only.uint16 = QuantizeFlag::patterns("conv/*,step");
    sel = must_select(names, only);
    QCOMPARE(sel[0], std::optional(QuantDType::UInt16));
    QVERIFY(!sel[1] && !sel[2]);
    QCOMPARE(sel[3], std::optional(QuantDType::UInt16));

    QuantizationFlags spaced;  // split(',') without trimming: " step" matches nothing
    spaced.uint8 = QuantizeFlag::patterns("conv/*, step");
    sel = must_select(names, spaced);
    QVERIFY(sel[0] && !sel[3]);

    QuantizationFlags legacy;  // --quantization_bytes 2 = uint16 fallthrough
    legacy.quantization_bytes = 2;
    std::string warning;
    auto spec = parse_quantization_flags(legacy, &warning);
    QVERIFY(spec.ok());
    QVERIFY(warning.find("deprecated") != std::string::npos);
    QCOMPARE(spec->rules.size(), std::size_t(1));
    QVERIFY(spec->rules[0].fallthrough && spec->rules[0].dtype == QuantDType::UInt16);

    // An explicit "*" is a pattern, not a fallthrough: it outranks another dtype's fallthrough.
    QuantizationFlags star;
    star.uint8 = QuantizeFlag::patterns("*");
    star.float16 = QuantizeFlag::bare();
    sel = must_select(names, star);
    for (const auto& s : sel) QCOMPARE(s, std::optional(QuantDType::UInt8));
}

void TestQuantize::selection_conflicts() {
    const std::vector<std::string> names{"conv/1/weights", "dense/kernel"};
    QuantizationFlags two;
    two.uint8 = QuantizeFlag::patterns("conv/*");
    two.float16 = QuantizeFlag::patterns("*/weights");
    auto spec = parse_quantization_flags(two);
    QVERIFY(spec.ok());
    auto sel = select_quantization(names, *spec);
    QVERIFY(!sel.ok());
    QCOMPARE(sel.error().message, std::string("Two quantization values uint8, float16 match the same node conv/1/weights"));

    QuantizationFlags same;  // one dtype matching twice is fine
    same.uint8 = QuantizeFlag::patterns("conv/*,*/weights");
    QVERIFY(select_quantization(names, *parse_quantization_flags(same)).ok());

    QuantizationFlags fall;
    fall.uint8 = QuantizeFlag::bare();
    fall.uint16 = QuantizeFlag::bare();
    auto e = parse_quantization_flags(fall);
    QVERIFY(!e.ok());
    QCOMPARE(e.error().message, std::string("More than one quantization fallthrough provided, exactly one is supported"));

    QuantizationFlags mixed;
    mixed.quantization_bytes = 1;
    mixed.float16 = QuantizeFlag::patterns("x");
    QCOMPARE(parse_quantization_flags(mixed).error().message,
             std::string("--quantization_bytes cannot be used with the new quantization flags"));
}

void TestQuantize::quantizer_only_touches_float32() {
    WeightGroup g;
    g.entries.push_back({"w", floats({0.f, -0.1f, 1.2f}), {}, {}});
    g.entries.push_back({"ids", ir::Tensor::from_vector<int32_t>(ir::DType::Int32, ir::Shape{2}, {7, 9}), {}, {}});
    g.entries.push_back({"mask", ir::Tensor::from_vector<uint8_t>(ir::DType::Bool, ir::Shape{2}, {1, 0}), {}, {}});
    g.entries.push_back({"vocab", ir::Tensor::from_strings(ir::Shape{1}, {"ab"}), {}, {}});
    auto quantizer = make_quantizer(quantize_all(QuantDType::UInt8));
    QVERIFY(quantizer(g).ok());
    QVERIFY(g.entries[0].quantization.has_value());
    QCOMPARE(g.entries[0].quantized_bytes.size(), std::size_t(3));
    QCOMPARE(std::to_integer<int>(g.entries[0].quantized_bytes[0]), 20);
    for (std::size_t i = 1; i < 4; ++i) {
        QVERIFY(!g.entries[i].quantization);
        QVERIFY(g.entries[i].quantized_bytes.empty());
    }
    QCOMPARE(g.entries[1].value.data<int32_t>()[1], 9);
}

// Through weights_writer: shard bytes are ½ (float16, uint16) and ¼ (uint8) of float32 for the
// float weights; the int32 weight keeps its 4 bytes; manifest entries carry the quantization.
void TestQuantize::shard_bytes_through_the_writer() {
    std::vector<float> big(1000);
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = std::sin(static_cast<float>(i)) * 3.f;
    auto total = [](const std::filesystem::path& dir) {
        std::uintmax_t bytes = 0;
        for (const auto& f : std::filesystem::directory_iterator(dir))
            if (f.path().extension() == ".bin") bytes += f.file_size();
        return bytes;
    };
    std::uintmax_t float32 = 0;
    for (int config = 0; config < 4; ++config) {
        std::vector<WeightGroup> groups(1);
        groups[0].entries.push_back({"dense/kernel", floats(big), {}, {}});
        groups[0].entries.push_back({"ids", ir::Tensor::from_vector<int32_t>(ir::DType::Int32, ir::Shape{10},
                                                                            std::vector<int32_t>(10, 7)), {}, {}});
        WeightsWriteOptions options;
        options.shard_size_bytes = 1024;
        const QuantDType dtypes[] = {QuantDType::Float16, QuantDType::UInt8, QuantDType::UInt16};
        if (config > 0) options.quantize = make_quantizer(quantize_all(dtypes[config - 1]));
        auto dir = wb::test::temp_dir("quant_shards_" + std::to_string(config));
        auto manifest = write_weights(groups, dir, options);
        if (!manifest) QFAIL(manifest.error().what().c_str());
        const auto bytes = total(dir) - 40;  // minus the int32 weight
        if (config == 0) {
            float32 = bytes;
            QCOMPARE(bytes, std::uintmax_t(4000));
            QVERIFY(!(*manifest)[0]["weights"][0].contains("quantization"));
            continue;
        }
        const auto& entry = (*manifest)[0]["weights"][0];
        QCOMPARE(entry["dtype"].get<std::string>(), std::string("float32"));
        QCOMPARE(entry["quantization"]["dtype"].get<std::string>(), std::string(quant_dtype_name(dtypes[config - 1])));
        QVERIFY(!(*manifest)[0]["weights"][1].contains("quantization"));
        QCOMPARE(bytes * (dtypes[config - 1] == QuantDType::UInt8 ? 4 : 2), float32);
    }
}

// nsfwjs mobilenet_v2_mid was uint8-quantized by the real converter (v1.7.4). Decoding it as
// tfjs does and quantizing again (tfjs_layers_model → tfjs_layers_model re-quantization)
// must give back the converter's codes and, within float32 rounding, its min and scale.
void TestQuantize::requantizes_converter_output() {
    WB_REQUIRE_CORPUS();
    auto dir = wb::test::corpus_dir() / "tfjs/nsfwjs/mobilenet_v2_mid";
    std::ifstream mf(dir / "model.json");
    QVERIFY(mf.good());
    auto model = nlohmann::json::parse(mf);
    std::vector<char> stream;
    for (const auto& p : model["weightsManifest"][0]["paths"]) {
        std::ifstream shard(dir / p.get<std::string>(), std::ios::binary);
        stream.insert(stream.end(), std::istreambuf_iterator<char>(shard), {});
    }
    std::size_t offset = 0, checked = 0;
    for (const auto& w : model["weightsManifest"][0]["weights"]) {
        const auto& qj = w["quantization"];
        WeightQuantization wq{qj["dtype"].get<std::string>(), qj["min"].get<double>(), qj["scale"].get<double>(), "float32"};
        ir::Shape shape(w["shape"].get<std::vector<int64_t>>());
        const auto n = static_cast<std::size_t>(*shape.num_elements());
        QVERIFY(offset + n <= stream.size());
        auto q = quantized_from_manifest(wq, shape, std::as_bytes(std::span(stream.data() + offset, n)), w["name"]);
        if (!q) QFAIL(q.error().what().c_str());
        offset += n;
        auto values = dequantize(*q);
        QVERIFY(values.ok());
        auto again = must_quantize(*values, QuantDType::UInt8, NumpyArithmetic::Float32Legacy);
        QVERIFY2(std::memcmp(again.codes.raw(), q->codes.raw(), n) == 0, w["name"].get<std::string>().c_str());
        QVERIFY(std::abs(again.min - q->min) <= 1e-6 * std::abs(q->min) + 1e-12);
        QVERIFY(std::abs(again.scale - q->scale) <= 1e-6 * q->scale);
        ++checked;
    }
    QCOMPARE(offset, stream.size());
    QCOMPARE(checked, std::size_t(108));
}

QTEST_GUILESS_MAIN(TestQuantize)
#include "tst_quantize.moc"
