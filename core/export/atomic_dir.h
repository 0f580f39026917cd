// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>

#include "util/error.h"

namespace wb::exporter {

// An export folder that appears complete or not at all (ARCHITECTURE: exports are atomic).
// Files are written into a hidden temporary sibling of the destination; commit() renames it into
// place. Destruction without commit() (an error, a cancel) removes the temporary folder.
class AtomicDir {
public:
    // Fails when `destination` is `source` or inside it, is an existing file, or its parent cannot
    // be created. `source` may be a file or a folder; pass {} when there is none.
    static Expected<AtomicDir> begin(const std::filesystem::path& destination, const std::filesystem::path& source);

    AtomicDir(AtomicDir&& other) noexcept;
    AtomicDir& operator=(AtomicDir&&) = delete;
    AtomicDir(const AtomicDir&) = delete;
    ~AtomicDir();

    // Where to write.
    const std::filesystem::path& path() const { return temp_; }
    // Moves the export into place atomically. An existing destination folder keeps files the
    // export does not overwrite (tensorflowjs_converter writes into existing folders the same way);
    // the two folders are swapped in one rename, so no reader ever sees a mix.
    Status commit();

    // The temporary folder of the export in progress, for signal handlers; empty when none.
    static const char* active_temp_path();

private:
    AtomicDir() = default;
    Status move_files_over();
    std::filesystem::path destination_, temp_;
    bool committed_ = false;
};

// True when `inner` is `outer` or lies below it (after resolving both).
bool path_is_within(const std::filesystem::path& inner, const std::filesystem::path& outer);

}  // namespace wb::exporter
