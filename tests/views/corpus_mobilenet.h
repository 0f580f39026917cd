// SPDX-License-Identifier: Apache-2.0
// The corpus MobileNetV2 (a real tfjs 4.22 graph model) that the panel tests run end to end: the
// runtime runs all of it, unlike the sample CNN, whose MatrixInverse it has no kernel for.
#pragma once

#include <QTest>
#include <filesystem>
#include <memory>

#include "common/corpus.h"
#include "formats/registry.h"

namespace wb::test {

inline std::filesystem::path mobilenet_v2_mid() { return corpus_dir() / "tfjs/nsfwjs/mobilenet_v2_mid/model.json"; }

// Reads it once for a suite's initTestCase; a QVERIFY failure there fails the whole suite.
inline void load_mobilenet_v2_mid(std::shared_ptr<const ir::Model>& out) {
    WB_REQUIRE_CORPUS();
    auto model = formats::read_model(mobilenet_v2_mid());
    QVERIFY2(model.ok(), model ? "" : model.error().what().c_str());
    out = std::make_shared<const ir::Model>(std::move(*model));
}

}  // namespace wb::test
