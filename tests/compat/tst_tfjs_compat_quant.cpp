// SPDX-License-Identifier: Apache-2.0
// Quantized exports in real TensorFlow.js 4.22 (issue #7 acceptance): for float16, uint8 and
// uint16, tf.io.decodeWeights gives bit for bit the values our dequantization gives, the model
// run by tfjs matches our runtime on the dequantized weights, and the quantized weights take
// ½ (float16, uint16) or ¼ (uint8) of their float32 bytes in the shards.
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <cmath>
#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "analysis/quant_report_inputs.h"
#include "common/corpus.h"
#include "tfjs_env.h"
#include "export/convert_job.h"
#include "export/quantize.h"
#include "export/tfjs_graph_model.h"
#include "formats/registry.h"
#include "runtime/session.h"

using namespace wb;
namespace fs = std::filesystem;

namespace {

// node SCRIPT ARGS... with TFJS_DIR set; empty string = success, else stderr.
std::string node(const char* script, const QStringList& args) {
    QProcess p;
    p.setProcessEnvironment(test::tfjs_node_env());
    p.start("node", QStringList{QString(script)} + args);
    if (!p.waitForFinished(300000)) return "node timed out";
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) return "node failed: " + p.readAllStandardError().toStdString();
    return {};
}

QString q(const fs::path& p) { return QString::fromStdString(p.string()); }

// A tensor set written by the two scripts: manifest {name: {shape, dtype, file}} → raw floats.
std::vector<std::pair<std::string, std::vector<float>>> read_set(const fs::path& manifest_path) {
    std::ifstream in(manifest_path);
    auto manifest = nlohmann::ordered_json::parse(in);
    std::vector<std::pair<std::string, std::vector<float>>> out;
    for (auto it = manifest.begin(); it != manifest.end(); ++it) {
        if (it.value()["dtype"] != "float32") continue;
        std::ifstream bin(manifest_path.parent_path() / it.value()["file"].get<std::string>(), std::ios::binary);
        std::vector<char> bytes((std::istreambuf_iterator<char>(bin)), {});
        std::vector<float> v(bytes.size() / 4);
        std::memcpy(v.data(), bytes.data(), v.size() * 4);
        out.push_back({it.key(), std::move(v)});
    }
    return out;
}

std::size_t shard_bytes(const fs::path& dir, std::size_t& quantized_elements) {
    std::ifstream in(dir / "model.json");
    const auto j = nlohmann::json::parse(in);
    std::size_t bytes = 0;
    quantized_elements = 0;
    for (const auto& group : j["weightsManifest"]) {
        for (const auto& p : group["paths"]) bytes += fs::file_size(dir / p.get<std::string>());
        for (const auto& w : group["weights"]) {
            if (!w.contains("quantization")) continue;
            std::size_t n = 1;
            for (const auto& d : w["shape"]) n *= d.get<std::size_t>();
            quantized_elements += n;
        }
    }
    return bytes;
}

// Our side: every float32 Const replaced by dequantize(quantize(value)), by name.
std::map<std::string, ir::Tensor> dequantized_weights(ir::Model& m, exporter::QuantDType dtype) {
    std::map<std::string, ir::Tensor> out;
    for (auto& node : m.graph.nodes()) {
        const ir::Tensor* v = node.is_const() ? ir::attr_tensor(node.attrs, "value") : nullptr;
        if (!v || v->dtype() != ir::DType::Float32) continue;
        auto qt = exporter::quantize(*v, dtype, node.name);
        if (!qt) qFatal("%s", qt.error().what().c_str());
        ir::Tensor d = *exporter::dequantize(*qt);
        node.attrs["value"] = d;
        out.emplace(node.name, d);
    }
    return out;
}

}  // namespace

