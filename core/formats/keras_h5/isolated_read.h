// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "formats/keras_h5/raw_archive.h"

// libhdf5 (1.10 on Debian 12) is not hardened against hostile files: fuzzing found crashes deep
// inside it (H5HG_read on a damaged global heap), and it has a long CVE history. Validating one
// code path of ours cannot fix that, so every libhdf5 read of a model runs in a forked child
// process with resource limits; the child writes the RawArchive into a memfd and exits.
// A child that crashes, hangs or runs out of memory becomes a wb::Error naming the file: the
// application (CLI, GUI worker thread, tests) never dies with it.
namespace wb::formats::keras {

struct IsolationLimits {
    std::chrono::milliseconds wall{0};  // enforced by the parent: the child is killed after it
    unsigned cpu_seconds = 0;           // the child's RLIMIT_CPU (SIGXCPU, then SIGKILL 1 s later)
    uint64_t memory_bytes = 0;          // address space the child may add to what it has at fork
};

// Limits for reading an input of `input_bytes`: max(2 GB, 4x the input) of memory,
// 10 s + 1 s per 10 MB of wall-clock and CPU time.
IsolationLimits isolation_limits(uint64_t input_bytes);

// Caps the time limits of every later isolated read (0 = no cap). The fuzz harness keeps them
// below libFuzzer's -timeout, so a libhdf5 hang is reported as an error instead of a finding.
void cap_isolation_time(std::chrono::milliseconds cap);

// Runs `read` in a forked child under `limits`; `read` must only do the libhdf5 work (no locks,
// no threads, no I/O besides the model). Returns its result, or an Error naming `label` when the
// child died by a signal, hung past the wall-clock limit, ran out of memory or sent no result.
Expected<RawArchive> read_isolated(const std::string& label, const IsolationLimits& limits,
                                   const std::function<Expected<RawArchive>()>& read);

}  // namespace wb::formats::keras
