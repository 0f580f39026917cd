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
#include "formats/keras_h5/archive_wire.h"
#include "formats/keras_h5/isolated_read.h"
#include "formats/keras_h5/keras_h5_reader.h"
#include "formats/registry.h"
#include "h5_mutations.h"
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

// fuzz_keras_archive's input: the sandboxed libhdf5 child's message, decoded, parsed and lowered.
std::string replay_keras_archive(const std::string& bytes) {
    using namespace wb::formats;
    auto raw = keras::wire::decode(bytes, "model.h5");
    if (!raw) return raw.error().what();
    auto archive = keras::finish_archive(std::move(*raw), "model.h5");
    if (!archive) return archive.error().what();
    auto model = keras_model_from_archive(*archive, "model.h5", "keras", false);
    return model ? std::string() : model.error().what();
}

// Feeds one input to the reader the way harness `name` does; an empty string when it ended in a
// model or an error naming the file, else what is wrong.
std::string replay(const std::string& name, const std::string& bytes) {
    const fs::path dir = temp_dir("fuzz-replay");
    if (name == "checkpoint") {
        const std::string errors = replay_checkpoint(bytes, dir);
        return errors.empty() || errors.find("variables") != std::string::npos ? "" : errors;
    }
    if (name == "keras_archive") {
        const std::string error = replay_keras_archive(bytes);
        return error.empty() || error.find("model.h5") != std::string::npos ? "" : error;
    }
    auto layout = kLayouts.find(name);
    if (layout == kLayouts.end()) return "unknown harness " + name;
    const fs::path file = dir / layout->second.file;
    write_file(file, bytes);
    auto model = wb::formats::read_model(layout->second.open_dir ? dir : file);
    if (model) return {};
    const std::string what = model.error().what();
    return what.find(dir.filename().string()) != std::string::npos ? "" : "error does not name the file: " + what;
}

// Replays and checks the time bound; QVERIFY needs a void function.
void check(const std::string& harness, const std::string& label, const std::string& bytes) {
    const auto start = std::chrono::steady_clock::now();
    const std::string problem = replay(harness, bytes);
    QVERIFY2(problem.empty(), qPrintable(QString::fromStdString(label + ": " + problem)));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    QVERIFY2(seconds < 20.0, qPrintable(QString::fromStdString(label + " is too slow")));
}

// Crashes found by mutating a corpus file, kept as the recorded mutation instead of a copy of
// the corpus file: {harness, name of the libFuzzer artifact, how to rebuild it}.
struct Generated {
    const char* harness;
    const char* artifact;
    std::string (*make)(const fs::path& corpus);
};
const Generated kGenerated[] = {
    // libhdf5 1.10 crashed in H5HG_read (damaged global heap) while we read an attribute.
    {"keras_h5", "crash-2ca52162c17528df6baac88936e81db89b99c3d7", fuzz_crash_2ca52162},
    // libhdf5 1.10 loops forever: the sandbox's wall-clock limit ends it.
    {"keras_h5", "hang-895f01d90f3e7f148f89f3b77d9606118f0a469c", fuzz_hang_895f01d9},
};

}  // namespace

class TestFuzzRegressions : public QObject {
    Q_OBJECT
private slots:
    // The Keras harness caps the libhdf5 sandbox's time limits the same way (tests/fuzz).
    void initTestCase() { wb::formats::keras::cap_isolation_time(std::chrono::seconds(2)); }

    void everyCrashingInputNowFailsCleanly() {
        const fs::path root = WB_FUZZ_REGRESSIONS_DIR;
        QVERIFY2(fs::is_directory(root), qPrintable(QString::fromStdString(root.string() + " is missing")));
        int replayed = 0;
        for (const auto& harness : fs::directory_iterator(root)) {
            if (!harness.is_directory()) continue;  // README.md
            const std::string name = harness.path().filename().string();
            for (const auto& input : fs::directory_iterator(harness.path())) {
                const std::string label = name + "/" + input.path().filename().string();
                check(name, label, read_file(input.path()));
                if (QTest::currentTestFailed()) return;
                ++replayed;
            }
        }
        qInfo("fuzz regressions: %d inputs replayed, 0 crashes", replayed);
    }

    void generatedCrashInputsFailCleanly() {
        WB_REQUIRE_CORPUS();
        for (const Generated& g : kGenerated) {
            check(g.harness, std::string(g.harness) + "/" + g.artifact + " (generated)", g.make(corpus_dir()));
            if (QTest::currentTestFailed()) return;
        }
        qInfo("fuzz regressions: %d inputs generated from the corpus replayed, 0 crashes", int(std::size(kGenerated)));
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
