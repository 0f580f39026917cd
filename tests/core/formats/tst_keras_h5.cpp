// SPDX-License-Identifier: Apache-2.0
// Keras .h5 reader: every corpus file against its expected outcome (data/keras_h5_corpus.tsv),
// and broken fixtures (named for their defect) written here with libhdf5.
#include <hdf5.h>
#include <zip.h>

#include <QTest>
#include <fstream>
#include <map>

#include "common/corpus.h"
#include "formats/keras_h5/keras_h5_reader.h"
#include "ir/validate.h"
#include "runtime/session.h"

namespace fs = std::filesystem;

namespace {

// Writes a minimal Keras-style .h5: root string attributes and one weights group.
void write_h5(const fs::path& path, const std::map<std::string, std::string>& root_attrs, int64_t dims = 4,
              bool with_weights = true) {
    hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    auto put = [](hid_t loc, const std::string& name, const std::string& value) {
        hid_t t = H5Tcopy(H5T_C_S1);
        H5Tset_size(t, value.size() ? value.size() : 1);
        hid_t s = H5Screate(H5S_SCALAR);
        hid_t a = H5Acreate2(loc, name.c_str(), t, s, H5P_DEFAULT, H5P_DEFAULT);
        H5Awrite(a, t, value.c_str());
        H5Aclose(a), H5Sclose(s), H5Tclose(t);
    };
    for (const auto& [k, v] : root_attrs) put(f, k, v);
    if (with_weights) {
        hid_t mw = H5Gcreate2(f, "model_weights", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        put(mw, "layer_names", "dense_1");
        hid_t g = H5Gcreate2(mw, "dense_1", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        put(g, "weight_names", "dense_1/bias:0");
        hid_t sub = H5Gcreate2(g, "dense_1", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        hsize_t d[1] = {hsize_t(dims)};
        hid_t sp = H5Screate_simple(1, d, nullptr);
        hid_t ds = H5Dcreate2(sub, "bias:0", H5T_IEEE_F32LE, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        std::vector<float> zeros(size_t(dims), 0.5f);
        H5Dwrite(ds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, zeros.data());
        H5Dclose(ds), H5Sclose(sp), H5Gclose(sub), H5Gclose(g), H5Gclose(mw);
    }
    H5Fclose(f);
}

std::string dense_config(const std::string& extra_layer = {}) {
    return R"({"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Activation", "config": )"
           R"({"name": "act_1", "batch_input_shape": [null, 3], "activation": "relu"}})" +
           extra_layer + "]}}";
}

// Corpus outcome tally, printed at the end: lowered / weights-only / refused by layer class.
int g_lowered = 0, g_weights = 0;
std::map<std::string, int> g_refused;

std::string read_error(const fs::path& p) {
    auto m = wb::formats::read_model(p);
    return m ? std::string() : m.error().what();
}

}  // namespace

class TestKerasH5 : public QObject {
    Q_OBJECT
private slots:
    void corpus_table_data();
    void corpus_table();
    void not_hdf5();
    void truncated_copy();
    void non_utf8_config();
    void lambda_is_refused();
    void custom_class_is_refused();
    void lying_dataset_size();
    void missing_weight_group();
    void weights_only_with_topology();
    void keras_v3_zip_in_memory();
    void rescaling_runs();
    void cleanupTestCase();
};

void TestKerasH5::corpus_table_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    const char* src = std::getenv("WB_SOURCE_DIR");
    fs::path table = fs::path(src ? src : WB_TEST_SOURCE_DIR) / "tests/core/formats/data/keras_h5_corpus.tsv";
    std::ifstream in(table);
    QVERIFY2(in.good(), "tests/core/formats/data/keras_h5_corpus.tsv missing");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto tab = line.find('\t');
        QTest::newRow(line.substr(0, tab).c_str())
            << QString::fromStdString(line.substr(0, tab)) << QString::fromStdString(line.substr(tab + 1));
    }
}

// "lowered": reads and lowers to a valid graph; "weights": weights-only, no topology;
// "error:<text>": fails with an error containing <text>.
void TestKerasH5::corpus_table() {
    WB_REQUIRE_CORPUS();
    QFETCH(QString, file);
    QFETCH(QString, expected);
    fs::path p = wb::test::corpus_dir() / "keras_h5" / file.toStdString();
    QVERIFY2(fs::exists(p), qPrintable("missing corpus file " + file));
    auto m = wb::formats::read_model(p);
    if (expected.startsWith("error:")) {
        QVERIFY2(!m, "expected an error, the file loaded");
        const std::string e = m.error().what();
        const auto open = e.find("' ("), close = e.find(", position", open);
        ++g_refused[open == std::string::npos || close == std::string::npos ? "other" : e.substr(open + 3, close - open - 3)];
        for (const QString& part : expected.mid(6).split("&&"))
            QVERIFY2(m.error().what().find(part.toStdString()) != std::string::npos, m.error().what().c_str());
        QVERIFY(m.error().what().find(p.string()) != std::string::npos);  // errors name the file
        return;
    }
    QVERIFY2(m, m ? "" : m.error().what().c_str());
    QCOMPARE(QString::fromStdString(m->format), QStringLiteral("keras"));
    if (expected == "weights") {
        ++g_weights;
        QVERIFY(m->keras_topology_json.empty());
        QVERIFY(m->inputs.empty());
    } else {
        QCOMPARE(expected, QStringLiteral("lowered"));
        QVERIFY(!m->inputs.empty() && !m->outputs.empty());
        QVERIFY(!m->keras_topology_json.empty());
        ++g_lowered;
    }
}

// Rescaling (Keras' image preprocessing: x * scale + offset), in a config written here.
void TestKerasH5::rescaling_runs() {
    fs::path p = wb::test::temp_dir("keras") / "rescaling.h5";
    write_h5(p, {{"keras_version", "2.6.0"}, {"backend", "tensorflow"},
                 {"model_config", R"({"class_name": "Sequential", "config": {"name": "s", "layers": [)"
                                  R"({"class_name": "InputLayer", "config": {"name": "pixels", "batch_input_shape": [null, 3]}},)"
                                  R"({"class_name": "Rescaling", "config": {"name": "scale", "scale": 0.00784313725490196, "offset": -1.0}}]}})"}},
             4, false);
    auto m = wb::formats::read_model(p);
    QVERIFY2(m, m ? "" : m.error().what().c_str());
    auto s = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*m)));
    QVERIFY2(s, s ? "" : s.error().what().c_str());
    auto outs = (*s)->run({{"pixels", wb::ir::Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape{1, 3}, {0.f, 127.5f, 255.f})}});
    QVERIFY2(outs, outs ? "" : outs.error().what().c_str());
    const float want[3] = {-1.f, 0.f, 1.f};  // x / 127.5 - 1
    for (int i = 0; i < 3; ++i) QVERIFY(std::abs(outs->at(0).value_as_double(i) - want[i]) < 1e-6);
}

