// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ir/tensor.h"
#include "util/error.h"

// The few libhdf5 writes a Keras .h5 needs, with h5py's choices (the layout Keras files in the
// corpus have): scalar strings variable-length, string lists fixed-length NULLPAD, both ASCII
// charset (h5py stores Python bytes that way), empty lists as an empty float64 array, datasets
// contiguous little-endian. Every failure is a wb::Error naming the file and the HDF5 path.
namespace wb::exporter::h5w {

// One open hid_t, closed by the matching H5?close.
class Object {
public:
    enum class Kind { File, Group, Dataset };
    Object() = default;
    Object(int64_t id, Kind kind) : id_(id), kind_(kind) {}
    Object(Object&& o) noexcept : id_(o.id_), kind_(o.kind_) { o.id_ = -1; }
    Object& operator=(Object&&) = delete;
    Object(const Object&) = delete;
    ~Object();
    int64_t id() const { return id_; }
    // Gives up ownership (the caller closes the id).
    int64_t release() {
        int64_t id = id_;
        id_ = -1;
        return id;
    }

private:
    int64_t id_ = -1;
    Kind kind_ = Kind::File;
};

class Writer {
public:
    // Creates (truncates) `path`, which names the file in errors.
    static Expected<Writer> create(const std::string& path);
    // Flushes and closes; a Writer destroyed without close() leaves a file to be discarded.
    Status close();

    Expected<Object> create_group(const Object& parent, const std::string& parent_path, const std::string& name);
    Status attr_string(const Object& on, const std::string& where, const std::string& name, const std::string& value);
    // h5py's numpy array of bytes: fixed length `width` (0 = the longest item); [] becomes float64
    // of shape (0).
    Status attr_string_list(const Object& on, const std::string& where, const std::string& name,
                            const std::vector<std::string>& values, std::size_t width = 0);
    // Float tensors are stored as float32, int32 as int32; `name` may hold '/' (groups are created).
    Status dataset(const Object& group, const std::string& where, const std::string& name, const ir::Tensor& value);
    const Object& root() const { return file_; }

private:
    Writer(int64_t file, std::string path) : file_(file, Object::Kind::File), path_(std::move(path)) {}
    Error error(const std::string& where, const std::string& message) const;
    Object file_;
    std::string path_;
};

}  // namespace wb::exporter::h5w
