// SPDX-License-Identifier: Apache-2.0
// The malformed-input suite (issue #10): corpus models broken in many ways, each read through the
// format registry. Every case must end in a model or a specific error naming the file, within a
// bounded time, without crashing and without writing anything; a sample also goes through the CLI.
#include <QProcess>
#include <QTest>

#include <chrono>
#include <map>
#include <unistd.h>

#include "common/corpus.h"
#include "formats/registry.h"
#include "h5_mutations.h"
#include "keras_zip.h"
#include "mutations.h"

namespace fs = std::filesystem;
using namespace wb::test;

namespace {

struct Seed {
    std::string format;  // label for the report
    fs::path source;     // file or folder in the corpus
    fs::path open;       // what to open, relative to the copy root ("" = the root itself)
    std::vector<Mutation> mutations;
};

constexpr double kMaxSecondsPerCase = 20.0;

std::vector<fs::path> sorted_matches(const fs::path& dir, const std::string& filename) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
        if (it->path().filename() == filename) out.push_back(it->path());
    std::sort(out.begin(), out.end());
    return out;
}

// Every k-th element, so the seeds spread over the whole corpus deterministically.
std::vector<fs::path> spread(const std::vector<fs::path>& all, std::size_t count) {
    std::vector<fs::path> out;
    if (all.empty()) return out;
    std::size_t step = std::max<std::size_t>(1, all.size() / count);
    for (std::size_t k = 0; k < all.size() && out.size() < count; k += step) out.push_back(all[k]);
    return out;
}

// The corpus holds no .keras archive, so the suite writes small valid ones of its own.
void add_keras_zip_seeds(std::vector<Seed>& seeds, const fs::path& dir, const std::string& absolute_probe,
                         std::uint32_t& salt) {
    for (auto [inputs, units] : {std::pair{2, 1}, {8, 4}}) {
        const fs::path keras = dir / ("tiny_" + std::to_string(inputs) + "x" + std::to_string(units) + ".keras");
        const auto entries = tiny_keras_entries(inputs, units);
        write_zip(keras, entries);
        Seed s{"keras_zip", keras, {}, keras_zip_mutations(entries, absolute_probe)};
        auto bytes = byte_mutations({}, fs::file_size(keras), 16, 16, salt++);
        s.mutations.insert(s.mutations.end(), bytes.begin(), bytes.end());
        seeds.push_back(std::move(s));
    }
}

std::vector<Seed> make_seeds(const fs::path& corpus, const fs::path& generated, const std::string& absolute_probe) {
    std::vector<Seed> seeds;
    std::uint32_t salt = 1;
    for (const auto& pb : spread(sorted_matches(corpus / "tf_graphs", "frozen_model.pb"), 8))
        seeds.push_back({"graphdef", pb, {}, byte_mutations({}, fs::file_size(pb), 24, 24, salt++)});
    for (const auto& pbtxt : spread(sorted_matches(corpus / "tf_graphs", "frozen_graph.pbtxt"), 3))
        seeds.push_back({"graphdef-text", pbtxt, {}, byte_mutations({}, fs::file_size(pbtxt), 12, 12, salt++)});
    for (const char* rel : {"tfjs/tfjs-e2e/integration_tests/load_predict_data/graph_model",
                            "tfjs/tfjs-e2e/integration_tests/load_predict_data/layers_model",
                            "tfjs/tfjs-e2e/custom_module/dense_model/model", "tfjs/tfjs-inference/test_data",
                            "tfjs/tfjs-react-native/integration_rn59/assets/graph_model"}) {
        fs::path dir = corpus / rel;
        if (!fs::exists(dir / "model.json")) continue;
        Seed s{"tfjs", dir, "model.json", tfjs_mutations("model.json")};
        auto bytes = byte_mutations("model.json", fs::file_size(dir / "model.json"), 16, 16, salt++);
        s.mutations.insert(s.mutations.end(), bytes.begin(), bytes.end());
        seeds.push_back(std::move(s));
    }
    for (const auto& pb : sorted_matches(corpus / "saved_models" / "tfjs-node", "saved_model.pb")) {
        fs::path dir = pb.parent_path();
        Seed s{"saved_model", dir, {}, byte_mutations("saved_model.pb", fs::file_size(pb), 10, 10, salt++)};
        if (fs::exists(dir / "variables" / "variables.index")) {
            auto idx = byte_mutations("variables/variables.index", fs::file_size(dir / "variables" / "variables.index"),
                                      8, 8, salt++);
            s.mutations.insert(s.mutations.end(), idx.begin(), idx.end());
        }
        seeds.push_back(std::move(s));
    }
    std::vector<fs::path> h5s;
    for (const auto& e : fs::directory_iterator(corpus / "keras_h5" / "frugally-deep"))
        if (e.path().extension() == ".h5") h5s.push_back(e.path());
    std::sort(h5s.begin(), h5s.end());
    for (const auto& h5 : h5s)
        seeds.push_back({"keras_h5", h5, {}, byte_mutations({}, fs::file_size(h5), 10, 10, salt++)});
    // Damaged HDF5 structures of the kind that crashed libhdf5 in-process (it now runs in a
    // sandboxed child): the fuzzer's seed file and two full models.
    std::vector<fs::path> hostile = {corpus / kFuzzCrashSeed};
    for (std::size_t k = 0; k < h5s.size() && hostile.size() < 3; k += std::max<std::size_t>(1, h5s.size() / 2))
        hostile.push_back(h5s[k]);
    for (const auto& h5 : hostile)
        seeds.push_back({"keras_h5-hdf5", h5, {}, h5_mutations(read_file(h5))});
    add_keras_zip_seeds(seeds, generated, absolute_probe, salt);
    return seeds;
}

}  // namespace

