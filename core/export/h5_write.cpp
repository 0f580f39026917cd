// SPDX-License-Identifier: Apache-2.0
#include "export/h5_write.h"

#include <hdf5.h>

#include <algorithm>
#include <cstring>
#include <mutex>

namespace wb::exporter::h5w {
namespace {

// HDF5 prints its error stack to stderr by default; we report through wb::Error instead.
void quiet_hdf5() {
    static std::once_flag once;
    std::call_once(once, [] { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); });
}

// Small RAII for the transient ids (types, spaces, property lists, attributes).
struct Id {
    hid_t id;
    herr_t (*close)(hid_t);
    ~Id() {
        if (id >= 0) close(id);
    }
};

std::string join(const std::string& where, const std::string& name) {
    return where.empty() || where == "/" ? "/" + name : where + "/" + name;
}

}  // namespace

Object::~Object() {
    if (id_ < 0) return;
    switch (kind_) {
        case Kind::File: H5Fclose(id_); break;
        case Kind::Group: H5Gclose(id_); break;
        case Kind::Dataset: H5Dclose(id_); break;
    }
}

Error Writer::error(const std::string& where, const std::string& message) const {
    return Error{path_, where, message};
}

Expected<Writer> Writer::create(const std::string& path) {
    quiet_hdf5();
    // h5py's defaults: earliest file format, no link creation order (groups iterate by name).
    hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (f < 0) return Error{path, "", "cannot create the HDF5 file"};
    return Writer(f, path);
}

Status Writer::close() {
    if (file_.id() >= 0 && H5Fflush(file_.id(), H5F_SCOPE_GLOBAL) < 0) return error("", "cannot flush the HDF5 file");
    // H5Fclose with the default (weak) close degree succeeds even while ids are open; they are
    // all scoped inside the writer's callers, so this is the last reference.
    if (file_.id() >= 0 && H5Fclose(file_.release()) < 0) return error("", "cannot close the HDF5 file");
    return Ok{};
}

Expected<Object> Writer::create_group(const Object& parent, const std::string& parent_path, const std::string& name) {
    hid_t g = H5Gcreate2(parent.id(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (g < 0) return error(join(parent_path, name), "cannot create the group");
    return Object(g, Object::Kind::Group);
}

Status Writer::attr_string(const Object& on, const std::string& where, const std::string& name, const std::string& value) {
    Id type{H5Tcopy(H5T_C_S1), H5Tclose};
    Id space{H5Screate(H5S_SCALAR), H5Sclose};
    if (type.id < 0 || space.id < 0 || H5Tset_size(type.id, H5T_VARIABLE) < 0 ||
        H5Tset_cset(type.id, H5T_CSET_ASCII) < 0 || H5Tset_strpad(type.id, H5T_STR_NULLTERM) < 0)
        return error(where, "cannot build the string type of attribute '" + name + "'");
    Id attr{H5Acreate2(on.id(), name.c_str(), type.id, space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
    const char* text = value.c_str();
    if (attr.id < 0 || H5Awrite(attr.id, type.id, &text) < 0) return error(where, "cannot write attribute '" + name + "'");
    return Ok{};
}

Status Writer::attr_string_list(const Object& on, const std::string& where, const std::string& name,
                                const std::vector<std::string>& values, std::size_t width) {
    const hsize_t n = values.size();
    if (values.empty()) {
        Id space{H5Screate_simple(1, &n, nullptr), H5Sclose};
        Id attr{H5Acreate2(on.id(), name.c_str(), H5T_IEEE_F64LE, space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
        if (attr.id < 0) return error(where, "cannot write attribute '" + name + "'");
        return Ok{};
    }
    for (const auto& v : values) width = std::max(width, v.size());
    width = std::max<std::size_t>(width, 1);
    std::vector<char> packed(width * values.size(), '\0');
    for (std::size_t i = 0; i < values.size(); ++i) std::memcpy(packed.data() + i * width, values[i].data(), values[i].size());
    Id type{H5Tcopy(H5T_C_S1), H5Tclose};
    Id space{H5Screate_simple(1, &n, nullptr), H5Sclose};
    if (type.id < 0 || space.id < 0 || H5Tset_size(type.id, width) < 0 || H5Tset_cset(type.id, H5T_CSET_ASCII) < 0 ||
        H5Tset_strpad(type.id, H5T_STR_NULLPAD) < 0)
        return error(where, "cannot build the string type of attribute '" + name + "'");
    Id attr{H5Acreate2(on.id(), name.c_str(), type.id, space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
    if (attr.id < 0 || H5Awrite(attr.id, type.id, packed.data()) < 0)
        return error(where, "cannot write attribute '" + name + "' (" + std::to_string(packed.size()) + " bytes)");
    return Ok{};
}

Status Writer::dataset(const Object& group, const std::string& where, const std::string& name, const ir::Tensor& value) {
    const std::string item = "dataset '" + join(where, name) + "'";
    ir::Tensor stored = value;
    if (value.dtype() != ir::DType::Float32 && value.dtype() != ir::DType::Int32) {
        if (!ir::is_floating(value.dtype()) && !ir::is_integer(value.dtype()))
            return error(item, "cannot store a " + std::string(ir::dtype_name(value.dtype())) + " weight");
        stored = ir::Tensor(ir::DType::Float32, value.shape());
        for (int64_t i = 0; i < value.num_elements(); ++i) stored.data<float>()[i] = float(value.value_as_double(i));
    }
    const bool is_int = stored.dtype() == ir::DType::Int32;
    std::vector<hsize_t> dims(stored.shape().dims.begin(), stored.shape().dims.end());
    Id space{dims.empty() ? H5Screate(H5S_SCALAR) : H5Screate_simple(int(dims.size()), dims.data(), nullptr), H5Sclose};
    // Weight names hold '/' ("dense/kernel:0"): h5py creates the intermediate groups.
    Id lcpl{H5Pcreate(H5P_LINK_CREATE), H5Pclose};
    if (space.id < 0 || lcpl.id < 0 || H5Pset_create_intermediate_group(lcpl.id, 1) < 0)
        return error(item, "cannot prepare the dataset");
    Id ds{H5Dcreate2(group.id(), name.c_str(), is_int ? H5T_STD_I32LE : H5T_IEEE_F32LE, space.id, lcpl.id, H5P_DEFAULT,
                     H5P_DEFAULT),
          H5Dclose};
    if (ds.id < 0) return error(item, "cannot create the dataset (a name used twice?)");
    if (stored.num_elements() > 0 &&
        H5Dwrite(ds.id, is_int ? H5T_NATIVE_INT32 : H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, stored.raw()) < 0)
        return error(item, "cannot write the dataset (disk full?)");
    return Ok{};
}

}  // namespace wb::exporter::h5w
