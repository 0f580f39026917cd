// SPDX-License-Identifier: Apache-2.0
#include "common/corpus.h"

#include <QTemporaryDir>

#include <cstdlib>
#include <memory>
#include <vector>

namespace wb::test {

std::filesystem::path shared_dir() {
    const char* env = std::getenv("WB_SHARED_DIR");
    std::filesystem::path p = env && *env ? env : WB_DEFAULT_SHARED_DIR;
    std::error_code ec;
    return std::filesystem::is_directory(p, ec) ? p : std::filesystem::path();
}

std::filesystem::path corpus_dir() {
    auto s = shared_dir();
    if (s.empty()) return {};
    std::error_code ec;
    return std::filesystem::is_directory(s / "corpus", ec) ? s / "corpus" : std::filesystem::path();
}

std::filesystem::path bin_dir() {
    const char* env = std::getenv("WB_BIN_DIR");
    return env && *env ? env : WB_DEFAULT_BIN_DIR;
}

bool in_ci() {
    const char* env = std::getenv("CI");
    return env && std::string(env) == "true";
}

std::filesystem::path temp_dir(const std::string& tag) {
    static std::vector<std::unique_ptr<QTemporaryDir>> dirs;  // removed when the test exits
    dirs.push_back(std::make_unique<QTemporaryDir>(QDir::tempPath() + "/wb-" + QString::fromStdString(tag) + "-XXXXXX"));
    return dirs.back()->path().toStdString();
}

}  // namespace wb::test
