// SPDX-License-Identifier: Apache-2.0
// keras → tfjs_layers_model (spec §3–§4): model.json fields, topology, weight names and order,
// --split_weights_by_layer, sharding, weights-only files, and the bytes against the .h5 itself.
#include <QTest>
#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "common/corpus.h"
#include "export/keras_conversion.h"
#include "formats/keras_h5/keras_h5_reader.h"

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

fs::path corpus(const std::string& rel) { return wb::test::corpus_dir() / "keras_h5" / rel; }

ojson load_json(const fs::path& p) {
    std::ifstream in(p);
    return ojson::parse(in);
}

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

// Concatenates every shard of every group, in manifest order (the tfjs loader's view).
std::string weight_stream(const fs::path& dir, const ojson& manifest) {
    std::string all;
    for (const auto& g : manifest)
        for (const auto& p : g["paths"]) all += read_all(dir / p.get<std::string>());
    return all;
}

const char* kMlp = "dl4j/examples/simple_sparse_xent/simple_sparse_xent_mlp_keras_2_model.h5";

}  // namespace

class TestKerasExport : public QObject {
    Q_OBJECT
private slots:
    void model_json_fields();
    void weights_match_hdf5();
    void alphanumeric_layer_order();
    void split_weights_by_layer();
    void sharding();
    void weights_only_file();
    void failure_leaves_nothing();
};

void TestKerasExport::model_json_fields() {
    WB_REQUIRE_CORPUS();
    fs::path out = wb::test::temp_dir("keras_export") / "mlp";
    wb::exporter::KerasConvertOptions o;
    o.layers.converted_by = "TensorFlow.js Converter v4.22.0";
    auto r = wb::exporter::convert_keras(corpus(kMlp), out, o);
    QVERIFY2(r, r ? "" : r.error().what().c_str());
    ojson m = load_json(out / "model.json");
    std::vector<std::string> keys;
    for (auto& [k, v] : m.items()) keys.push_back(k);
    QVERIFY(keys == (std::vector<std::string>{"format", "generatedBy", "convertedBy", "modelTopology", "weightsManifest"}));
    QCOMPARE(m["format"].get<std::string>(), std::string("layers-model"));
    auto a = wb::formats::read_keras_archive(corpus(kMlp));
    QVERIFY(a && !a->keras_version.empty());
    QCOMPARE(m["generatedBy"].get<std::string>(), "keras v" + a->keras_version);
    QCOMPARE(m["modelTopology"]["keras_version"].get<std::string>(), a->keras_version);
    const ojson& t = m["modelTopology"];
    QCOMPARE(t["backend"].get<std::string>(), std::string("tensorflow"));
    QCOMPARE(t["model_config"]["class_name"].get<std::string>(), std::string("Sequential"));
    QVERIFY(t.contains("training_config"));
    const ojson& w = m["weightsManifest"];
    QCOMPARE(w.size(), size_t(1));
    QCOMPARE(w[0]["paths"][0].get<std::string>(), std::string("group1-shard1of1.bin"));
    QCOMPARE(w[0]["weights"][0]["name"].get<std::string>(), std::string("dense_1/kernel"));
    QVERIFY(w[0]["weights"][0]["shape"] == ojson::parse("[4, 3]"));
    QCOMPARE(w[0]["weights"][0]["dtype"].get<std::string>(), std::string("float32"));
    QCOMPARE(w[0]["weights"][1]["name"].get<std::string>(), std::string("dense_1/bias"));
}

// The shard bytes are the .h5 datasets, little-endian float32, in manifest order.
void TestKerasExport::weights_match_hdf5() {
    WB_REQUIRE_CORPUS();
    fs::path src = corpus("dl4j/examples/simple_lstm/simple_lstm_tf_keras_2_model.h5");
    fs::path out = wb::test::temp_dir("keras_export") / "lstm";
    QVERIFY(wb::exporter::convert_keras(src, out, {}));
    ojson m = load_json(out / "model.json");
    std::string stream = weight_stream(out, m["weightsManifest"]);
    auto a = wb::formats::read_keras_archive(src);
    QVERIFY(a);
    std::string expected;
    size_t n = 0;
    for (const auto& l : a->layers)
        for (const auto& w : l.weights) {
            expected.append(reinterpret_cast<const char*>(w.value.raw()), w.value.byte_size());
            QCOMPARE(m["weightsManifest"][0]["weights"][n++]["name"].get<std::string>(), w.name);
        }
    QCOMPARE(n, m["weightsManifest"][0]["weights"].size());
    QVERIFY(stream == expected);
}

