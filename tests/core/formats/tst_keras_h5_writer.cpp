// SPDX-License-Identifier: Apache-2.0
// tfjs_layers_model → keras (.h5), core/export/keras_h5_writer:
//  - Keras files of the corpus taken to a layers model and back to .h5 have the structure Keras
//    wrote (every object, attribute name, string kind and padding, dataset type, shape and layout;
//    optimizer state excepted) and the same weights, layer_names, weight_names and model_config.
//  - nsfwjs mobilenet_v2 / inception_v3 (real uint8 layers models): our runtime predicts the same
//    from the layers model, from the .h5 we write, and from the layers model converted back.
//  - Failures leave the destination as it was and no temporary file beside it.
#include <QTest>

#include <hdf5.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <random>
#include <set>

#include "common/corpus.h"
#include "export/keras_conversion.h"
#include "export/keras_h5_writer.h"
#include "formats/keras_h5/keras_h5_reader.h"
#include "runtime/session.h"

namespace fs = std::filesystem;
using wb::ir::Tensor;

namespace {

std::string describe_type(hid_t type, hid_t space) {
    std::string d;
    switch (H5Tget_class(type)) {
        case H5T_STRING:
            d = H5Tis_variable_str(type) > 0 ? "string vlen" : "string fixed " + std::to_string(H5Tget_size(type));
            d += H5Tget_cset(type) == H5T_CSET_ASCII ? " ascii" : " utf8";
            d += H5Tget_strpad(type) == H5T_STR_NULLPAD ? " nullpad" : H5Tget_strpad(type) == H5T_STR_NULLTERM ? " nullterm" : " spacepad";
            break;
        case H5T_FLOAT: d = "float" + std::to_string(8 * H5Tget_size(type)); break;
        case H5T_INTEGER: d = "int" + std::to_string(8 * H5Tget_size(type)); break;
        default: d = "class " + std::to_string(int(H5Tget_class(type)));
    }
    if (H5Tget_order(type) == H5T_ORDER_BE) d += " big-endian";
    if (H5Sget_simple_extent_type(space) == H5S_SCALAR) return d + " scalar";
    hsize_t dims[16];
    const int rank = H5Sget_simple_extent_dims(space, dims, nullptr);
    d += " [";
    for (int i = 0; i < rank; ++i) d += (i ? "," : "") + std::to_string(dims[i]);
    return d + "]";
}

herr_t list_attr(hid_t obj, const char* name, const H5A_info_t*, void* data) {
    auto* out = static_cast<std::pair<std::string, std::set<std::string>*>*>(data);
    hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
    hid_t t = H5Aget_type(a), s = H5Aget_space(a);
    out->second->insert(out->first + " @" + name + ": " + describe_type(t, s));
    H5Sclose(s), H5Tclose(t), H5Aclose(a);
    return 0;
}

herr_t list_object(hid_t root, const char* name, const H5O_info_t* info, void* data) {
    auto* lines = static_cast<std::set<std::string>*>(data);
    const std::string path = std::string("/") + (std::string(name) == "." ? "" : name);
    hid_t obj = H5Oopen(root, name, H5P_DEFAULT);
    if (info->type == H5O_TYPE_DATASET) {
        hid_t t = H5Dget_type(obj), s = H5Dget_space(obj), p = H5Dget_create_plist(obj);
        lines->insert(path + ": dataset " + describe_type(t, s) + (H5Pget_layout(p) == H5D_CONTIGUOUS ? " contiguous" : " chunked"));
        H5Pclose(p), H5Sclose(s), H5Tclose(t);
    } else {
        lines->insert(path + ": group");
    }
    std::pair<std::string, std::set<std::string>*> ctx{path, lines};
    H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_INC, nullptr, list_attr, &ctx);
    H5Oclose(obj);
    return 0;
}

