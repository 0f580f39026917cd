// SPDX-License-Identifier: Apache-2.0
// The sandbox around libhdf5 (core/formats/keras_h5/isolated_read.h): what a child returns arrives
// intact, and a child that crashes, hangs, burns CPU or runs out of memory becomes an error naming
// the file while the calling process (and its other threads) carry on.
#include <QTest>

#include <csignal>
#include <thread>
#include <unistd.h>

#include "common/corpus.h"
#include "formats/keras_h5/isolated_read.h"
#include "formats/registry.h"
#include "h5_mutations.h"
#include "mutations.h"

namespace fs = std::filesystem;
using namespace wb::formats;
using namespace std::chrono_literals;

namespace {

keras::IsolationLimits quick(std::chrono::milliseconds wall, unsigned cpu = 30, uint64_t memory = uint64_t(1) << 31) {
    return {wall, cpu, memory};
}

wb::Expected<keras::RawArchive> read_raw(const std::string& file) {
    auto h = h5::File::open(file);
    if (!h) return h.error();
    return keras::read_raw_archive(*h, file, false);
}

std::string message_of(const wb::Expected<keras::RawArchive>& r) { return r ? "(no error)" : r.error().what(); }

}  // namespace

class TestIsolatedRead : public QObject {
    Q_OBJECT
private slots:
    // Every attribute and weight byte of a corpus model arrives as libhdf5 read it in-process
    // (the corpus is trusted, so the in-process read is the reference).
    void resultArrivesIntact() {
        WB_REQUIRE_CORPUS();
        const std::string file = (wb::test::corpus_dir() / "keras_h5/dl4j/examples/deepfm/deepfm.h5").string();
        auto direct = read_raw(file);
        QVERIFY2(direct.ok(), qPrintable(QString::fromStdString(message_of(direct))));
        auto isolated = keras::read_isolated(file, keras::isolation_limits(fs::file_size(file)), [&] { return read_raw(file); });
        QVERIFY2(isolated.ok(), qPrintable(QString::fromStdString(message_of(isolated))));
        QCOMPARE(isolated->model_config, direct->model_config);
        QCOMPARE(isolated->keras_version, direct->keras_version);
        QCOMPARE(isolated->training_config.has_value(), direct->training_config.has_value());
        QCOMPARE(isolated->layer_names, direct->layer_names);
        QCOMPARE(isolated->layers.size(), direct->layers.size());
        std::size_t weights = 0;
        for (std::size_t l = 0; l < direct->layers.size(); ++l) {
            const auto &a = isolated->layers[l], &b = direct->layers[l];
            QCOMPARE(a.layer, b.layer);
            QCOMPARE(a.weights.size(), b.weights.size());
            for (std::size_t w = 0; w < b.weights.size(); ++w, ++weights) {
                QCOMPARE(a.weights[w].name, b.weights[w].name);
                QVERIFY(a.weights[w].value.shape() == b.weights[w].value.shape());
                QVERIFY(std::equal(a.weights[w].value.bytes().begin(), a.weights[w].value.bytes().end(),
                                   b.weights[w].value.bytes().begin(), b.weights[w].value.bytes().end()));
            }
        }
        QVERIFY(weights > 10);
    }

