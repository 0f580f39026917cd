// SPDX-License-Identifier: Apache-2.0
#include "formats/keras_h5/isolated_read.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "formats/keras_h5/archive_wire.h"

// Under a sanitizer runtime (the ASan test build, the libFuzzer harnesses) a fault in the child
// would run the parent's death callback: libFuzzer's writes the current input as a crash of the
// parent. The child clears it so only the signal reaches the parent. Weak: absent elsewhere.
extern "C" void __sanitizer_set_death_callback(void (*)(void)) __attribute__((weak));

#if defined(__SANITIZE_ADDRESS__)
#define WB_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WB_ASAN 1
#endif
#endif

// GCC defines __SANITIZE_ADDRESS__; clang reports AddressSanitizer as a feature.
#if defined(__SANITIZE_ADDRESS__)
#define WB_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WB_UNDER_ASAN 1
#endif
#endif
#ifndef WB_UNDER_ASAN
#define WB_UNDER_ASAN 0
#endif

namespace wb::formats::keras {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr int kExitNoMemory = 70;   // std::bad_alloc in the child (RLIMIT_AS reached)
constexpr int kExitException = 71;  // any other exception
constexpr int kExitPipe = 72;       // the parent went away, or the result could not be written

std::atomic<int64_t> g_time_cap_ms{0};
// Held from pipe() until the parent closed its write end: a sibling read's child (GUI threads)
// must not inherit our write end, or our end-of-file would wait for it.
std::mutex g_fork_mutex;

uint64_t address_space_now() {
    char buf[64] = {};
    const int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    const ssize_t n = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    return n > 0 ? std::strtoull(buf, nullptr, 10) * uint64_t(sysconf(_SC_PAGESIZE)) : 0;
}

// Lowers a limit; never raises it above a hard limit the parent already had.
void lower_limit(int resource, uint64_t soft, uint64_t hard) {
    rlimit r{};
    if (getrlimit(resource, &r) != 0) return;
    const rlim_t cap = r.rlim_max;
    r.rlim_cur = std::min<rlim_t>(soft, cap);
    r.rlim_max = std::min<rlim_t>(hard, cap);
    setrlimit(resource, &r);
}

[[noreturn]] void run_child(int fd, pid_t parent, const IsolationLimits& limits,
                            const std::function<Expected<RawArchive>()>& read) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(kExitPipe);
    if (&__sanitizer_set_death_callback) __sanitizer_set_death_callback(nullptr);
    for (int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGXCPU}) signal(sig, SIG_DFL);
#ifndef WB_ASAN
    // libhdf5 dying on a damaged heap makes glibc print "free(): invalid pointer" and the like; the
    // parent reports the crash in words. Sanitizer builds keep the child's reports visible.
    if (const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC); null >= 0) {
        dup2(null, STDERR_FILENO);
        ::close(null);
    }
#endif
    lower_limit(RLIMIT_CORE, 0, 0);
    lower_limit(RLIMIT_CPU, limits.cpu_seconds, limits.cpu_seconds + 1);
    const uint64_t as = address_space_now() + limits.memory_bytes;
    lower_limit(RLIMIT_AS, as, as);
    int code = kExitException;
    try {
        code = wire::write_result(fd, read()) ? 0 : kExitPipe;
    } catch (const std::bad_alloc&) {
        code = kExitNoMemory;
    } catch (...) {
    }
    _exit(code);  // no atexit handlers, no stdio flush of the parent's buffers, no libhdf5 close
}

// True once the child has ended; it stays a zombie for the final waitpid.
bool child_ended(pid_t pid) {
    siginfo_t info{};
    return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid;
}

// Waits until the child has ended (its end of the pipe closed) or the deadline passed. The
// child is also checked directly, because a process forked elsewhere in the meantime may hold
// the pipe open.
bool wait_for_end(int fd, pid_t pid, Clock::time_point deadline) {
    for (;;) {
        const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return false;
        pollfd p{fd, POLLIN, 0};
        const int r = poll(&p, 1, int(std::min<int64_t>(left, 250)));
        if (r < 0 && errno != EINTR) return true;
        if (r == 0 && child_ended(pid)) return true;
        if (r <= 0) continue;
        char c;
        const ssize_t n = ::read(fd, &c, 1);  // the child never writes: this is end-of-file
        if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) return true;
    }
}

// Decodes [u64 size][payload] from the memfd the child wrote, mapped rather than copied.
Expected<RawArchive> collect(int memfd, const std::string& label) {
    const Error none{label, "", "the isolated libhdf5 reader ended without a result"};
    struct stat st {};
    if (fstat(memfd, &st) != 0 || st.st_size < 8) return none;
    void* map = mmap(nullptr, std::size_t(st.st_size), PROT_READ, MAP_PRIVATE, memfd, 0);
    if (map == MAP_FAILED) return Error{label, "", std::string("cannot map the isolated reader's result: ") + std::strerror(errno)};
    const char* bytes = static_cast<const char*>(map);
    uint64_t size = 0;
    std::memcpy(&size, bytes, sizeof size);
    auto result = size == uint64_t(st.st_size) - 8 ? wire::decode(std::string_view(bytes + 8, size), label)
                                                   : Expected<RawArchive>(none);
    munmap(map, std::size_t(st.st_size));
    return result;
}