// Every object, attribute and dataset of an HDF5 file with its type, one line each.
std::set<std::string> structure(const fs::path& file) {
    std::set<std::string> lines;
    hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (f < 0) return {"cannot open " + file.string()};
    H5Ovisit(f, H5_INDEX_NAME, H5_ITER_INC, list_object, &lines);
    H5Fclose(f);
    return lines;
}

QString set_difference(const std::set<std::string>& a, const std::set<std::string>& b) {
    QStringList out;
    for (const auto& l : a)
        if (!b.count(l)) out << QString::fromStdString(l);
    return out.join("\n");
}

bool same_bytes(const Tensor& a, const Tensor& b) {
    return a.dtype() == b.dtype() && a.shape().dims == b.shape().dims &&
           std::equal(a.data<float>(), a.data<float>() + a.num_elements(), b.data<float>());
}

Tensor seeded_image(std::vector<int64_t> dims) {
    std::mt19937 rng(5);
    std::uniform_real_distribution<float> dist(0.f, 1.f);
    Tensor t(wb::ir::DType::Float32, wb::ir::Shape(dims));
    for (int64_t i = 0; i < t.num_elements(); ++i) t.data<float>()[i] = dist(rng);
    return t;
}

wb::Expected<std::vector<Tensor>> predict(const fs::path& model_path, const Tensor& input) {
    auto m = wb::formats::read_model(model_path);
    if (!m) return m.error();
    if (m->inputs.size() != 1) return wb::Error{model_path.string(), "", "expected one input"};
    const std::string key = m->inputs[0].key;
    auto s = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*m)));
    if (!s) return s.error();
    return (*s)->run({{key, input}});
}

double max_abs_diff(const std::vector<Tensor>& a, const std::vector<Tensor>& b) {
    if (a.size() != b.size()) return INFINITY;
    double worst = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].shape().dims != b[i].shape().dims) return INFINITY;
        for (int64_t k = 0; k < a[i].num_elements(); ++k)
            worst = std::max(worst, std::abs(a[i].value_as_double(k) - b[i].value_as_double(k)));
    }
    return worst;
}

wb::exporter::KerasConvertOptions to_keras() {
    wb::exporter::KerasConvertOptions o;
    o.input_format = "tfjs_layers_model";
    o.output_format = "keras";
    return o;
}

}  // namespace

class TestKerasH5Writer : public QObject {
    Q_OBJECT
private slots:
    void keras_files_round_trip_data();
    void keras_files_round_trip();
    void nsfwjs_predicts_the_same_data();
    void nsfwjs_predicts_the_same();
    void tfjs_layers_saved_model();
    void failures_leave_nothing();
    void long_name_lists_split_and_join();
};

void TestKerasH5Writer::keras_files_round_trip_data() {
    QTest::addColumn<QString>("rel");
    QTest::newRow("Sequential 2.3.1") << "dl4j/examples/simple_sparse_xent/simple_sparse_xent_mlp_keras_2_model.h5";
    QTest::newRow("LSTM 2.0.6") << "dl4j/examples/simple_lstm/simple_lstm_tf_keras_2_model.h5";
    QTest::newRow("weights named conv0_N") << "dl4j/examples/causal_conv1d/causal_conv1d_k2_s1_d2_cl_model.h5";
    QTest::newRow("Functional Xception 2.0.5") << "face_classification/fer2013_mini_XCEPTION.102-0.66.hdf5";
}

