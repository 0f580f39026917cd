// SPDX-License-Identifier: Apache-2.0
// Resources that a string-scalar handle names (TensorArrayV3's arrays, VarHandleOp's
// variables): a process-wide table from id to object. The kernel that creates an object adds
// it and removes it when it is done with it; the kernels that receive the handle look it up.
#pragma once
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "ir/tensor.h"

namespace wb::runtime {

template <class T>
class HandleTable {
public:
    // Adds `value` under a fresh id "prefix:N" (":suffix" appended when given) and returns it.
    std::string add(std::shared_ptr<T> value, const std::string& prefix, const std::string& suffix = {}) {
        std::string id = prefix + ":" + std::to_string(++counter_) + (suffix.empty() ? "" : ":" + suffix);
        std::lock_guard lock(mutex_);
        objects_[id] = std::move(value);
        return id;
    }
    void remove(const std::string& id) {
        std::lock_guard lock(mutex_);
        objects_.erase(id);
    }
    // The object the handle's first string names, or nullptr (not a handle, or gone).
    std::shared_ptr<T> find(const ir::Tensor& handle) const {
        if (handle.dtype() != ir::DType::String || handle.strings().empty()) return nullptr;
        std::lock_guard lock(mutex_);
        auto it = objects_.find(handle.strings()[0]);
        return it == objects_.end() ? nullptr : it->second;
    }

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<T>> objects_;
    std::atomic<uint64_t> counter_{0};
};

}  // namespace wb::runtime
