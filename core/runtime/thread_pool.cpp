// SPDX-License-Identifier: Apache-2.0
// A fork-join pool for intra-op parallelism. One parallel_for = one "generation": the caller
// publishes the job, workers spin briefly (a conv layer lasts tens of microseconds, so a
// condition-variable wake-up per layer would cost more than the work) and then sleep.
// Chunks are claimed, not assigned: whoever is running takes the next unclaimed chunk, so a
// worker the OS has descheduled (a busy machine) delays nothing but the chunk it already took;
// after a short grace period the caller runs the rest itself instead of spinning until the
// worker comes back.
#include "runtime/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace wb::runtime {

namespace {
thread_local bool t_inside_pool = false;  // nested calls run serially

void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}
}  // namespace

struct ThreadPool::Impl {
    int size = 1;
    std::vector<std::thread> workers;
    std::mutex mutex;
    std::condition_variable wake;
    std::atomic<uint64_t> generation{0};
    std::atomic<bool> stop{false};
    int sleepers = 0;       // guarded by mutex: notify only when someone actually sleeps
    std::mutex call_mutex;  // one parallel region at a time from concurrent callers

    // The current job: chunk c covers [c*chunk, min(n,(c+1)*chunk)). `claim` packs the job's
    // chunk count (bits 16-31) and the next unclaimed chunk (bits 0-15) in one word, so a
    // successful claim is always of the job it read; `done` counts finished chunks.
    const std::function<void(int64_t, int64_t)>* fn = nullptr;
    int64_t n = 0;
    int64_t chunk = 0;
    alignas(64) std::atomic<uint64_t> claim{0};  // own cache lines: claimed and counted by every thread
    alignas(64) std::atomic<int> done{0};

    // The next chunk of the current job, or -1 when all are taken.
    int take() {
        uint64_t cur = claim.load(std::memory_order_acquire);
        while (true) {
            const int chunks = static_cast<int>((cur >> 16) & 0xffff), next = static_cast<int>(cur & 0xffff);
            if (next >= chunks) return -1;
            if (claim.compare_exchange_weak(cur, cur + 1, std::memory_order_acq_rel, std::memory_order_acquire))
                return next;
        }
    }

    bool unclaimed() const {
        const uint64_t cur = claim.load(std::memory_order_acquire);
        return (cur & 0xffff) < ((cur >> 16) & 0xffff);
    }

    void run_chunk(int c) {
        const int64_t b = c * chunk;
        const int64_t e = std::min(n, b + chunk);
        if (b < e) (*fn)(b, e);
        done.fetch_add(1, std::memory_order_acq_rel);
    }

    void run_chunks() {
        for (int c = take(); c >= 0; c = take()) run_chunk(c);
    }

    void worker_loop() {
        t_inside_pool = true;
        uint64_t seen = 0;
        while (true) {
            uint64_t g = generation.load(std::memory_order_acquire);
            for (int spin = 0; g == seen && spin < 20000; ++spin) {
                if (stop.load(std::memory_order_relaxed)) return;
                cpu_relax();
                g = generation.load(std::memory_order_acquire);
            }
            if (g == seen) {
                std::unique_lock lock(mutex);
                ++sleepers;
                wake.wait(lock, [&] {
                    return stop.load() || generation.load(std::memory_order_acquire) != seen;
                });
                --sleepers;
                if (stop.load()) return;
                g = generation.load(std::memory_order_acquire);
            }
            seen = g;
            run_chunks();
        }
    }
};

ThreadPool::ThreadPool(int threads) : impl_(new Impl) {
    if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    impl_->size = threads;
    for (int i = 1; i < threads; ++i) impl_->workers.emplace_back([this] { impl_->worker_loop(); });
}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stop = true;
    }
    impl_->wake.notify_all();
    for (auto& t : impl_->workers) t.join();
    delete impl_;
}

int ThreadPool::size() const { return impl_->size; }

void ThreadPool::parallel_for(int64_t n, const std::function<void(int64_t, int64_t)>& fn,
                              int64_t grain) {
    if (n <= 0) return;
    grain = std::max<int64_t>(1, grain);
    const int64_t max_chunks = std::max<int64_t>(1, n / grain);
    const int chunks = static_cast<int>(std::min<int64_t>(std::min(impl_->size, 0xffff), max_chunks));
    if (chunks <= 1 || t_inside_pool) {
        fn(0, n);
        return;
    }
    std::lock_guard call_lock(impl_->call_mutex);
    Impl& p = *impl_;
    p.fn = &fn;
    p.n = n;
    p.chunk = (n + chunks - 1) / chunks;
    p.done.store(0, std::memory_order_relaxed);
    p.claim.store(static_cast<uint64_t>(chunks) << 16, std::memory_order_release);
    bool anyone_asleep = false;
    {
        std::lock_guard lock(p.mutex);
        p.generation.fetch_add(1, std::memory_order_acq_rel);
        anyone_asleep = p.sleepers > 0;
    }
    if (anyone_asleep) p.wake.notify_all();
    t_inside_pool = true;
    if (const int first = p.take(); first >= 0) p.run_chunk(first);
    // Awake workers take their chunks within a microsecond; one that has not after ~30 us is
    // descheduled or asleep, and its chunk is run here rather than waited for.
    const auto t0 = std::chrono::steady_clock::now();
    for (int spin = 0; p.unclaimed(); ++spin) {
        if (spin % 64 == 63 && std::chrono::steady_clock::now() - t0 > std::chrono::microseconds(30)) break;
        cpu_relax();
    }
    p.run_chunks();
    t_inside_pool = false;
    // Only chunks a worker has taken are left; past a short spin, give the core away (the
    // worker may be waiting for it).
    for (int spin = 0; p.done.load(std::memory_order_acquire) != chunks; ++spin) {
        if (spin < 4000) cpu_relax();
        else std::this_thread::yield();
    }
    p.fn = nullptr;
}

}  // namespace wb::runtime
