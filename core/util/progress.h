// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <atomic>
#include <functional>
#include <string>

namespace wb {

// Long work (load, convert, analyse, benchmark) reports through this and polls the stop token.
// Both members are optional; a default Progress reports nowhere and never stops.
struct Progress {
    std::function<void(double fraction, const std::string& stage)> on_progress;
    const std::atomic<bool>* stop = nullptr;

    void report(double fraction, const std::string& stage) const {
        if (on_progress) on_progress(fraction, stage);
    }
    bool cancelled() const { return stop && stop->load(std::memory_order_relaxed); }
};

}  // namespace wb
