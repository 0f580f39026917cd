// SPDX-License-Identifier: Apache-2.0
// tfjs_layers_model → tfjs_layers_model (re-shard / re-quantize, spec §1 CONV:405) against what the
// real converter wrote: nsfwjs mobilenet_v2 ships uint8 weights quantized by tensorflowjs, so
// dequantizing and quantizing them again to uint8 must give the same codes, min and scale.
// (tensorflowjs itself does this through a temporary .h5 in float32.)
#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <iterator>

#include "common/corpus.h"
#include "export/keras_conversion.h"
#include "export/quantize.h"
#include "export/quantize_select.h"
#include "formats/registry.h"

using namespace wb;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

json read_json(const fs::path& p) {
    std::ifstream in(p);
    return json::parse(in);
}

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

Expected<exporter::KerasConvertReport> requantize(const fs::path& in, const fs::path& out, const std::string& flag) {
    exporter::KerasConvertOptions o;
    o.input_format = "tfjs_layers_model";
    if (!flag.empty()) {
        exporter::QuantizationFlags flags;
        (flag == "uint8" ? flags.uint8 : flags.float16) = exporter::QuantizeFlag::bare();
        auto spec = exporter::parse_quantization_flags(flags);
        if (!spec) return spec.error();
        o.layers.weights.quantize = exporter::make_quantizer(*spec);
    }
    return exporter::convert_keras(in, out, o);
}

}  // namespace

class TstLayersRequantize : public QObject {
    Q_OBJECT
private slots:
    void uint8AgainIsWhatTheConverterWrote() {
        WB_REQUIRE_CORPUS();
        const fs::path src = wb::test::corpus_dir() / "tfjs/nsfwjs/mobilenet_v2";
        const fs::path out = wb::test::temp_dir("requantize") / "uint8";
        auto r = requantize(src, out, "uint8");
        QVERIFY2(r.ok(), r ? "" : r.error().what().c_str());
        QCOMPARE(r->weights, std::size_t(266));
        const json a = read_json(src / "model.json"), b = read_json(out / "model.json");
        QVERIFY(b["format"] == "layers-model");
        QVERIFY(b["modelTopology"] == a["modelTopology"]);
        const auto& wa = a["weightsManifest"][0]["weights"];
        const auto& wb_ = b["weightsManifest"][0]["weights"];
        QCOMPARE(wb_.size(), wa.size());
        for (std::size_t i = 0; i < wa.size(); ++i) {
            QVERIFY(wb_[i]["name"] == wa[i]["name"]);
            // The weights pass through float32 (as tfjs-layers holds them), so min and scale come
            // back rounded to float32 precision; the codes are identical.
            for (const char* key : {"min", "scale"}) {
                const double x = wb_[i]["quantization"][key], y = wa[i]["quantization"][key];
                QVERIFY2(std::abs(x - y) <= 1e-6 * std::abs(y), key);
            }
        }
        QVERIFY(read_bytes(out / "group1-shard1of1.bin") == read_bytes(src / "group1-shard1of1"));
    }

    // Without quantization the weights come back as float32 (what tfjs-layers loads), 4× the
    // uint8 bytes, sharded at 4 MiB; the result reads back as the same runnable model.
    void float32AndFloat16Reshard() {
        WB_REQUIRE_CORPUS();
        const fs::path src = wb::test::corpus_dir() / "tfjs/nsfwjs/mobilenet_v2";
        const fs::path dir = wb::test::temp_dir("requantize");
        QVERIFY(requantize(src, dir / "f32", "").ok());
        QVERIFY(requantize(src, dir / "f16", "float16").ok());
        const auto u8 = fs::file_size(src / "group1-shard1of1");
        std::uintmax_t f32 = 0, f16 = 0;
        for (const auto& e : fs::directory_iterator(dir / "f32"))
            if (e.path().extension() == ".bin") {
                f32 += e.file_size();
                QVERIFY(e.file_size() <= 4194304);
            }
        for (const auto& e : fs::directory_iterator(dir / "f16"))
            if (e.path().extension() == ".bin") f16 += e.file_size();
        QCOMPARE(f32, u8 * 4);
        QCOMPARE(f16, u8 * 2);
        auto original = formats::read_model(src);
        auto back = formats::read_model(dir / "f32");
        QVERIFY2(back.ok(), back ? "" : back.error().what().c_str());
        QCOMPARE(back->weights.size(), original->weights.size());
    }

    void missingWeightsAreAnError() {
        WB_REQUIRE_CORPUS();
        const fs::path dir = wb::test::temp_dir("requantize_alone");
        fs::copy_file(wb::test::corpus_dir() / "tfjs/nsfwjs/mobilenet_v2/model.json", dir / "model.json",
                      fs::copy_options::overwrite_existing);
        auto r = requantize(dir, dir / "out", "uint8");
        QVERIFY(!r.ok());
        QVERIFY(r.error().what().find("weight files are missing") != std::string::npos);
        QVERIFY(!fs::exists(dir / "out"));
    }
};

QTEST_GUILESS_MAIN(TstLayersRequantize)
#include "tst_layers_requantize.moc"