std::string signal_text(int sig) {
    const char* abbrev = sigabbrev_np(sig);
    return "signal " + std::to_string(sig) + (abbrev ? std::string(", SIG") + abbrev : std::string());
}

// What a child that sent no (complete) result died of, in words for the user.
std::string failure(int status, bool waited, const IsolationLimits& limits) {
    if (waited && WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        if (sig == SIGXCPU)
            return "libhdf5 used more than " + std::to_string(limits.cpu_seconds) +
                   " s of CPU time reading this file; the file is damaged or hostile";
        return "libhdf5 crashed while reading this file (" + signal_text(sig) + "); the file is damaged";
    }
    if (waited && WIFEXITED(status) && WEXITSTATUS(status) == kExitNoMemory)
        return "libhdf5 needed more than " + std::to_string(limits.memory_bytes >> 20) +
               " MB of memory reading this file; the file is damaged or declares absurd sizes";
    if (waited && WIFEXITED(status))  // e.g. a sanitizer runtime ending the child after a report
        return "libhdf5 failed while reading this file (its process exited with code " +
               std::to_string(WEXITSTATUS(status)) + "); the file is damaged";
    return "the isolated libhdf5 reader ended without a result";
}

}  // namespace

IsolationLimits isolation_limits(uint64_t input_bytes) {
    constexpr uint64_t kMB = uint64_t(1) << 20;
    const uint64_t seconds = 10 + input_bytes / (10 * kMB);
    return {milliseconds(seconds * 1000), unsigned(seconds), std::max<uint64_t>(2048 * kMB, 4 * input_bytes)};
}

void cap_isolation_time(milliseconds cap) { g_time_cap_ms = cap.count(); }

namespace {

// One child: fork, wait until it ends or the deadline passes; *timed_out tells the second case.
Expected<RawArchive> read_in_one_child(const std::string& label, const IsolationLimits& requested,
                                       const std::function<Expected<RawArchive>()>& read, bool* timed_out) {
    IsolationLimits limits = requested;
    if (const int64_t cap = g_time_cap_ms; cap > 0) {
        limits.wall = std::min(limits.wall, milliseconds(cap));
        limits.cpu_seconds = std::min<unsigned>(limits.cpu_seconds, unsigned((cap + 999) / 1000));
    }
    const auto deadline = Clock::now() + limits.wall;
    // The result goes into a memfd, written at once without waiting for us to drain a pipe (on a
    // busy machine every pipe hand-over waits for a time slice); the pipe only tells us the
    // child has ended: it never writes to it, and its end closes when it exits or is killed.
    const int memfd = memfd_create("wb-h5-result", MFD_CLOEXEC);
    if (memfd < 0) return Error{label, "", std::string("cannot start the isolated libhdf5 reader: ") + std::strerror(errno)};
    int fds[2] = {-1, -1};
    pid_t pid = -1;
    {
        std::lock_guard lock(g_fork_mutex);
        if (pipe2(fds, O_CLOEXEC) == 0) {
            const pid_t parent = getpid();
            pid = fork();
            if (pid == 0) {
                ::close(fds[0]);
                run_child(memfd, parent, limits, read);
            }
            ::close(fds[1]);
        }
    }
    if (pid < 0) {
        const int err = errno;
        if (fds[0] >= 0) ::close(fds[0]);
        ::close(memfd);
        return Error{label, "", std::string("cannot start the isolated libhdf5 reader: ") + std::strerror(err)};
    }
    const bool ended = wait_for_end(fds[0], pid, deadline);
    *timed_out = !ended;
    ::close(fds[0]);
    if (!ended) kill(pid, SIGKILL);
    int status = 0;
    pid_t w;
    while ((w = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {
    }
    const bool waited = w == pid;  // false when SIGCHLD is ignored (children reaped by the kernel)
    Expected<RawArchive> result = Error{label, "", failure(status, waited, limits)};
    if (!ended) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.3g", double(limits.wall.count()) / 1000.0);
        result = Error{label, "", std::string("libhdf5 did not finish reading this file within ") + seconds +
                                      " s; the file is damaged or hostile"};
    } else if (!waited || (WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
        result = collect(memfd, label);
    }
    ::close(memfd);
    return result;
}

}  // namespace

Expected<RawArchive> read_isolated(const std::string& label, const IsolationLimits& requested,
                                   const std::function<Expected<RawArchive>()>& read) {
#if WB_UNDER_ASAN
    // GCC 12's ASan takes no allocator lock around fork(): a child forked while another thread of
    // ours is inside malloc (a thread-pool worker finishing late) can block forever on that lock.
    // Such a child is retried; a file on which libhdf5 itself hangs hangs every time and is reported.
    constexpr int attempts = 3;
#else
    constexpr int attempts = 1;  // glibc's fork() is allocator-safe
#endif
    for (int attempt = 1;; ++attempt) {
        bool timed_out = false;
        auto result = read_in_one_child(label, requested, read, &timed_out);
        if (!timed_out || attempt == attempts) return result;
    }
}

}  // namespace wb::formats::keras
