// SPDX-License-Identifier: Apache-2.0
// Shared pieces of the single-layer Keras tests (LocallyConnected, Normalization, Attention): seeded
// inputs, the 1e-5 element comparison against a naive reference, and the refused layers-model export.
#pragma once

#include <QTest>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "common/corpus.h"
#include "export/keras_conversion.h"
#include "export/keras_h5_writer.h"
#include "ir/tensor.h"

namespace wb::test {

inline ir::Tensor seeded(const std::vector<int64_t>& dims, unsigned seed, float lo = -1.f, float hi = 1.f) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(lo, hi);
    ir::Tensor t(ir::DType::Float32, ir::Shape(dims));
    for (int64_t i = 0; i < t.num_elements(); ++i) t.data<float>()[i] = dist(rng);
    return t;
}

// Every element within 1e-5 abs + 1e-5 rel; `what` prefixes the failure message.
inline void expect_close(const ir::Tensor& got, const std::vector<double>& want, const std::string& what = {}) {
    QCOMPARE(got.num_elements(), int64_t(want.size()));
    for (size_t i = 0; i < want.size(); ++i) {
        const double g = got.value_as_double(int64_t(i));
        if (!(std::abs(g - want[i]) <= 1e-5 + 1e-5 * std::abs(want[i])))
            QFAIL(qPrintable(QString::fromStdString(what.empty() ? what : what + ": ") + "element " + QString::number(i) +
                             " got " + QString::number(g) + " want " + QString::number(want[i])));
    }
}

// tfjs-layers 4.22 lacks `cls`: the archive written as .h5 and exported as a layers model must be
// refused naming the class and pointing to the graph-model export.
inline void expect_layers_export_refused(const formats::keras::KerasArchive& archive, const std::string& cls) {
    const auto dir = temp_dir("keras_refused_" + cls);
    const auto h5 = dir / (cls + ".h5");
    auto st = exporter::write_keras_h5(archive, h5);
    QVERIFY2(st, st ? "" : st.error().what().c_str());
    auto r = exporter::convert_keras(h5, dir / "layers_model", {});
    QVERIFY(!r);
    QVERIFY2(r.error().what().find(cls + " is not a tfjs-layers class") != std::string::npos, r.error().what().c_str());
    QVERIFY2(r.error().what().find("export a graph model instead") != std::string::npos, r.error().what().c_str());
}

}  // namespace wb::test
