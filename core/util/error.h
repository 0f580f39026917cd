// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace wb {

// A failure that names where it happened: the file, the item inside it (node, layer, weight,
// byte offset) and what was expected. Every reader, pass and exporter reports through this.
struct Error {
    std::string file;     // path of the offending file, may be empty for in-memory work
    std::string item;     // e.g. "node 'conv1'", "weight 'dense/kernel'", "byte 1234"
    std::string message;  // what went wrong, in words a user understands

    // "file: item: message", skipping empty parts.
    std::string what() const;
};

// A value or an Error; the C++20 stand-in for std::expected.
template <class T>
class Expected {
public:
    Expected(T value) : state_(std::move(value)) {}
    Expected(Error error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    const Error& error() const { return std::get<1>(state_); }

private:
    std::variant<T, Error> state_;
};

// For operations that return nothing but may fail.
struct Ok {};
using Status = Expected<Ok>;

}  // namespace wb