void TestKerasH5Writer::keras_files_round_trip() {
    WB_REQUIRE_CORPUS();
    QFETCH(QString, rel);
    const fs::path original = wb::test::corpus_dir() / "keras_h5" / rel.toStdString();
    const fs::path work = wb::test::temp_dir("keras_h5_writer") / fs::path(rel.toStdString()).stem();
    auto layers = wb::exporter::convert_keras(original, work / "layers", {});
    QVERIFY2(layers, layers ? "" : layers.error().what().c_str());
    auto back = wb::exporter::convert_keras(work / "layers", work / "back.h5", to_keras());
    QVERIFY2(back, back ? "" : back.error().what().c_str());

    // A layers model holds no optimizer state (spec §3.3 reads model_weights only), so the
    // optimizer_weights group of compiled-and-trained Keras files cannot come back.
    auto want = structure(original);
    std::erase_if(want, [](const std::string& l) { return l.rfind("/optimizer_weights", 0) == 0; });
    const auto got = structure(work / "back.h5");
    QVERIFY2(want == got, qPrintable("only in Keras' file:\n" + set_difference(want, got) + "\nonly in ours:\n" +
                                     set_difference(got, want)));
    auto a = wb::formats::read_keras_archive(original), b = wb::formats::read_keras_archive(work / "back.h5");
    QVERIFY2(a, a ? "" : a.error().what().c_str());
    QVERIFY2(b, b ? "" : b.error().what().c_str());
    QCOMPARE(b->keras_version, a->keras_version);
    QCOMPARE(b->backend, a->backend);
    QVERIFY(b->model_config == a->model_config);
    QVERIFY(b->training_config == a->training_config);
    QVERIFY(b->layer_names == a->layer_names);
    QCOMPARE(b->layers.size(), a->layers.size());
    for (size_t i = 0; i < a->layers.size(); ++i) {
        QCOMPARE(b->layers[i].layer, a->layers[i].layer);
        QCOMPARE(b->layers[i].weights.size(), a->layers[i].weights.size());
        for (size_t k = 0; k < a->layers[i].weights.size(); ++k) {
            QCOMPARE(b->layers[i].weights[k].name, a->layers[i].weights[k].name);
            QVERIFY2(same_bytes(b->layers[i].weights[k].value, a->layers[i].weights[k].value), a->layers[i].weights[k].name.c_str());
        }
    }
}

void TestKerasH5Writer::nsfwjs_predicts_the_same_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("size");
    QTest::newRow("mobilenet_v2") << "mobilenet_v2" << 224;
    QTest::newRow("inception_v3") << "inception_v3" << 299;
}

void TestKerasH5Writer::nsfwjs_predicts_the_same() {
    WB_REQUIRE_CORPUS();
    QFETCH(QString, name);
    QFETCH(int, size);
    const fs::path source = wb::test::corpus_dir() / "tfjs/nsfwjs" / name.toStdString() / "model.json";
    const fs::path work = wb::test::temp_dir("keras_h5_writer_nsfwjs") / name.toStdString();
    const Tensor image = seeded_image({1, size, size, 3});
    auto reference = predict(source, image);
    QVERIFY2(reference, reference ? "" : reference.error().what().c_str());
    QCOMPARE(reference->size(), size_t(1));
    QCOMPARE(reference->front().num_elements(), int64_t(5));  // nsfwjs' five classes

    auto h5 = wb::exporter::convert_keras(source, work / "model.h5", to_keras());
    QVERIFY2(h5, h5 ? "" : h5.error().what().c_str());
    auto from_h5 = predict(work / "model.h5", image);
    QVERIFY2(from_h5, from_h5 ? "" : from_h5.error().what().c_str());
    QVERIFY2(max_abs_diff(*reference, *from_h5) <= 1e-6, qPrintable(QString::number(max_abs_diff(*reference, *from_h5))));

    auto layers = wb::exporter::convert_keras(work / "model.h5", work / "layers", {});
    QVERIFY2(layers, layers ? "" : layers.error().what().c_str());
    QCOMPARE(layers->weights, h5->weights);
    auto from_layers = predict(work / "layers/model.json", image);
    QVERIFY2(from_layers, from_layers ? "" : from_layers.error().what().c_str());
    QVERIFY2(max_abs_diff(*reference, *from_layers) <= 1e-6, qPrintable(QString::number(max_abs_diff(*reference, *from_layers))));
}

