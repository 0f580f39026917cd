// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <functional>

namespace wb::runtime {

// A fixed pool of worker threads for intra-op parallelism. parallel_for splits [0, n) into at
// most size() contiguous ranges of at least `grain` items and runs them, the caller's thread
// taking one; it returns when all are done. A range may run on any thread (one not taken by a
// worker within ~30 us runs on the caller), each exactly once. Nested calls run serially on the
// calling thread.
class ThreadPool {
public:
    explicit ThreadPool(int threads);  // threads <= 0: hardware concurrency
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    int size() const;
    void parallel_for(int64_t n, const std::function<void(int64_t begin, int64_t end)>& fn,
                      int64_t grain = 1);

private:
    struct Impl;
    Impl* impl_;
};

}  // namespace wb::runtime
