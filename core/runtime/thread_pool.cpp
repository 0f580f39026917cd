// SPDX-License-Identifier: Apache-2.0
// A fork-join pool for intra-op parallelism. One parallel_for = one "generation": the caller
// publishes the job, workers spin briefly (a conv layer lasts tens of microseconds, so a
// condition-variable wake-up per layer would cost more than the work) and then sleep.
#include "runtime/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace wb::runtime {

namespace {
thread_local bool t_inside_pool = false;  // nested calls run serially
}

struct ThreadPool::Impl {
    int size = 1;
    std::vector<std::thread> workers;
    std::mutex mutex;
    std::condition_variable wake;
    std::atomic<uint64_t> generation{0};
    std::atomic<int> pending{0};
    std::atomic<bool> stop{false};
    int sleepers = 0;       // guarded by mutex: notify only when someone actually sleeps
    std::mutex call_mutex;  // one parallel region at a time from concurrent callers

    // The current job: chunk c covers [c*chunk, min(n,(c+1)*chunk)).
    const std::function<void(int64_t, int64_t)>* fn = nullptr;
    int64_t n = 0;
    int64_t chunk = 0;
    int chunks = 0;

    void run_chunk(int c) {
        const int64_t b = c * chunk;
        const int64_t e = std::min(n, b + chunk);
        if (b < e) (*fn)(b, e);
    }

    void worker_loop(int index) {
        t_inside_pool = true;
        uint64_t seen = 0;
        while (true) {
            uint64_t g = generation.load(std::memory_order_acquire);
            for (int spin = 0; g == seen && spin < 20000; ++spin) {
                if (stop.load(std::memory_order_relaxed)) return;
#if defined(__x86_64__) || defined(__i386__)
                __builtin_ia32_pause();
#endif
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
            if (index < chunks) run_chunk(index);
            pending.fetch_sub(1, std::memory_order_acq_rel);
        }
    }
};

ThreadPool::ThreadPool(int threads) : impl_(new Impl) {
    if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    impl_->size = threads;
    for (int i = 1; i < threads; ++i)
        impl_->workers.emplace_back([this, i] { impl_->worker_loop(i); });
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
    const int chunks = static_cast<int>(std::min<int64_t>(impl_->size, max_chunks));
    if (chunks <= 1 || t_inside_pool) {
        fn(0, n);
        return;
    }
    std::lock_guard call_lock(impl_->call_mutex);
    Impl& p = *impl_;
    p.fn = &fn;
    p.n = n;
    p.chunks = chunks;
    p.chunk = (n + chunks - 1) / chunks;
    p.pending.store(static_cast<int>(p.workers.size()), std::memory_order_release);
    bool anyone_asleep = false;
    {
        std::lock_guard lock(p.mutex);
        p.generation.fetch_add(1, std::memory_order_acq_rel);
        anyone_asleep = p.sleepers > 0;
    }
    if (anyone_asleep) p.wake.notify_all();
    t_inside_pool = true;
    p.run_chunk(0);
    t_inside_pool = false;
    while (p.pending.load(std::memory_order_acquire) != 0) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
    }
    p.fn = nullptr;
}

}  // namespace wb::runtime
