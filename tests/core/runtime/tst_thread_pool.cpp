// SPDX-License-Identifier: Apache-2.0
#include <QTest>

#include <atomic>
#include <vector>

#include "runtime/thread_pool.h"

using wb::runtime::ThreadPool;

class TstThreadPool : public QObject {
    Q_OBJECT
private slots:
    void coversEveryIndexOnce() {
        for (int threads : {1, 2, 3}) {
            ThreadPool pool(threads);
            QCOMPARE(pool.size(), threads);
            for (int64_t n : {1, 2, 13, 127, 1000}) {
                std::vector<std::atomic<int>> hits(static_cast<size_t>(n));
                for (int rep = 0; rep < 50; ++rep)
                    pool.parallel_for(n, [&](int64_t b, int64_t e) {
                        for (int64_t i = b; i < e; ++i) hits[static_cast<size_t>(i)]++;
                    });
                for (auto& h : hits) QCOMPARE(h.load(), 50);
            }
        }
    }
    void respectsGrain() {
        ThreadPool pool(2);
        std::atomic<int> calls{0};
        pool.parallel_for(10, [&](int64_t, int64_t) { calls++; }, 100);
        QCOMPARE(calls.load(), 1);
    }
    void nestedCallsRunSerially() {
        ThreadPool pool(2);
        std::atomic<int64_t> sum{0};
        pool.parallel_for(4, [&](int64_t b, int64_t e) {
            for (int64_t i = b; i < e; ++i)
                pool.parallel_for(10, [&](int64_t bb, int64_t ee) { sum += ee - bb; });
        });
        QCOMPARE(sum.load(), int64_t(40));
    }
    void emptyRangeDoesNothing() {
        ThreadPool pool(2);
        bool called = false;
        pool.parallel_for(0, [&](int64_t, int64_t) { called = true; });
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TstThreadPool)
#include "tst_thread_pool.moc"
