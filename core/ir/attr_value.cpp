// SPDX-License-Identifier: Apache-2.0
#include "ir/attr_value.h"

#include <sstream>

namespace wb::ir {
namespace {

template <class T, class F>
std::string join(const std::vector<T>& v, F&& f) {
    std::string out = "[";
    for (std::size_t k = 0; k < v.size(); ++k) {
        if (k) out += ", ";
        out += f(v[k]);
    }
    return out + "]";
}

std::string tensor_summary(const Tensor& t) {
    std::string out = std::string(dtype_name(t.dtype())) + t.shape().to_string();
    if (t.num_elements() > 0 && t.num_elements() <= 8 && t.dtype() != DType::String) {
        out += " = {";
        for (int64_t k = 0; k < t.num_elements(); ++k) {
            if (k) out += ", ";
            std::ostringstream s;
            s << t.value_as_double(k);
            out += s.str();
        }
        out += "}";
    }
    return out;
}

std::string float_text(float f) {
    std::ostringstream s;
    s << f;
    return s.str();
}

}  // namespace

std::string AttrValue::to_string() const {
    struct Visitor {
        std::string operator()(std::monostate) const { return "<empty>"; }
        std::string operator()(const std::string& s) const { return "\"" + s + "\""; }
        std::string operator()(int64_t i) const { return std::to_string(i); }
        std::string operator()(float f) const { return float_text(f); }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(DType t) const { return std::string(dtype_name(t)); }
        std::string operator()(const Shape& s) const { return s.to_string(); }
        std::string operator()(const Tensor& t) const { return tensor_summary(t); }
        std::string operator()(const NameAttrList& f) const { return "func " + f.name; }
        std::string operator()(const AttrPlaceholder& p) const { return "$" + p.name; }
        std::string operator()(const AttrList& l) const {
            if (!l.s.empty()) return join(l.s, [](const std::string& s) { return "\"" + s + "\""; });
            if (!l.i.empty()) return join(l.i, [](int64_t i) { return std::to_string(i); });
            if (!l.f.empty()) return join(l.f, float_text);
            if (!l.b.empty()) return join(l.b, [](bool b) { return std::string(b ? "true" : "false"); });
            if (!l.type.empty()) return join(l.type, [](DType t) { return std::string(dtype_name(t)); });
            if (!l.shape.empty()) return join(l.shape, [](const Shape& s) { return s.to_string(); });
            if (!l.tensor.empty()) return join(l.tensor, tensor_summary);
            if (!l.func.empty()) return join(l.func, [](const NameAttrList& f) { return f.name; });
            return "[]";
        }
    };
    return std::visit(Visitor{}, value);
}

std::string attr_string(const AttrMap& attrs, const std::string& key, const std::string& fallback) {
    auto it = attrs.find(key);
    if (it == attrs.end()) return fallback;
    const auto* s = it->second.get_if<std::string>();
    return s ? *s : fallback;
}

int64_t attr_int(const AttrMap& attrs, const std::string& key, int64_t fallback) {
    auto it = attrs.find(key);
    if (it == attrs.end()) return fallback;
    const auto* v = it->second.get_if<int64_t>();
    return v ? *v : fallback;
}

float attr_float(const AttrMap& attrs, const std::string& key, float fallback) {
    auto it = attrs.find(key);
    if (it == attrs.end()) return fallback;
    const auto* v = it->second.get_if<float>();
    return v ? *v : fallback;
}

bool attr_bool(const AttrMap& attrs, const std::string& key, bool fallback) {
    auto it = attrs.find(key);
    if (it == attrs.end()) return fallback;
    const auto* v = it->second.get_if<bool>();
    return v ? *v : fallback;
}

DType attr_type(const AttrMap& attrs, const std::string& key, DType fallback) {
    auto it = attrs.find(key);
    if (it == attrs.end()) return fallback;
    const auto* v = it->second.get_if<DType>();
    return v ? *v : fallback;
}

std::vector<int64_t> attr_ints(const AttrMap& attrs, const std::string& key) {
    auto it = attrs.find(key);
    if (it == attrs.end()) return {};
    const auto* l = it->second.get_if<AttrList>();
    return l ? l->i : std::vector<int64_t>{};
}

std::vector<std::string> attr_strings(const AttrMap& attrs, const std::string& key) {
    auto it = attrs.find(key);
    if (it == attrs.end()) return {};
    const auto* l = it->second.get_if<AttrList>();
    return l ? l->s : std::vector<std::string>{};
}

const Tensor* attr_tensor(const AttrMap& attrs, const std::string& key) {
    auto it = attrs.find(key);
    return it == attrs.end() ? nullptr : it->second.get_if<Tensor>();
}

const Shape* attr_shape(const AttrMap& attrs, const std::string& key) {
    auto it = attrs.find(key);
    return it == attrs.end() ? nullptr : it->second.get_if<Shape>();
}

}  // namespace wb::ir
