// SPDX-License-Identifier: Apache-2.0
#include "util/proc_memory.h"

#include <fstream>
#include <string>
#include <string_view>

namespace wb {

namespace {

// The value of a "Name:   1234 kB" line of a /proc file, in bytes.
std::size_t kb_field(const char* path, std::string_view name) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line))
        if (line.size() > name.size() && line.compare(0, name.size(), name) == 0 && line[name.size()] == ':')
            return std::stoull(line.substr(name.size() + 1)) * 1024;
    return 0;
}

}  // namespace

std::size_t peak_rss_bytes() { return kb_field("/proc/self/status", "VmHWM"); }
std::size_t huge_page_bytes() { return kb_field("/proc/self/smaps_rollup", "AnonHugePages"); }

}  // namespace wb
