// SPDX-License-Identifier: Apache-2.0
#include "util/huge_page_heap.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#if defined(__GLIBC__)
#include <gnu/libc-version.h>
#endif

namespace wb {

namespace {

constexpr const char* kTunable = "glibc.malloc.hugetlb";
// Set for the second start: "-" (GLIBC_TUNABLES was unset) or "=" followed by its old value.
constexpr const char* kRestore = "WB_RESTORE_GLIBC_TUNABLES";

bool glibc_knows_hugetlb() {
#if defined(__GLIBC__)
    int major = 0, minor = 0;
    return std::sscanf(gnu_get_libc_version(), "%d.%d", &major, &minor) == 2 && (major > 2 || minor >= 35);
#else
    return false;
#endif
}

// THP "madvise": huge pages only where a program asks for them, which the tunable does.
bool huge_pages_on_request() {
    std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string line;
    return std::getline(in, line) && line.find("[madvise]") != std::string::npos;
}

}  // namespace

bool huge_page_heap_possible() { return glibc_knows_hugetlb() && huge_pages_on_request(); }

void restart_with_huge_page_heap(char** argv) {
    if (const char* restore = std::getenv(kRestore)) {  // the second start: tunables are read
        if (restore[0] == '=')
            setenv("GLIBC_TUNABLES", restore + 1, 1);
        else
            unsetenv("GLIBC_TUNABLES");
        unsetenv(kRestore);
        return;
    }
    const char* opt_out = std::getenv("WB_HUGE_PAGES");
    if ((opt_out && std::strcmp(opt_out, "0") == 0) || !huge_page_heap_possible()) return;
    const char* current = std::getenv("GLIBC_TUNABLES");
    if (current && std::strstr(current, kTunable)) return;  // the user's choice stands
    const std::string old = current ? std::string("=") + current : std::string("-");
    const std::string tunables =
        (current && *current ? std::string(current) + ":" : std::string()) + kTunable + "=1";
    setenv(kRestore, old.c_str(), 1);
    setenv("GLIBC_TUNABLES", tunables.c_str(), 1);
    execv("/proc/self/exe", argv);
    // No /proc or the exec failed: carry on as we are, with the environment as it was.
    if (current)
        setenv("GLIBC_TUNABLES", current, 1);
    else
        unsetenv("GLIBC_TUNABLES");
    unsetenv(kRestore);
}

}  // namespace wb
