// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QString>
#include <QTest>

#include <filesystem>

namespace wb::test {

// ../shared beside the repository (or $WB_SHARED_DIR). Empty when absent.
std::filesystem::path shared_dir();
std::filesystem::path corpus_dir();
// build/bin, where tfjs-wb and tfjs-workbench are written.
std::filesystem::path bin_dir();
// True under CI=true: a missing corpus or tool must then fail the test, never skip it.
bool in_ci();
// A fresh temporary directory, removed at exit.
std::filesystem::path temp_dir(const std::string& tag);

}  // namespace wb::test

// Use at the top of a test that needs ../shared: skips with a clear message outside CI,
// fails loudly under CI=true.
#define WB_REQUIRE_CORPUS()                                                                     \
    do {                                                                                        \
        if (wb::test::corpus_dir().empty()) {                                                   \
            if (wb::test::in_ci()) QFAIL("../shared/corpus is missing, and CI=true requires it"); \
            QSKIP("../shared/corpus is absent: corpus tests skipped (set WB_SHARED_DIR)");      \
        }                                                                                       \
    } while (0)
