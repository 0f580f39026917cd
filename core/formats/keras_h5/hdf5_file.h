// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ir/tensor.h"
#include "util/error.h"

// A thin RAII layer over the libhdf5 C API: only what the Keras readers need, every failure
// returned as a wb::Error that names the file and the HDF5 path (HDF5's own stack printing is off).
namespace wb::formats::h5 {

// Owns one hid_t and closes it with the matching H5?close.
class Handle {
public:
    enum class Kind { File, Group, Dataset, Attribute, Type, Space, Plist };
    Handle() = default;
    Handle(int64_t id, Kind kind) : id_(id), kind_(kind) {}
    Handle(Handle&& o) noexcept : id_(o.id_), kind_(o.kind_) { o.id_ = -1; }
    Handle& operator=(Handle&& o) noexcept;
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle();
    int64_t id() const { return id_; }
    bool valid() const { return id_ >= 0; }

private:
    int64_t id_ = -1;
    Kind kind_ = Kind::File;
};

class File;

// A group (or the root) inside an open file; cheap to copy the path, holds its own handle.
class Group {
public:
    const std::string& path() const { return path_; }
    bool has_attr(const std::string& name) const;
    // String or string-array attribute (fixed or variable length); bytes returned as stored.
    Expected<std::vector<std::string>> attr_strings(const std::string& name) const;
    Expected<std::string> attr_string(const std::string& name) const;
    // Child names in the file's link order by name (h5py's iteration order: alphanumeric).
    Expected<std::vector<std::string>> children() const;
    bool has_child(const std::string& name) const;
    bool is_group(const std::string& name) const;
    bool is_dataset(const std::string& name) const;
    Expected<Group> group(const std::string& name) const;
    // Reads a numeric dataset converted to float32; checks declared size against storage.
    Expected<ir::Tensor> read_float_dataset(const std::string& name) const;
    // Number of datasets directly in this group.
    int dataset_count() const;

private:
    friend class File;
    Error error(const std::string& item, const std::string& message) const;
    std::shared_ptr<Handle> file_;  // keeps the file open while groups live
    std::shared_ptr<Handle> group_;
    std::string file_name_;
    std::string path_;
};

class File {
public:
    static Expected<File> open(const std::string& path);
    // Opens an HDF5 image held in memory (a .keras zip member); `label` names it in errors.
    static Expected<File> open_image(std::vector<std::byte> image, const std::string& label);
    Group root() const;

private:
    std::shared_ptr<Handle> file_;
    std::shared_ptr<std::vector<std::byte>> image_;
    std::string name_;
};

// True when the first bytes carry the HDF5 signature (at 0, 512, 1024 or 2048).
bool has_hdf5_signature(const std::string& path);

}  // namespace wb::formats::h5
