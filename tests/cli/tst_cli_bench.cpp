// SPDX-License-Identifier: Apache-2.0
// `tfjs-wb bench`: the JSON report's figures, and the malloc heap on transparent huge pages
// (util/huge_page_heap.h: the binary restarts itself with glibc.malloc.hugetlb=1 where the
// kernel offers huge pages on request; WB_HUGE_PAGES=0 turns it off).
#include <QProcessEnvironment>
#include <QTest>

#include <nlohmann/json.hpp>

#include <string>

#include "common/corpus.h"
#include "common/run_cli.h"
#include "util/huge_page_heap.h"

using namespace wb;
using test::q;
using test::tfjs_wb;

namespace {

std::filesystem::path mobilenet() { return test::corpus_dir() / "tfjs/nsfwjs/mobilenet_v2_mid"; }

bool sanitized() {
#if defined(__SANITIZE_ADDRESS__)
    return true;  // ASan's allocator, not glibc's malloc: the tunable has nothing to act on
#else
    return false;
#endif
}

nlohmann::json bench_json(const QProcessEnvironment& env) {
    auto r = tfjs_wb({"bench", q(mobilenet()), "--runs", "3", "--warmup", "1", "--threads", "2", "--profile-runs",
                      "1", "--json"},
                     env);
    if (r.code != 0) throw std::runtime_error("tfjs-wb bench failed: " + r.err);
    return nlohmann::json::parse(r.out);
}

}  // namespace

class TestCliBench : public QObject {
    Q_OBJECT
private slots:
    void jsonReportsTheRunAndItsMemory() {
        WB_REQUIRE_CORPUS();
        const auto j = bench_json(QProcessEnvironment::systemEnvironment());
        QCOMPARE(j["runs"].get<int>(), 3);
        QCOMPARE(j["threads"].get<int>(), 2);
        const double median = j["median_ms"], min = j["min_ms"], p90 = j["p90_ms"];
        QVERIFY(min > 0 && min <= median && median <= p90);
        QVERIFY(j["first_run_ms"].get<double>() > 0);
        QCOMPARE(j["flops"].get<double>(), 1160825568.0);  // the figure for this network
        QVERIFY(j["peak_activation_bytes"].get<double>() <= 1.5 * j["plan_lower_bound_bytes"].get<double>());
        QVERIFY(j["peak_rss_bytes"].get<double>() > 0);
        QVERIFY(j.contains("huge_page_bytes"));
        QVERIFY(!j["nodes"].empty());
    }

    // The heap of a MobileNet run (~50 MB: weights, packed filters, kernels) lies on huge
    // pages by default and not with WB_HUGE_PAGES=0.
    void heapOnHugePagesUnlessTurnedOff() {
        WB_REQUIRE_CORPUS();
        if (!huge_page_heap_possible() || sanitized())
            QSKIP("no glibc >= 2.35 with THP mode 'madvise' here (or the build is sanitized): nothing to check");
        const auto on = bench_json(QProcessEnvironment::systemEnvironment());
        QVERIFY2(on["huge_page_bytes"].get<double>() >= 8 << 20, on.dump().substr(0, 300).c_str());
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("WB_HUGE_PAGES", "0");
        QCOMPARE(bench_json(env)["huge_page_bytes"].get<double>(), 0.0);
        // With a GLIBC_TUNABLES of the user's own, the option is added to it.
        env.insert("WB_HUGE_PAGES", "1");
        env.insert("GLIBC_TUNABLES", "glibc.malloc.tcache_count=8");
        QVERIFY(bench_json(env)["huge_page_bytes"].get<double>() >= 8 << 20);
    }
};

QTEST_GUILESS_MAIN(TestCliBench)
#include "tst_cli_bench.moc"
