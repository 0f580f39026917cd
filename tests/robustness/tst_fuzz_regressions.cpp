// SPDX-License-Identifier: Apache-2.0
// Replays every input the fuzzers (tests/fuzz) once crashed on, kept in fuzz_regressions/<harness>/,
// the way that harness feeds it to the reader: each must now end in a model or an error naming
// the file, without a crash and within a bounded time. Runs in the normal (and ASan) suite.
#include <QTest>

#include <chrono>
#include <fstream>
#include <map>

#include "common/corpus.h"
#include "formats/checkpoint/tensor_bundle.h"
#include "formats/registry.h"
#include "mutations.h"

namespace fs = std::filesystem;
using namespace wb::test;

namespace {

// Where each harness puts the bytes (tests/fuzz/CMakeLists.txt): file name, and whether the
// reader opens the file or its folder.
struct Layout {
    const char* file;
    bool open_dir;
};
const std::map<std::string, Layout> kLayouts = {
    {"graphdef", {"frozen_model.pb", false}},  {"graphdef_text", {"frozen_graph.pbtxt", false}},
    {"tfjs_model_json", {"model.json", false}}, {"saved_model", {"saved_model.pb", true}},
    {"keras_h5", {"model.h5", false}},          {"keras_zip", {"model.keras", false}},
};

// fuzz_checkpoint's input: [u32 little-endian index length][index][data shard].
std::string replay_checkpoint(const std::string& bytes, const fs::path& dir) {
    if (bytes.size() < 4) return {};
    std::size_t declared = 0;
    for (int i = 3; i >= 0; --i) declared = declared << 8 | static_cast<unsigned char>(bytes[std::size_t(i)]);
    const std::size_t index_size = std::min(declared, bytes.size() - 4);
    const fs::path prefix = dir / "variables";
    write_file(prefix.string() + ".index", bytes.substr(4, index_size));
    write_file(wb::formats::checkpoint::shard_path(prefix, 0, 1), bytes.substr(4 + index_size));
    auto bundle = wb::formats::checkpoint::TensorBundle::open(prefix);
    if (!bundle) return bundle.error().what();
    std::string errors;
    for (const auto& key : bundle->keys())
        if (auto t = bundle->read(key); !t) errors += t.error().what() + "\n";
    return errors;
}

}  // namespace

class TestFuzzRegressions : public QObject {
    Q_OBJECT
private slots:
    void everyCrashingInputNowFailsCleanly() {
        const fs::path root = WB_FUZZ_REGRESSIONS_DIR;
        QVERIFY2(fs::is_directory(root), qPrintable(QString::fromStdString(root.string() + " is missing")));
        int replayed = 0;
        for (const auto& harness : fs::directory_iterator(root)) {
            if (!harness.is_directory()) continue;  // README.md
            const std::string name = harness.path().filename().string();
            for (const auto& input : fs::directory_iterator(harness.path())) {
                const std::string label = name + "/" + input.path().filename().string();
                const std::string bytes = read_file(input.path());
                const fs::path dir = temp_dir("fuzz-replay");
                const auto start = std::chrono::steady_clock::now();
                if (name == "checkpoint") {
                    const std::string errors = replay_checkpoint(bytes, dir);
                    QVERIFY2(errors.empty() || errors.find("variables") != std::string::npos,
                             qPrintable(QString::fromStdString(label + ": " + errors)));
                } else {
                    auto layout = kLayouts.find(name);
                    QVERIFY2(layout != kLayouts.end(), qPrintable(QString::fromStdString("unknown harness " + name)));
                    const fs::path file = dir / layout->second.file;
                    write_file(file, bytes);
                    auto model = wb::formats::read_model(layout->second.open_dir ? dir : file);
                    if (!model) {
                        const std::string what = model.error().what();
                        QVERIFY2(what.find(dir.filename().string()) != std::string::npos,
                                 qPrintable(QString::fromStdString(label + ": error does not name the file: " + what)));
                    }
                }
                const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                QVERIFY2(seconds < 20.0, qPrintable(QString::fromStdString(label + " is too slow")));
                ++replayed;
            }
        }
        qInfo("fuzz regressions: %d inputs replayed, 0 crashes", replayed);
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
