// SPDX-License-Identifier: Apache-2.0
// Keras masks that we do not apply are refused, naming the layer; masks Keras drops (layers
// without mask support, Keras 2.4+) lower. The masked results themselves are checked against
// real tfjs-layers in tests/compat/tst_keras_semantics_compat.
#include <QTest>

#include <fstream>

#include "common/corpus.h"
#include "formats/registry.h"
#include "runtime/session.h"

namespace fs = std::filesystem;

namespace {

// A tfjs-layers-saved Sequential (weightless layers only) with these layer configs.
fs::path layers_model(const std::string& tag, const std::string& layers) {
    const fs::path dir = wb::test::temp_dir("keras_masking_" + tag);
    std::ofstream(dir / "model.json")
        << R"({"format": "layers-model", "generatedBy": "TensorFlow.js tfjs-layers v4.22.0", "convertedBy": null,
               "modelTopology": {"class_name": "Sequential", "config": {"name": "s", "layers": [)"
        << layers << R"(]}, "keras_version": "tfjs-layers 4.22.0", "backend": "tensor_flow.js"},
               "weightsManifest": [{"paths": [], "weights": []}]})";
    return dir / "model.json";
}

const char* kMasking =
    R"({"class_name": "Masking", "config": {"mask_value": 0, "name": "masking", "batch_input_shape": [null, 4, 2], "dtype": "float32"}})";

}  // namespace

class TestKerasMasking : public QObject {
    Q_OBJECT
private slots:
    void mask_users_refused_data();
    void mask_users_refused();
    void mask_dropped_where_keras_drops_it();
};

void TestKerasMasking::mask_users_refused_data() {
    QTest::addColumn<QString>("layer");
    QTest::addColumn<QString>("expected");
    QTest::newRow("GlobalAveragePooling1D")
        << R"({"class_name": "GlobalAveragePooling1D", "config": {"name": "gap", "data_format": "channels_last"}})"
        << "layer 'gap' (GlobalAveragePooling1D, position 1)";
    QTest::newRow("through Dropout")
        << R"({"class_name": "Dropout", "config": {"name": "drop", "rate": 0.5}},
              {"class_name": "GlobalMaxPooling1D", "config": {"name": "gmp", "data_format": "channels_last"}})"
        << "layer 'gmp' (GlobalMaxPooling1D, position 2)";
}

// Keras averages only the unmasked steps: a plain average would be silently wrong, so the
// topology does not lower and the reason names the layer.
void TestKerasMasking::mask_users_refused() {
    QFETCH(QString, layer);
    QFETCH(QString, expected);
    auto m = wb::formats::read_model(layers_model("refused", std::string(kMasking) + ", " + layer.toStdString()));
    // A layers model whose topology does not lower is still read (weights), with the reason.
    QVERIFY2(m, m ? "" : m.error().what().c_str());
    std::string what;
    for (const auto& w : m->warnings) what += w + "\n";
    QVERIFY2(what.find(expected.toStdString()) != std::string::npos, what.c_str());
    QVERIFY2(what.find("Keras mask (from Masking or Embedding(mask_zero=True))") != std::string::npos, what.c_str());
}

// Flatten does not support masking: Keras 2.4+ drops the mask there (the model lowers and runs).
// Masking(mask_value=5) zeroes the steps whose features all equal 5 (Keras' Masking.call).
void TestKerasMasking::mask_dropped_where_keras_drops_it() {
    std::string masking = kMasking;
    masking.replace(masking.find("\"mask_value\": 0"), 15, "\"mask_value\": 5");
    auto m = wb::formats::read_model(layers_model("dropped", masking + R"(, {"class_name": "Flatten", "config": {"name": "flat"}})"));
    QVERIFY2(m, m ? "" : m.error().what().c_str());
    const std::string key = m->inputs.at(0).key;
    auto s = wb::runtime::Session::create(std::make_shared<const wb::ir::Model>(std::move(*m)));
    QVERIFY2(s, s ? "" : s.error().what().c_str());
    using wb::ir::Tensor;
    auto out = (*s)->run({{key, Tensor::from_vector<float>(wb::ir::DType::Float32, wb::ir::Shape{1, 4, 2}, {1, 2, 5, 5, 5, 1, 3, 4})}});
    QVERIFY2(out, out ? "" : out.error().what().c_str());
    const std::vector<double> want{1, 2, 0, 0, 5, 1, 3, 4};
    QCOMPARE(out->at(0).num_elements(), int64_t(want.size()));
    for (size_t i = 0; i < want.size(); ++i) QCOMPARE(out->at(0).value_as_double(int64_t(i)), want[i]);
}

QTEST_GUILESS_MAIN(TestKerasMasking)
#include "tst_keras_masking.moc"
