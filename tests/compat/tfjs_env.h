// SPDX-License-Identifier: Apache-2.0
// Where the compatibility tests find real TensorFlow.js (tests/compat/install.sh puts it in
// <build>/tfjs-compat; WB_TFJS_DIR overrides) and how they start node with it.
#pragma once
#include <QProcessEnvironment>
#include <QStandardPaths>

#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <string>

#include "common/corpus.h"

namespace wb::test {

inline std::filesystem::path tfjs_dir() {
    const char* env = std::getenv("WB_TFJS_DIR");
    return env && *env ? std::filesystem::path(env) : std::filesystem::path(WB_DEFAULT_TFJS_DIR);
}

// Why TensorFlow.js cannot run here ("" when it can): node is missing, or one of `packages`
// (names under node_modules/@tensorflow/) is not installed.
inline std::string tfjs_missing(std::initializer_list<const char*> packages) {
    if (QStandardPaths::findExecutable("node").isEmpty()) return "node is not installed";
    for (const char* p : packages)
        if (!std::filesystem::exists(tfjs_dir() / "node_modules" / "@tensorflow" / p))
            return std::string("@tensorflow/") + p + " is not installed in " + tfjs_dir().string() +
                   " (run tests/compat/install.sh DIR and set WB_TFJS_DIR)";
    return {};
}

// The environment node runs in: the system's, with TFJS_DIR for the scripts' require().
inline QProcessEnvironment tfjs_node_env() {
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("TFJS_DIR", QString::fromStdString(tfjs_dir().string()));
    return env;
}

}  // namespace wb::test

// In a test slot: fails under CI=true (a missing tool must never pass silently), skips
// elsewhere, when TensorFlow.js cannot run.
#define WB_REQUIRE_TFJS(...)                                                     \
    do {                                                                         \
        const std::string wb_tfjs_why_ = wb::test::tfjs_missing({__VA_ARGS__});  \
        if (!wb_tfjs_why_.empty()) {                                             \
            if (wb::test::in_ci()) QFAIL(wb_tfjs_why_.c_str());                  \
            QSKIP(wb_tfjs_why_.c_str());                                         \
        }                                                                        \
    } while (0)