// A model saved by tfjs-layers itself (topology = bare config carrying keras_version
// "tfjs-layers …" and backend "tensor_flow.js"): the .h5 predicts what the upstream e2e test expects.
void TestKerasH5Writer::tfjs_layers_saved_model() {
    WB_REQUIRE_CORPUS();
    const std::string rel = "tfjs/tfjs-e2e/integration_tests/load_predict_data/layers_model/model.json";
    std::ifstream in(wb::test::corpus_dir() / "tfjs/expected-values.json");
    const auto cases = nlohmann::json::parse(in)["cases"];
    auto c = std::find_if(cases.begin(), cases.end(), [&](const auto& e) { return e["model"] == rel; });
    QVERIFY(c != cases.end());
    const auto& input = (*c)["inputs"]["*"];
    const Tensor x = Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape(input["shape"].get<std::vector<int64_t>>()),
                                                input["data"].get<std::vector<float>>());
    const fs::path h5 = wb::test::temp_dir("keras_h5_writer_e2e") / "gru.h5";
    auto r = wb::exporter::convert_keras(wb::test::corpus_dir() / rel, h5, to_keras());
    QVERIFY2(r, r ? "" : r.error().what().c_str());
    auto a = wb::formats::read_keras_archive(h5);
    QVERIFY2(a, a ? "" : a.error().what().c_str());
    QVERIFY(!a->model_config.contains("keras_version") && !a->model_config.contains("backend"));
    QVERIFY(a->keras_version.rfind("2.", 0) == 0);
    QCOMPARE(a->backend, std::string("tensorflow"));
    auto out = predict(h5, x);
    QVERIFY2(out, out ? "" : out.error().what().c_str());
    const auto want = (*c)["outputs"]["*"]["data"].get<std::vector<double>>();
    QCOMPARE(out->at(0).num_elements(), int64_t(want.size()));
    for (size_t i = 0; i < want.size(); ++i) QVERIFY(std::abs(out->at(0).value_as_double(int64_t(i)) - want[i]) <= 1e-5);
}

void TestKerasH5Writer::failures_leave_nothing() {
    namespace fk = wb::formats::keras;
    const fs::path dir = wb::test::temp_dir("keras_h5_writer_fail");
    const fs::path out = dir / "kept.h5";
    std::ofstream(out) << "previous";
    // A string weight cannot be stored: the error comes after the first layer was written.
    fk::KerasArchive a;
    a.keras_version = "2.3.1";
    a.backend = "tensorflow";
    a.model_config = nlohmann::json::parse(
        R"({"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Dense", "config": {"name": "d1"}},
            {"class_name": "Dense", "config": {"name": "d2"}}]}})");
    a.layers.push_back({"d1", {{"d1/kernel", Tensor(wb::ir::DType::Float32, wb::ir::Shape({2, 2}))}}});
    a.layers.push_back({"d2", {{"d2/kernel", Tensor::from_strings(wb::ir::Shape({1}), {"x"})}}});
    auto st = wb::exporter::write_keras_h5(a, out);
    QVERIFY(!st);
    QVERIFY2(st.error().what().find("d2/kernel") != std::string::npos, st.error().what().c_str());
    QCOMPARE(st.error().file, out.string());
    std::ifstream in(out);
    std::string kept((std::istreambuf_iterator<char>(in)), {});
    QCOMPARE(kept, std::string("previous"));
    QCOMPARE(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), long(1));

    // Stopped through Progress between layers: the previous file stays.
    a.layers[1].weights[0].value = Tensor(wb::ir::DType::Float32, wb::ir::Shape({2, 2}));
    std::atomic<bool> stop{false};
    wb::Progress progress{[&](double f, const std::string&) { stop = f > 0; }, &stop};
    st = wb::exporter::write_keras_h5(a, out, {}, progress);
    QVERIFY(!st && st.error().message == "cancelled");
    QCOMPARE(st.error().file, out.string());
    std::ifstream again(out);
    QCOMPARE(std::string((std::istreambuf_iterator<char>(again)), {}), std::string("previous"));
    QCOMPARE(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), long(1));

    // A weight that no layer of the topology owns, a folder as output, a weights-only model.
    a.layers[1].weights[0] = {"other/kernel", Tensor(wb::ir::DType::Float32, wb::ir::Shape({1}))};
    st = wb::exporter::write_keras_h5(a, out);
    QVERIFY(!st && st.error().what().find("weight 'other/kernel': belongs to no layer") != std::string::npos);
    a.layers[1].weights[0].name = "d2/kernel";
    st = wb::exporter::write_keras_h5(a, dir);
    QVERIFY(!st && st.error().what().find("must be a file") != std::string::npos);
    a.model_config = nullptr;
    a.weights_only = true;
    QVERIFY(!wb::exporter::write_keras_h5(a, dir / "w.h5"));
    QCOMPARE(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), long(1));
}

