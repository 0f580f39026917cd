// SPDX-License-Identifier: Apache-2.0
#include "formats/keras_h5/hdf5_file.h"

#include <hdf5.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <mutex>

namespace wb::formats::h5 {
namespace {

// HDF5 prints its error stack to stderr by default; we report through wb::Error instead.
void silence_hdf5() {
    static std::once_flag once;
    std::call_once(once, [] { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); });
}

// Refuse single weights above this size: no Keras weight is near it, and a lying header must
// not make us allocate the machine's memory.
constexpr uint64_t kMaxDatasetBytes = uint64_t(8) << 30;

}  // namespace

Handle& Handle::operator=(Handle&& o) noexcept {
    if (this != &o) {
        this->~Handle();
        id_ = o.id_;
        kind_ = o.kind_;
        o.id_ = -1;
    }
    return *this;
}

Handle::~Handle() {
    if (id_ < 0) return;
    switch (kind_) {
    case Kind::File: H5Fclose(id_); break;
    case Kind::Group: H5Gclose(id_); break;
    case Kind::Dataset: H5Dclose(id_); break;
    case Kind::Attribute: H5Aclose(id_); break;
    case Kind::Type: H5Tclose(id_); break;
    case Kind::Space: H5Sclose(id_); break;
    case Kind::Plist: H5Pclose(id_); break;
    }
    id_ = -1;
}

// POSIX I/O, not iostreams: this also runs in the sandboxed libhdf5 child (isolated_read.h),
// where a stream's locale could wait on a lock another thread of the parent held at fork.
bool has_hdf5_signature(const std::string& path) {
    static const char sig[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    bool found = false;
    for (off_t off : {0, 512, 1024, 2048}) {
        char buf[8] = {};
        if (::pread(fd, buf, 8, off) != 8) break;
        if (std::memcmp(buf, sig, 8) == 0) {
            found = true;
            break;
        }
    }
    ::close(fd);
    return found;
}

Expected<File> File::open(const std::string& path) {
    silence_hdf5();
    if (!has_hdf5_signature(path))
        return Error{path, "", "not an HDF5 file (no HDF5 signature)"};
    hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (id < 0) return Error{path, "", "libhdf5 cannot open the file (damaged or truncated HDF5)"};
    File f;
    f.file_ = std::make_shared<Handle>(id, Handle::Kind::File);
    f.name_ = path;
    return f;
}

Expected<File> File::open_image(std::vector<std::byte> image, const std::string& label) {
    silence_hdf5();
    File f;
    f.image_ = std::make_shared<std::vector<std::byte>>(std::move(image));
    Handle fapl(H5Pcreate(H5P_FILE_ACCESS), Handle::Kind::Plist);
    // Core driver without a backing store: the image never touches the disk.
    if (!fapl.valid() || H5Pset_fapl_core(fapl.id(), 1 << 20, 0) < 0 ||
        H5Pset_file_image(fapl.id(), f.image_->data(), f.image_->size()) < 0)
        return Error{label, "", "libhdf5 cannot prepare an in-memory file image"};
    hid_t id = H5Fopen(label.c_str(), H5F_ACC_RDONLY, fapl.id());
    if (id < 0) return Error{label, "", "libhdf5 cannot open the in-memory HDF5 image (damaged?)"};
    f.file_ = std::make_shared<Handle>(id, Handle::Kind::File);
    f.name_ = label;
    return f;
}

Group File::root() const {
    Group g;
    g.file_ = file_;
    g.group_ = std::make_shared<Handle>(H5Gopen2(file_->id(), "/", H5P_DEFAULT), Handle::Kind::Group);
    g.file_name_ = name_;
    g.path_ = "/";
    return g;
}

Error Group::error(const std::string& item, const std::string& message) const {
    std::string where = path_ == "/" ? "/" + item : path_ + "/" + item;
    return Error{file_name_, "HDF5 '" + where + "'", message};
}

bool Group::has_attr(const std::string& name) const {
    return group_->valid() && H5Aexists(group_->id(), name.c_str()) > 0;
}

Expected<std::vector<std::string>> Group::attr_strings(const std::string& name) const {
    if (!has_attr(name)) return error("@" + name, "attribute missing");
    Handle attr(H5Aopen(group_->id(), name.c_str(), H5P_DEFAULT), Handle::Kind::Attribute);
    Handle type(H5Aget_type(attr.id()), Handle::Kind::Type);
    Handle space(H5Aget_space(attr.id()), Handle::Kind::Space);
    if (!attr.valid() || !type.valid() || !space.valid())
        return error("@" + name, "attribute cannot be opened");
    hssize_t n = H5Sget_simple_extent_npoints(space.id());
    if (n < 0 || n > (1 << 24)) return error("@" + name, "attribute has an invalid element count");
    std::vector<std::string> out;
    // h5py stores an empty list as an empty float64 array (weightless layers' weight_names).
    if (n == 0) return out;
    if (H5Tget_class(type.id()) != H5T_STRING) return error("@" + name, "attribute is not a string");
    if (H5Tis_variable_str(type.id()) > 0) {
        std::vector<char*> ptrs(static_cast<size_t>(n), nullptr);
        Handle mem(H5Tcopy(H5T_C_S1), Handle::Kind::Type);
        H5Tset_size(mem.id(), H5T_VARIABLE);
        H5Tset_cset(mem.id(), H5Tget_cset(type.id()));
        if (H5Aread(attr.id(), mem.id(), ptrs.data()) < 0)
            return error("@" + name, "attribute cannot be read");
        for (char* p : ptrs) {
            out.emplace_back(p ? p : "");
            if (p) H5free_memory(p);
        }
        return out;
    }
    size_t size = H5Tget_size(type.id());
    if (size == 0 || size > (size_t(1) << 30) / std::max<size_t>(1, n))
        return error("@" + name, "attribute has an invalid string size");
    std::vector<char> buf(size * static_cast<size_t>(n));
    if (H5Aread(attr.id(), type.id(), buf.data()) < 0) return error("@" + name, "attribute cannot be read");
    for (hssize_t i = 0; i < n; ++i) {
        const char* p = buf.data() + i * size;
        out.emplace_back(p, strnlen(p, size));  // fixed-length strings are NUL-padded
    }
    return out;
}

Expected<std::string> Group::attr_string(const std::string& name) const {
    auto v = attr_strings(name);
    if (!v) return v.error();
    if (v->size() != 1) return error("@" + name, "expected one string, found " + std::to_string(v->size()));
    return std::move(v->front());
}

Expected<std::vector<std::string>> Group::children() const {
    H5G_info_t info{};
    if (H5Gget_info(group_->id(), &info) < 0) return error("", "group cannot be listed");
    std::vector<std::string> names;
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        ssize_t len = H5Lget_name_by_idx(group_->id(), ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0,
                                         H5P_DEFAULT);
        if (len < 0) return error("", "group link cannot be read");
        std::string s(static_cast<size_t>(len) + 1, '\0');
        H5Lget_name_by_idx(group_->id(), ".", H5_INDEX_NAME, H5_ITER_INC, i, s.data(), s.size(), H5P_DEFAULT);
        s.resize(static_cast<size_t>(len));
        names.push_back(std::move(s));
    }
    return names;
}