    void errorOfTheChildArrives() {
        auto r = keras::read_isolated("x.h5", quick(10s), [] {
            return wb::Expected<keras::RawArchive>(wb::Error{"x.h5", "HDF5 '/a'", "attribute missing"});
        });
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.error().what()), QString("x.h5: HDF5 '/a': attribute missing"));
    }

    void crashBecomesAnError() {
        for (int sig : {SIGSEGV, SIGABRT}) {
            auto r = keras::read_isolated("bad.h5", quick(10s), [sig]() -> wb::Expected<keras::RawArchive> {
                raise(sig);
                return keras::RawArchive{};
            });
            QVERIFY(!r.ok());
            const std::string what = r.error().what();
            QVERIFY2(what.find("bad.h5: libhdf5 crashed while reading this file (signal " + std::to_string(sig)) == 0,
                     what.c_str());
            QVERIFY2(what.find("the file is damaged") != std::string::npos, what.c_str());
        }
    }

    void hangIsKilledAtTheWallClockLimit() {
        const auto start = std::chrono::steady_clock::now();
        auto r = keras::read_isolated("slow.h5", quick(700ms), []() -> wb::Expected<keras::RawArchive> {
            for (;;) pause();
        });
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        QVERIFY(!r.ok());
        QVERIFY2(r.error().what().find("slow.h5: libhdf5 did not finish reading this file within 0.7 s") == 0,
                 r.error().what().c_str());
        QVERIFY2(seconds < 5.0, qPrintable(QString::number(seconds)));
    }

    void busyLoopHitsTheCpuLimit() {
        auto r = keras::read_isolated("busy.h5", quick(60s, 1), []() -> wb::Expected<keras::RawArchive> {
            volatile uint64_t n = 0;
            for (;;) n = n + 1;
        });
        QVERIFY(!r.ok());
        QVERIFY2(r.error().what().find("busy.h5: libhdf5 used more than 1 s of CPU time") == 0, r.error().what().c_str());
    }

    // A lying size that makes the reader allocate past its memory budget. Plain builds see
    // std::bad_alloc; ASan's allocator reports and ends the child instead: an error either way.
    void allocationPastTheBudgetFails() {
        auto r = keras::read_isolated("huge.h5", quick(30s, 30, 64 << 20), []() -> wb::Expected<keras::RawArchive> {
            std::vector<char> big(std::size_t(1) << 30, 'x');
            return wb::Error{"huge.h5", "", std::to_string(big[12345])};
        });
        QVERIFY(!r.ok());
        const std::string what = r.error().what();
        QVERIFY2(what.find("huge.h5: libhdf5 needed more than 64 MB of memory") == 0 ||
                     what.find("huge.h5: libhdf5 crashed") == 0 || what.find("huge.h5: libhdf5 failed") == 0,
                 what.c_str());
    }

    // The GUI reads from worker threads: two reads at once, each from its own thread.
    void readsFromTwoThreadsAtOnce() {
        WB_REQUIRE_CORPUS();
#if defined(__SANITIZE_ADDRESS__)
        // GCC 12's ASan runtime does not lock its allocator around fork(): a child forked while
        // the other thread allocates can hang (glibc's malloc, used in release builds, is safe).
        QSKIP("fork from a multi-threaded process is not safe under GCC 12's AddressSanitizer");
#endif
        const std::string a = (wb::test::corpus_dir() / "keras_h5/dl4j/examples/deepfm/deepfm.h5").string();
        const std::string b = (wb::test::corpus_dir() / "keras_h5/dl4j/weights/issue_9560.h5").string();
        wb::Expected<keras::RawArchive> ra = wb::Error{}, rb = wb::Error{};
        std::thread ta([&] { ra = keras::read_isolated(a, keras::isolation_limits(0), [&] { return read_raw(a); }); });
        std::thread tb([&] { rb = keras::read_isolated(b, keras::isolation_limits(0), [&] { return read_raw(b); }); });
        ta.join();
        tb.join();
        QVERIFY2(ra.ok(), qPrintable(QString::fromStdString(message_of(ra))));
        QVERIFY2(rb.ok(), qPrintable(QString::fromStdString(message_of(rb))));
        QVERIFY(!ra->layers.empty() && !rb->layers.empty());
    }

    // The input fuzz_keras_h5 found (a corpus file with 59 bytes 0xCE inserted into a global heap
    // object) crashed libhdf5 in H5HG_read in-process; now it is an error naming the file.
    void damagedGlobalHeapFromTheFuzzer() {
        WB_REQUIRE_CORPUS();
        const fs::path dir = wb::test::temp_dir("isolated-read");
        const fs::path file = dir / "crash-2ca52162.h5";
        wb::test::write_file(file, wb::test::fuzz_crash_2ca52162(wb::test::corpus_dir()));
        auto model = read_model(file);
        QVERIFY(!model.ok());
        const std::string what = model.error().what();
        QVERIFY2(what.find(file.string()) == 0, what.c_str());
        qInfo("damaged global heap: %s", what.c_str());
    }
};

QTEST_GUILESS_MAIN(TestIsolatedRead)
#include "tst_isolated_read.moc"