class TestTfjsCompatQuant : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        WB_REQUIRE_TFJS("tfjs-converter");
    }

    void quantizedExportsMatchTfjs_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("format");  // how to reach a float32 graph model first
        QTest::newRow("mobilenet_v2_mid") << "tfjs/nsfwjs/mobilenet_v2_mid/model.json" << "";
        QTest::newRow("keras_single_input") << "saved_models/tf-rust/keras_single_input_saved_model" << "tf_saved_model";
        QTest::newRow("keras_multiple_inputs") << "saved_models/tf-rust/keras_multiple_inputs_saved_model" << "tf_saved_model";
        QTest::newRow("fc-layers") << "frozen/tf-onnx/fc-layers/frozen.pb" << "tf_frozen_model";
    }

    void quantizedExportsMatchTfjs() {
        WB_REQUIRE_CORPUS();
        QFETCH(QString, model);
        QFETCH(QString, format);
        const fs::path source = test::corpus_dir() / model.toStdString();
        const fs::path work = test::temp_dir("compat-quant");
        const fs::path f32 = work / "float32";
        exporter::GraphModelOptions options;
        if (format.isEmpty()) {
            auto m = formats::read_model(source);
            QVERIFY2(m.ok(), m.ok() ? "" : m.error().what().c_str());
            fs::create_directories(f32);
            auto st = exporter::write_graph_model(*m, f32, options);
            QVERIFY2(st.ok(), st.ok() ? "" : st.error().what().c_str());
        } else {
            exporter::ConvertOptions o;
            o.input_format = format.toStdString();
            auto r = exporter::convert_to_graph_model(source, f32, o);
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().what().c_str());
        }
        auto base = formats::read_model(f32 / "model.json");
        QVERIFY2(base.ok(), base.ok() ? "" : base.error().what().c_str());
        std::size_t none = 0;
        const std::size_t f32_bytes = shard_bytes(f32, none);

        auto samples = analysis::random_samples(*base, 1, {});
        QVERIFY2(samples.ok(), samples.ok() ? "" : samples.error().what().c_str());
        nlohmann::json inputs;
        const auto specs = analysis::model_inputs(*base);
        for (std::size_t k = 0; k < specs.size(); ++k) {
            const ir::Tensor& t = (*samples)[0][k].second;
            std::vector<double> data;
            for (int64_t i = 0; i < t.num_elements(); ++i) data.push_back(t.value_as_double(i));
            inputs[specs[k].key] = {{"shape", t.shape().dims}, {"dtype", t.dtype() == ir::DType::Int32 ? "int32" : "float32"},
                                    {"data", data}};
        }
        std::ofstream(work / "inputs.json") << inputs.dump();

        for (auto dtype : {exporter::QuantDType::Float16, exporter::QuantDType::UInt8, exporter::QuantDType::UInt16}) {
            const std::string name(exporter::quant_dtype_name(dtype));
            const fs::path dir = work / name;
            fs::create_directories(dir);
            exporter::GraphModelOptions qo;
            qo.weights.quantize = exporter::make_quantizer(exporter::quantize_all(dtype));
            auto st = exporter::write_graph_model(*base, dir, qo);
            QVERIFY2(st.ok(), st.ok() ? "" : st.error().what().c_str());

            // Shards: each quantized element takes 2 (float16, uint16) or 1 (uint8) byte instead of 4.
            std::size_t quantized = 0;
            const std::size_t q_bytes = shard_bytes(dir, quantized);
            const std::size_t per = dtype == exporter::QuantDType::UInt8 ? 1 : 2;
            QVERIFY(quantized > 0);
            QCOMPARE(q_bytes, f32_bytes - 4 * quantized + per * quantized);

            // Weights: tfjs's decoding equals ours bit for bit.
            ir::Model ours = *base;
            const auto weights = dequantized_weights(ours, dtype);
            auto err = node(WB_TFJS_DECODE_JS, {q(dir), q(dir / "decoded")});
            QVERIFY2(err.empty(), err.c_str());
            int compared = 0;
            for (const auto& [wname, values] : read_set(dir / "decoded/weights.json")) {
                auto it = weights.find(wname);
                if (it == weights.end()) continue;
                QCOMPARE(int64_t(values.size()), it->second.num_elements());
                QVERIFY2(std::memcmp(values.data(), it->second.data<float>(), values.size() * 4) == 0,
                         (name + " weight '" + wname + "' decodes differently in tfjs").c_str());
                ++compared;
            }
            QCOMPARE(std::size_t(compared), weights.size());

            // Outputs: tfjs on the quantized export vs our runtime on the dequantized model.
            err = node(WB_TFJS_RUN_JS, {q(dir), q(work / "inputs.json"), q(dir / "out")});
            QVERIFY2(err.empty(), err.c_str());
            const auto tfjs_out = read_set(dir / "out/outputs.json");
            auto session = runtime::Session::create(std::make_shared<const ir::Model>(ours));
            QVERIFY(session.ok());
            auto got = (*session)->run((*samples)[0]);
            QVERIFY2(got.ok(), got.ok() ? "" : got.error().what().c_str());
            QCOMPARE(tfjs_out.size(), got->size());
            double worst = 0;
            for (std::size_t k = 0; k < got->size(); ++k) {
                const ir::Tensor& t = (*got)[k];
                const auto& want = tfjs_out[k].second;
                QCOMPARE(int64_t(want.size()), t.num_elements());
                double peak = 0;
                for (float v : want) peak = std::max(peak, double(std::abs(v)));
                for (int64_t i = 0; i < t.num_elements(); ++i)
                    worst = std::max(worst, std::abs(t.value_as_double(i) - want[i]) / std::max(peak, 1e-30));
            }
            qInfo("%s %s: %d weights bit-equal, shards %zu of %zu float32 bytes (%.3f), outputs max |diff|/peak %.2g",
                  qPrintable(model), name.c_str(), compared, q_bytes, f32_bytes, double(q_bytes) / f32_bytes, worst);
            QVERIFY2(worst <= 1e-6, (name + ": outputs differ by " + std::to_string(worst) + " of their peak").c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestTfjsCompatQuant)
#include "tst_tfjs_compat_quant.moc"
