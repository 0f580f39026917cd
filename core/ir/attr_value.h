// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "ir/dtype.h"
#include "ir/shape.h"
#include "ir/tensor.h"

namespace wb::ir {

struct AttrValue;
using AttrMap = std::map<std::string, AttrValue>;

// A function reference with its own attributes (TensorFlow's NameAttrList).
struct NameAttrList {
    std::string name;
    std::shared_ptr<AttrMap> attrs = std::make_shared<AttrMap>();
};

// TensorFlow's AttrValue.ListValue: at most one of the vectors is in use.
struct AttrList {
    std::vector<std::string> s;
    std::vector<int64_t> i;
    std::vector<float> f;
    std::vector<bool> b;
    std::vector<DType> type;
    std::vector<Shape> shape;
    std::vector<Tensor> tensor;
    std::vector<NameAttrList> func;
};

// A placeholder reference inside a function body ("$T").
struct AttrPlaceholder {
    std::string name;
};

// An attribute exactly as TensorFlow stores it; `s` holds raw bytes (e.g. "SAME", "NHWC").
struct AttrValue {
    using Value = std::variant<std::monostate, std::string, int64_t, float, bool, DType, Shape, Tensor,
                               AttrList, NameAttrList, AttrPlaceholder>;
    Value value;

    AttrValue() = default;
    template <class T>
        requires(!std::is_same_v<std::decay_t<T>, AttrValue> && std::is_constructible_v<Value, T>)
    AttrValue(T v) : value(std::move(v)) {}
    AttrValue(const char* s) : value(std::string(s)) {}
    AttrValue(int v) : value(static_cast<int64_t>(v)) {}

    template <class T> bool is() const { return std::holds_alternative<T>(value); }
    template <class T> const T* get_if() const { return std::get_if<T>(&value); }
    template <class T> T* get_if() { return std::get_if<T>(&value); }
    // Human-readable rendering for the property panel and `inspect`.
    std::string to_string() const;
};

// Typed lookups with a fallback, for kernels and passes.
std::string attr_string(const AttrMap& attrs, const std::string& key, const std::string& fallback = {});
int64_t attr_int(const AttrMap& attrs, const std::string& key, int64_t fallback = 0);
float attr_float(const AttrMap& attrs, const std::string& key, float fallback = 0.f);
bool attr_bool(const AttrMap& attrs, const std::string& key, bool fallback = false);
DType attr_type(const AttrMap& attrs, const std::string& key, DType fallback = DType::Invalid);
std::vector<int64_t> attr_ints(const AttrMap& attrs, const std::string& key);
std::vector<std::string> attr_strings(const AttrMap& attrs, const std::string& key);
const Tensor* attr_tensor(const AttrMap& attrs, const std::string& key);
const Shape* attr_shape(const AttrMap& attrs, const std::string& key);

}  // namespace wb::ir
