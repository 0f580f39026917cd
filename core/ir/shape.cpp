// SPDX-License-Identifier: Apache-2.0
#include "ir/shape.h"

#include <limits>

namespace wb::ir {

bool Shape::fully_defined() const {
    if (unknown_rank) return false;
    for (int64_t d : dims)
        if (d < 0) return false;
    return true;
}

std::optional<int64_t> Shape::num_elements() const {
    if (!fully_defined()) return std::nullopt;
    int64_t n = 1;
    for (int64_t d : dims) {
        if (d != 0 && n > std::numeric_limits<int64_t>::max() / d) return std::nullopt;
        n *= d;
    }
    return n;
}

std::string Shape::to_string() const {
    if (unknown_rank) return "<unknown>";
    std::string s = "[";
    for (size_t i = 0; i < dims.size(); ++i) {
        if (i) s += ",";
        s += dims[i] < 0 ? "?" : std::to_string(dims[i]);
    }
    return s + "]";
}

}  // namespace wb::ir