void TestKerasH5::cleanupTestCase() {
    int refused = 0;
    std::string by_class;
    for (const auto& [cls, n] : g_refused) {
        refused += n;
        by_class += (by_class.empty() ? "" : ", ") + std::to_string(n) + " " + cls;
    }
    qInfo("Keras .h5 corpus: %d lowered, %d weights-only, %d refused (%s)", g_lowered, g_weights, refused, by_class.c_str());
}

void TestKerasH5::not_hdf5() {
    fs::path p = wb::test::temp_dir("keras") / "not_hdf5.h5";
    std::ofstream(p) << "this is not HDF5";
    auto m = wb::formats::read_keras_h5(p, {});
    QVERIFY(!m);
    QVERIFY(m.error().what().find("not an HDF5 file") != std::string::npos);
}

void TestKerasH5::truncated_copy() {
    WB_REQUIRE_CORPUS();
    fs::path src = wb::test::corpus_dir() / "keras_h5/dl4j/examples/simple_lstm/simple_lstm_tf_keras_2_model.h5";
    std::ifstream in(src, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    for (size_t cut : {size_t(600), bytes.size() / 2, bytes.size() - 100}) {
        fs::path p = wb::test::temp_dir("keras") / ("truncated_" + std::to_string(cut) + ".h5");
        std::ofstream(p, std::ios::binary).write(bytes.data(), std::streamsize(cut));
        auto m = wb::formats::read_keras_h5(p, {});
        QVERIFY2(!m, "a truncated file must not load");
        QVERIFY(m.error().what().find(p.string()) != std::string::npos);
    }
}

void TestKerasH5::non_utf8_config() {
    fs::path p = wb::test::temp_dir("keras") / "non_utf8_model_config.h5";
    write_h5(p, {{"keras_version", "2.3.1"}, {"backend", "tensorflow"}, {"model_config", "{\"class_name\": \"\xff\xfe\"}"}});
    std::string e = read_error(p);
    QVERIFY2(e.find("model_config") != std::string::npos && e.find("UTF-8") != std::string::npos, e.c_str());
}

void TestKerasH5::lambda_is_refused() {
    fs::path p = wb::test::temp_dir("keras") / "lambda_layer.h5";
    write_h5(p, {{"keras_version", "2.3.1"}, {"backend", "tensorflow"},
                 {"model_config", dense_config(R"(, {"class_name": "Lambda", "config": {"name": "my_lambda", "function": "4wEAAAAA"}})")}});
    std::string e = read_error(p);
    QVERIFY2(e.find("my_lambda") != std::string::npos && e.find("Lambda") != std::string::npos &&
                 e.find("position 1") != std::string::npos && e.find(p.string()) != std::string::npos,
             e.c_str());
}

void TestKerasH5::custom_class_is_refused() {
    fs::path p = wb::test::temp_dir("keras") / "custom_class.h5";
    write_h5(p, {{"keras_version", "2.3.1"}, {"backend", "tensorflow"},
                 {"model_config", dense_config(R"(, {"class_name": "MyAttention", "config": {"name": "attn"}})")}});
    std::string e = read_error(p);
    QVERIFY2(e.find("'attn' (MyAttention, position 1)") != std::string::npos, e.c_str());
}

// A dataspace that claims more elements than the file stores: patch the dims in place.
void TestKerasH5::lying_dataset_size() {
    fs::path p = wb::test::temp_dir("keras") / "lying_dataset_size.h5";
    write_h5(p, {{"keras_version", "2.3.1"}, {"backend", "tensorflow"}, {"model_config", dense_config()}}, 12345);
    std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), {});
    const uint64_t claimed = 12345, lie = 123456789;
    std::string needle(reinterpret_cast<const char*>(&claimed), 8);
    size_t at = bytes.find(needle);
    QVERIFY(at != std::string::npos);
    while (at != std::string::npos) {  // current and maximum dims
        f.seekp(std::streamoff(at));
        f.write(reinterpret_cast<const char*>(&lie), 8);
        at = bytes.find(needle, at + 8);
    }
    f.close();
    std::string e = read_error(p);
    QVERIFY2(!e.empty() && e.find("bias") != std::string::npos, e.c_str());
}