bool Group::has_child(const std::string& name) const {
    if (name.empty()) return false;
    // H5Lexists needs every intermediate link to exist: walk the path one part at a time.
    size_t pos = 0;
    while (true) {
        size_t slash = name.find('/', pos);
        std::string prefix = name.substr(0, slash);
        if (H5Lexists(group_->id(), prefix.c_str(), H5P_DEFAULT) <= 0) return false;
        if (slash == std::string::npos) return true;
        pos = slash + 1;
    }
}

static H5O_type_t object_type(hid_t loc, const std::string& name) {
    H5O_info_t info{};
    if (H5Oget_info_by_name(loc, name.c_str(), &info, H5P_DEFAULT) < 0) return H5O_TYPE_UNKNOWN;
    return info.type;
}

bool Group::is_group(const std::string& name) const {
    return has_child(name) && object_type(group_->id(), name) == H5O_TYPE_GROUP;
}

bool Group::is_dataset(const std::string& name) const {
    return has_child(name) && object_type(group_->id(), name) == H5O_TYPE_DATASET;
}

int Group::dataset_count() const {
    auto names = children();
    if (!names) return 0;
    int n = 0;
    for (const auto& c : *names) n += is_dataset(c) ? 1 : 0;
    return n;
}

Expected<Group> Group::group(const std::string& name) const {
    if (!is_group(name)) return error(name, "group missing");
    Group g;
    g.file_ = file_;
    g.group_ = std::make_shared<Handle>(H5Gopen2(group_->id(), name.c_str(), H5P_DEFAULT), Handle::Kind::Group);
    if (!g.group_->valid()) return error(name, "group cannot be opened");
    g.file_name_ = file_name_;
    g.path_ = path_ == "/" ? "/" + name : path_ + "/" + name;
    return g;
}

Expected<ir::Tensor> Group::read_float_dataset(const std::string& name) const {
    if (!is_dataset(name)) return error(name, "dataset missing");
    Handle ds(H5Dopen2(group_->id(), name.c_str(), H5P_DEFAULT), Handle::Kind::Dataset);
    Handle type(H5Dget_type(ds.id()), Handle::Kind::Type);
    Handle space(H5Dget_space(ds.id()), Handle::Kind::Space);
    if (!ds.valid() || !type.valid() || !space.valid()) return error(name, "dataset cannot be opened");
    H5T_class_t cls = H5Tget_class(type.id());
    if (cls != H5T_FLOAT && cls != H5T_INTEGER)
        return error(name, "dataset is not numeric (HDF5 type class " + std::to_string(int(cls)) + ")");
    int rank = H5Sget_simple_extent_ndims(space.id());
    if (rank < 0 || rank > 32) return error(name, "dataset has an invalid rank");
    std::vector<hsize_t> dims(static_cast<size_t>(rank));
    H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr);
    uint64_t count = 1;
    std::vector<int64_t> shape;
    for (hsize_t d : dims) {
        if (d != 0 && count > kMaxDatasetBytes / d) return error(name, "dataset declares an absurd size");
        count *= d;
        shape.push_back(static_cast<int64_t>(d));
    }
    size_t elem = H5Tget_size(type.id());
    if (count * 4 > kMaxDatasetBytes) return error(name, "dataset declares an absurd size");
    // Unfiltered storage must hold every declared element: a lying header is caught here.
    Handle dcpl(H5Dget_create_plist(ds.id()), Handle::Kind::Plist);
    bool filtered = dcpl.valid() && H5Pget_nfilters(dcpl.id()) > 0;
    hsize_t stored = H5Dget_storage_size(ds.id());
    if (!filtered && count > 0 && stored < count * elem)
        return error(name, "dataset declares " + std::to_string(count * elem) + " bytes but stores " +
                               std::to_string(stored));
    ir::Tensor t(ir::DType::Float32, ir::Shape(shape));
    if (count > 0 && H5Dread(ds.id(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, t.raw()) < 0)
        return error(name, "dataset cannot be read (truncated or damaged data)");
    return t;
}

}  // namespace wb::formats::h5