class TestMalformed : public QObject {
    Q_OBJECT
private slots:
    void everyBrokenModelFailsCleanly() {
        WB_REQUIRE_CORPUS();
        const fs::path scratch = temp_dir("malformed");
        // Zip entries may name this absolute path; reading must never create it.
        const fs::path probe = fs::temp_directory_path() / ("wb-malformed-escape-" + std::to_string(getpid())) / "x";
        const fs::path cli = bin_dir() / "tfjs-wb";
        std::map<std::string, int> tried, rejected;
        int contained = 0;  // libhdf5 crashes, hangs or over-allocations stopped by the sandbox
        int total = 0, cli_checked = 0;
        double slowest = 0.0;
        std::string slowest_case;

        for (const Seed& seed : make_seeds(corpus_dir(), temp_dir("malformed-seeds"), probe.string())) {
            for (const Mutation& m : seed.mutations) {
                const std::string label = seed.source.string() + " [" + m.name + "]";
                fs::path root = scratch / ("case" + std::to_string(total));
                fs::create_directories(root);
                fs::path copy = root / seed.source.filename();
                fs::copy(seed.source, copy, fs::copy_options::recursive);
                m.apply(copy);
                const fs::path open = seed.open.empty() ? copy : copy / seed.open;
                const auto before = snapshot(scratch);

                auto start = std::chrono::steady_clock::now();
                bool loaded = false;
                try {
                    auto model = wb::formats::read_model(open);
                    loaded = model.ok();
                    if (!model.ok()) {
                        const std::string what = model.error().what();
                        for (const char* sandbox : {"libhdf5 crashed", "libhdf5 did not finish", "libhdf5 used more",
                                                    "libhdf5 needed more"})
                            contained += what.find(sandbox) != std::string::npos ? 1 : 0;
                        QVERIFY2(what.find(copy.filename().string()) != std::string::npos,
                                 qPrintable(QString::fromStdString("error does not name the file: " + what +
                                                                   "\n  case: " + label)));
                        QVERIFY2(!model.error().message.empty(), qPrintable(QString::fromStdString(label)));
                        QVERIFY2(what.find(m.expect) != std::string::npos,
                                 qPrintable(QString::fromStdString("error does not name " + m.expect + ": " + what +
                                                                   "\n  case: " + label)));
                    }
                    QVERIFY2(m.expect.empty() || !loaded,
                             qPrintable(QString::fromStdString("hostile input was accepted: " + label)));
                } catch (const std::exception& e) {
                    QFAIL(qPrintable(QString::fromStdString("reader threw instead of returning an error: " +
                                                            std::string(e.what()) + "\n  case: " + label)));
                }
                double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                if (seconds > slowest) { slowest = seconds; slowest_case = label; }
                QVERIFY2(seconds < kMaxSecondsPerCase, qPrintable(QString::fromStdString("too slow: " + label)));
                QVERIFY2(snapshot(scratch) == before && !fs::exists(probe.parent_path()),
                         qPrintable(QString::fromStdString("reading wrote or removed files: " + label)));

                // A sample goes through the CLI too: exit 0 or 1, never a signal, error on stderr.
                // Every damaged-HDF5 case too: a libhdf5 crash must be exit code 1, not a signal.
                if ((total % 37 == 0 || seed.format == "keras_h5-hdf5") && fs::exists(cli)) {
                    QProcess p;
                    p.start(QString::fromStdString(cli.string()), {"inspect", QString::fromStdString(open.string())});
                    QVERIFY(p.waitForFinished(60000));
                    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
                    QCOMPARE(p.exitCode(), loaded ? 0 : 1);
                    if (!loaded) QVERIFY(p.readAllStandardError().contains("error"));
                    ++cli_checked;
                }
                ++tried[seed.format];
                if (!loaded) ++rejected[seed.format];
                ++total;
                fs::remove_all(root);
            }
        }
        for (const auto& [format, n] : tried)
            qInfo("malformed %-14s %4d cases, %4d rejected with an error, %4d still loadable", format.c_str(), n,
                  rejected[format], n - rejected[format]);
        qInfo("malformed total: %d cases, 0 crashes, 0 hangs, 0 stray files; %d also through tfjs-wb inspect; "
              "slowest %.3f s (%s)", total, cli_checked, slowest, slowest_case.c_str());
        qInfo("malformed keras_h5: %d libhdf5 crashes/hangs contained by its sandbox as errors", contained);
        QVERIFY2(total >= 1000, "the suite should try at least 1,000 broken inputs");
    }
};

QTEST_GUILESS_MAIN(TestMalformed)
#include "tst_malformed.moc"