void TestKerasH5::missing_weight_group() {
    fs::path p = wb::test::temp_dir("keras") / "layer_names_without_group.h5";
    write_h5(p, {{"keras_version", "2.3.1"}, {"backend", "tensorflow"}, {"layer_names", "ghost"}}, 4, false);
    std::string e = read_error(p);
    QVERIFY2(e.find("ghost") != std::string::npos, e.c_str());
}

void TestKerasH5::weights_only_with_topology() {
    WB_REQUIRE_CORPUS();
    fs::path dir = wb::test::corpus_dir() / "keras_h5/dl4j/examples/simple_sparse_xent";
    auto m = wb::formats::read_keras_h5(dir / "simple_sparse_xent_mlp_keras_2_weights.h5",
                                        dir / "simple_sparse_xent_mlp_keras_2_config.json");
    QVERIFY2(m, m ? "" : m.error().what().c_str());
    QCOMPARE(m->inputs.size(), size_t(1));
    QCOMPARE(QString::fromStdString(m->inputs[0].key), QStringLiteral("dense_1_input"));
    QCOMPARE(QString::fromStdString(m->outputs[0].key), QStringLiteral("activation_1"));
    QVERIFY(wb::ir::validate(*m).ok());
}

// A Keras 3 .keras archive (layout of keras.saving: config.json, metadata.json,
// model.weights.h5 with layers/<name>/vars/<i>), built here; nothing may be extracted beside it.
void TestKerasH5::keras_v3_zip_in_memory() {
    fs::path dir = wb::test::temp_dir("keras_v3");
    fs::path h5 = dir / "weights_src.h5";
    {
        hid_t f = H5Fcreate(h5.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        hid_t l = H5Gcreate2(f, "layers", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        hid_t d = H5Gcreate2(l, "dense", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        hid_t v = H5Gcreate2(d, "vars", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        hsize_t kd[2] = {2, 1}, bd[1] = {1};
        float k[2] = {2.f, -1.f}, b[1] = {0.5f};
        hid_t ks = H5Screate_simple(2, kd, nullptr), bs = H5Screate_simple(1, bd, nullptr);
        hid_t kds = H5Dcreate2(v, "0", H5T_IEEE_F32LE, ks, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        hid_t bds = H5Dcreate2(v, "1", H5T_IEEE_F32LE, bs, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dwrite(kds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, k);
        H5Dwrite(bds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, b);
        H5Dclose(kds), H5Dclose(bds), H5Sclose(ks), H5Sclose(bs), H5Gclose(v), H5Gclose(d), H5Gclose(l), H5Fclose(f);
    }
    std::ifstream in(h5, std::ios::binary);
    static std::string weights((std::istreambuf_iterator<char>(in)), {});
    static const std::string config =
        R"({"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "layers": [)"
        R"({"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 2], "dtype": "float32", "name": "input_layer"}, "registered_name": null},)"
        R"({"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 1, "activation": "relu", "use_bias": true}, "registered_name": null}]}, "registered_name": null})";
    static const std::string meta = R"({"keras_version": "3.3.3", "date_saved": "2024-05-01@10:00:00"})";
    fs::path keras = dir / "tiny.keras";
    int err = 0;
    zip_t* z = zip_open(keras.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    QVERIFY(z);
    for (auto [name, data] : {std::pair{"config.json", &config}, {"metadata.json", &meta}, {"model.weights.h5", &weights}})
        zip_file_add(z, name, zip_source_buffer(z, data->data(), data->size(), 0), ZIP_FL_OVERWRITE);
    QCOMPARE(zip_close(z), 0);
    fs::remove(h5);
    const auto before = std::distance(fs::directory_iterator(dir), fs::directory_iterator());

    auto m = wb::formats::read_model(keras);
    QVERIFY2(m, m ? "" : m.error().what().c_str());
    QCOMPARE(QString::fromStdString(m->format), QStringLiteral("keras_keras"));
    QCOMPARE(QString::fromStdString(m->inputs.at(0).key), QStringLiteral("input_layer"));
    QCOMPARE(QString::fromStdString(m->outputs.at(0).key), QStringLiteral("dense"));
    QVERIFY(wb::ir::validate(*m).ok());
    auto a = wb::formats::read_keras_archive(keras);
    QVERIFY(a);
    QCOMPARE(QString::fromStdString(a->keras_version), QStringLiteral("3.3.3"));
    QCOMPARE(a->layers.size(), size_t(1));
    QCOMPARE(QString::fromStdString(a->layers[0].weights[0].name), QStringLiteral("layers/dense/vars/0"));
    QVERIFY(a->model_config.dump().find("registered_name") == std::string::npos);
    QCOMPARE(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), before);  // nothing extracted
}

QTEST_GUILESS_MAIN(TestKerasH5)
#include "tst_keras_h5.moc"