// KH5:241-249 iterates the keys of model_weights: batch_normalization_10 before _2.
void TestKerasExport::alphanumeric_layer_order() {
    WB_REQUIRE_CORPUS();
    fs::path src = corpus("face_classification/fer2013_mini_XCEPTION.102-0.66.hdf5");
    if (!fs::exists(src)) QSKIP("face_classification model not in the corpus");
    fs::path out = wb::test::temp_dir("keras_export") / "xception";
    auto r = wb::exporter::convert_keras(src, out, {});
    QVERIFY2(r, r ? "" : r.error().what().c_str());
    ojson m = load_json(out / "model.json");
    auto a = wb::formats::read_keras_archive(src);
    QVERIFY(a);
    std::vector<std::string> layers, sorted;
    for (const auto& l : a->layers) layers.push_back(l.layer);
    sorted = layers;
    std::sort(sorted.begin(), sorted.end());  // byte order, as HDF5's name index and h5py
    QVERIFY(layers == sorted);
    QVERIFY(std::find(layers.begin(), layers.end(), "batch_normalization_10") < std::find(layers.begin(), layers.end(), "batch_normalization_2"));
    size_t i = 0;
    for (const auto& l : a->layers)
        for (const auto& w : l.weights) QCOMPARE(m["weightsManifest"][0]["weights"][i++]["name"].get<std::string>(), w.name);
}

void TestKerasExport::split_weights_by_layer() {
    WB_REQUIRE_CORPUS();
    fs::path src = corpus("dl4j/examples/simple_lstm/simple_lstm_tf_keras_2_model.h5");
    fs::path out = wb::test::temp_dir("keras_export") / "split";
    wb::exporter::KerasConvertOptions o;
    o.layers.split_weights_by_layer = true;
    QVERIFY(wb::exporter::convert_keras(src, out, o));
    ojson m = load_json(out / "model.json");
    QCOMPARE(m["weightsManifest"].size(), size_t(2));  // lstm_1 and dense_1
    QCOMPARE(m["weightsManifest"][0]["paths"][0].get<std::string>(), std::string("group1-shard1of1.bin"));
    QCOMPARE(m["weightsManifest"][1]["paths"][0].get<std::string>(), std::string("group2-shard1of1.bin"));
    QCOMPARE(m["weightsManifest"][1]["weights"][0]["name"].get<std::string>(), std::string("lstm_1/kernel"));
}

// 4,000-byte shards: ceil(total / 4000) files, the last one shorter, weights straddle them.
void TestKerasExport::sharding() {
    WB_REQUIRE_CORPUS();
    fs::path src = corpus("dl4j/examples/simple_lstm/simple_lstm_tf_keras_2_model.h5");
    fs::path one = wb::test::temp_dir("keras_export") / "one", many = wb::test::temp_dir("keras_export") / "many";
    QVERIFY(wb::exporter::convert_keras(src, one, {}));
    wb::exporter::KerasConvertOptions o;
    o.layers.weights.shard_size_bytes = 4000;
    QVERIFY(wb::exporter::convert_keras(src, many, o));
    ojson m1 = load_json(one / "model.json"), m2 = load_json(many / "model.json");
    std::string s1 = weight_stream(one, m1["weightsManifest"]), s2 = weight_stream(many, m2["weightsManifest"]);
    const size_t shards = (s1.size() + 3999) / 4000;
    QCOMPARE(m2["weightsManifest"][0]["paths"].size(), shards);
    QCOMPARE(m2["weightsManifest"][0]["paths"][0].get<std::string>(), "group1-shard1of" + std::to_string(shards) + ".bin");
    QVERIFY(s1 == s2);
}

void TestKerasExport::weights_only_file() {
    WB_REQUIRE_CORPUS();
    fs::path src = corpus("dl4j/examples/simple_sparse_xent/simple_sparse_xent_mlp_keras_2_weights.h5");
    fs::path out = wb::test::temp_dir("keras_export") / "weights_only";
    auto r = wb::exporter::convert_keras(src, out, {});
    QVERIFY2(r, r ? "" : r.error().what().c_str());
    ojson m = load_json(out / "model.json");
    QVERIFY(m["generatedBy"].is_null());
    QVERIFY(m["modelTopology"].is_null());
    QCOMPARE(m["weightsManifest"][0]["weights"].size(), size_t(2));
}

void TestKerasExport::failure_leaves_nothing() {
    fs::path bad = wb::test::temp_dir("keras_export") / "not_keras.h5";
    std::ofstream(bad) << "garbage";
    fs::path out = wb::test::temp_dir("keras_export") / "never";
    auto r = wb::exporter::convert_keras(bad, out, {});
    QVERIFY(!r);
    QVERIFY(!fs::exists(out));
    WB_REQUIRE_CORPUS();
    fs::path out2 = wb::test::temp_dir("keras_export") / "lambda";
    auto l = wb::exporter::convert_keras(corpus("dl4j/examples/lambda/model_lambda.h5"), out2, {});
    QVERIFY(!l);
    QVERIFY2(l.error().what().find("'lambda_3' (Lambda, position 2)") != std::string::npos, l.error().what().c_str());
    QVERIFY(!fs::exists(out2));
}

QTEST_GUILESS_MAIN(TestKerasExport)
#include "tst_keras_export.moc"