// Keras splits an attribute list above the 64 KB object-header limit into name0, name1, ...
// (save_attributes_to_hdf5_group) and joins them on load: 1,500 layers with 45-byte names make
// layer_names ~68 KB. Our writer splits it, our reader must join it back in order.
void TestKerasH5Writer::long_name_lists_split_and_join() {
    namespace fk = wb::formats::keras;
    fk::KerasArchive a;
    a.keras_version = "2.3.1";
    a.backend = "tensorflow";
    auto layers = nlohmann::json::array();
    constexpr int kLayers = 1500;
    for (int i = 0; i < kLayers; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "dense_layer_with_a_long_descriptive_name_%04d", i);
        nlohmann::json cfg = {{"name", name}, {"units", 1}, {"use_bias", false}, {"activation", "linear"}};
        if (i == 0) cfg["batch_input_shape"] = {nullptr, 1};
        layers.push_back({{"class_name", "Dense"}, {"config", cfg}});
        // Kernels 1 and -1 alternate, the last one is 0.5: the product of all is +-0.5.
        const float k = i == kLayers - 1 ? 0.5f : (i % 2 ? -1.f : 1.f);
        a.layers.push_back({name, {{std::string(name) + "/kernel", Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape({1, 1}), {k})}}});
    }
    a.model_config = {{"class_name", "Sequential"}, {"config", {{"name", "long"}, {"layers", layers}}}};
    const fs::path h5 = wb::test::temp_dir("keras_h5_writer_split") / "long.h5";
    auto st = wb::exporter::write_keras_h5(a, h5);
    QVERIFY2(st, st ? "" : st.error().what().c_str());
    {
        hid_t f = H5Fopen(h5.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
        QVERIFY(f >= 0);
        hid_t g = H5Gopen2(f, "model_weights", H5P_DEFAULT);
        QVERIFY(g >= 0);
        const bool split = H5Aexists(g, "layer_names0") > 0 && H5Aexists(g, "layer_names1") > 0 && H5Aexists(g, "layer_names") == 0;
        H5Gclose(g);
        H5Fclose(f);
        QVERIFY2(split, "expected layer_names0, layer_names1 and no layer_names");
    }
    auto back = wb::formats::read_keras_archive(h5);
    QVERIFY2(back, back ? "" : back.error().what().c_str());
    QCOMPARE(back->layer_names.size(), size_t(kLayers));
    QCOMPARE(back->layers.size(), size_t(kLayers));
    for (int i = 0; i < kLayers; i += 149) QCOMPARE(back->layer_names[size_t(i)], a.layers[size_t(i)].layer);
    auto out = predict(h5, Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape({1, 1}), {3.f}));
    QVERIFY2(out, out ? "" : out.error().what().c_str());
    QCOMPARE(out->at(0).value_as_double(0), -1.5);  // 3 x 0.5 x (-1)^749 (odd i below 1499)
}

QTEST_GUILESS_MAIN(TestKerasH5Writer)
#include "tst_keras_h5_writer.moc"
