// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wb::ir {

// A TensorFlow shape: dims of -1 are unknown; unknown_rank means even the rank is unknown.
struct Shape {
    std::vector<int64_t> dims;
    bool unknown_rank = false;

    Shape() = default;
    Shape(std::initializer_list<int64_t> d) : dims(d) {}
    explicit Shape(std::vector<int64_t> d) : dims(std::move(d)) {}
    static Shape unknown() { Shape s; s.unknown_rank = true; return s; }

    int rank() const { return static_cast<int>(dims.size()); }
    bool fully_defined() const;
    // Product of dims; nullopt when not fully defined or when it overflows int64.
    std::optional<int64_t> num_elements() const;
    // "[1,224,224,3]", "[?,10]", "<unknown>"
    std::string to_string() const;
    bool operator==(const Shape&) const = default;
};

}  // namespace wb::ir
