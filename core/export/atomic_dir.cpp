// SPDX-License-Identifier: Apache-2.0
#include "export/atomic_dir.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstring>
#include <random>

namespace wb::exporter {
namespace fs = std::filesystem;
namespace {

// A fixed buffer so a signal handler can read the path without allocating.
std::array<char, 4096> g_active{};

void set_active(const fs::path& p) {
    const std::string s = p.string();
    if (s.size() + 1 > g_active.size()) return;
    std::memcpy(g_active.data(), s.c_str(), s.size() + 1);
}

fs::path resolved(const fs::path& p) {
    std::error_code ec;
    auto r = fs::weakly_canonical(fs::absolute(p, ec), ec);
    return ec ? fs::absolute(p) : r;
}

}  // namespace

bool path_is_within(const fs::path& inner, const fs::path& outer) {
    const auto a = resolved(inner), b = resolved(outer);
    auto ai = a.begin();
    for (auto bi = b.begin(); bi != b.end(); ++bi, ++ai) {
        if (bi->empty()) continue;  // trailing separator
        if (ai == a.end() || *ai != *bi) return false;
    }
    return true;
}

Expected<AtomicDir> AtomicDir::begin(const fs::path& destination, const fs::path& source) {
    std::error_code ec;
    if (destination.empty()) return Error{{}, "output path", "is empty"};
    if (!source.empty()) {
        if (path_is_within(destination, source))
            return Error{destination.string(), "output path",
                         "must not be the input or lie inside it (" + source.string() + ")"};
    }
    if (fs::exists(destination, ec) && !fs::is_directory(destination, ec))
        return Error{destination.string(), "output path", "exists and is not a folder"};
    const auto abs = resolved(destination);
    const auto parent = abs.parent_path();
    fs::create_directories(parent, ec);
    if (ec) return Error{parent.string(), {}, "cannot create folder: " + ec.message()};

    std::random_device rd;
    AtomicDir dir;
    dir.destination_ = abs;
    for (int attempt = 0; attempt < 16; ++attempt) {
        auto temp = parent / ("." + abs.filename().string() + ".tmp-" + std::to_string(rd() % 1000000));
        if (fs::create_directory(temp, ec) && !ec) {
            dir.temp_ = temp;
            set_active(temp);
            return dir;
        }
    }
    return Error{parent.string(), {}, "cannot create a temporary export folder: " + ec.message()};
}

AtomicDir::AtomicDir(AtomicDir&& other) noexcept
    : destination_(std::move(other.destination_)), temp_(std::move(other.temp_)), committed_(other.committed_) {
    other.temp_.clear();
    other.committed_ = true;
}

AtomicDir::~AtomicDir() {
    if (committed_ || temp_.empty()) return;
    std::error_code ec;
    fs::remove_all(temp_, ec);
    g_active[0] = '\0';
}

// Moves each of our files over its namesake in an existing folder. Not atomic: only the
// fallback for file systems without RENAME_EXCHANGE.
Status AtomicDir::move_files_over() {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(temp_, ec)) {
        fs::rename(entry.path(), destination_ / entry.path().filename(), ec);
        if (ec) return Error{destination_.string(), entry.path().filename().string(), "cannot move into place: " + ec.message()};
    }
    fs::remove(temp_, ec);
    return Ok{};
}

Status AtomicDir::commit() {
    std::error_code ec;
    if (fs::exists(destination_, ec) && !fs::is_empty(destination_, ec)) {
        // Keep what the user had there (the converter writes into an existing folder): hard-link
        // the old entries we do not replace into the new folder, then swap the two folders in one
        // renameat2(RENAME_EXCHANGE), so a kill at any instant leaves the old or the new export.
        for (const auto& entry : fs::directory_iterator(destination_, ec)) {
            const auto target = temp_ / entry.path().filename();
            if (fs::exists(target)) continue;
            std::error_code link_ec;
            fs::copy(entry.path(), target, fs::copy_options::recursive | fs::copy_options::create_hard_links, link_ec);
            if (link_ec) fs::copy(entry.path(), target, fs::copy_options::recursive, link_ec);
            if (link_ec) return Error{destination_.string(), entry.path().filename().string(), "cannot keep: " + link_ec.message()};
        }
        if (::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, destination_.c_str(), RENAME_EXCHANGE) != 0) {
            if (auto s = move_files_over(); !s) return s;
        } else {
            fs::remove_all(temp_, ec);  // now holds the previous content
        }
    } else {
        if (fs::exists(destination_, ec)) fs::remove(destination_, ec);
        fs::rename(temp_, destination_, ec);
        if (ec) return Error{destination_.string(), {}, "cannot move the export into place: " + ec.message()};
    }
    committed_ = true;
    g_active[0] = '\0';
    return Ok{};
}

const char* AtomicDir::active_temp_path() { return g_active[0] ? g_active.data() : nullptr; }

}  // namespace wb::exporter
