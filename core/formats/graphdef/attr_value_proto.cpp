// SPDX-License-Identifier: Apache-2.0
#include "formats/graphdef/attr_value_proto.h"

#include "formats/graphdef/tensor_proto.h"

namespace wb::formats {

namespace {

Expected<ir::NameAttrList> func_from_proto(const tensorflow::NameAttrList& proto, const std::string& item) {
    ir::NameAttrList func;
    func.name = proto.name();
    if (auto st = attrs_from_proto(proto.attr(), *func.attrs, item + " func '" + proto.name() + "'"); !st)
        return st.error();
    return func;
}

void func_to_proto(const ir::NameAttrList& func, tensorflow::NameAttrList* proto) {
    proto->set_name(func.name);
    if (func.attrs) attrs_to_proto(*func.attrs, proto->mutable_attr());
}

Expected<ir::AttrList> list_from_proto(const tensorflow::AttrValue::ListValue& p, const std::string& item) {
    ir::AttrList list;
    list.s.assign(p.s().begin(), p.s().end());
    list.i.assign(p.i().begin(), p.i().end());
    list.f.assign(p.f().begin(), p.f().end());
    list.b.assign(p.b().begin(), p.b().end());
    for (int t : p.type()) {
        auto dtype = dtype_from_proto(t);
        if (!dtype) return Error{{}, item, "list holds unknown dtype " + std::to_string(t)};
        list.type.push_back(*dtype);
    }
    for (const auto& s : p.shape()) list.shape.push_back(shape_from_proto(s));
    for (int k = 0; k < p.tensor_size(); ++k) {
        auto t = tensor_from_proto(p.tensor(k), item + " tensor " + std::to_string(k));
        if (!t) return t.error();
        list.tensor.push_back(std::move(*t));
    }
    for (const auto& f : p.func()) {
        auto func = func_from_proto(f, item);
        if (!func) return func.error();
        list.func.push_back(std::move(*func));
    }
    return list;
}

void list_to_proto(const ir::AttrList& list, tensorflow::AttrValue::ListValue* p) {
    for (const auto& s : list.s) p->add_s(s);
    for (int64_t i : list.i) p->add_i(i);
    for (float f : list.f) p->add_f(f);
    for (bool b : list.b) p->add_b(b);
    for (auto t : list.type) p->add_type(static_cast<tensorflow::DataType>(t));
    for (const auto& s : list.shape) shape_to_proto(s, p->add_shape());
    for (const auto& t : list.tensor) tensor_to_proto(t, p->add_tensor());
    for (const auto& f : list.func) func_to_proto(f, p->add_func());
}

}  // namespace

std::optional<ir::DType> dtype_from_proto(int value) {
    return ir::dtype_from_tf_enum(value);
}

Expected<ir::AttrValue> attr_from_proto(const tensorflow::AttrValue& proto, const std::string& item) {
    using P = tensorflow::AttrValue;
    switch (proto.value_case()) {
    case P::kS: return ir::AttrValue(proto.s());
    case P::kI: return ir::AttrValue(static_cast<int64_t>(proto.i()));
    case P::kF: return ir::AttrValue(proto.f());
    case P::kB: return ir::AttrValue(proto.b());
    case P::kType: {
        auto dtype = dtype_from_proto(proto.type());
        if (!dtype) return Error{{}, item, "unknown dtype " + std::to_string(proto.type())};
        return ir::AttrValue(*dtype);
    }
    case P::kShape: return ir::AttrValue(shape_from_proto(proto.shape()));
    case P::kTensor: {
        auto t = tensor_from_proto(proto.tensor(), item);
        if (!t) return t.error();
        return ir::AttrValue(std::move(*t));
    }
    case P::kList: {
        auto list = list_from_proto(proto.list(), item);
        if (!list) return list.error();
        return ir::AttrValue(std::move(*list));
    }
    case P::kFunc: {
        auto func = func_from_proto(proto.func(), item);
        if (!func) return func.error();
        return ir::AttrValue(std::move(*func));
    }
    case P::kPlaceholder: return ir::AttrValue(ir::AttrPlaceholder{proto.placeholder()});
    case P::VALUE_NOT_SET: break;
    }
    return ir::AttrValue{};
}

void attr_to_proto(const ir::AttrValue& value, tensorflow::AttrValue* proto) {
    proto->Clear();
    std::visit(
        [proto](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>) proto->set_s(v);
            else if constexpr (std::is_same_v<T, int64_t>) proto->set_i(v);
            else if constexpr (std::is_same_v<T, float>) proto->set_f(v);
            else if constexpr (std::is_same_v<T, bool>) proto->set_b(v);
            else if constexpr (std::is_same_v<T, ir::DType>) proto->set_type(static_cast<tensorflow::DataType>(v));
            else if constexpr (std::is_same_v<T, ir::Shape>) shape_to_proto(v, proto->mutable_shape());
            else if constexpr (std::is_same_v<T, ir::Tensor>) tensor_to_proto(v, proto->mutable_tensor());
            else if constexpr (std::is_same_v<T, ir::AttrList>) list_to_proto(v, proto->mutable_list());
            else if constexpr (std::is_same_v<T, ir::NameAttrList>) func_to_proto(v, proto->mutable_func());
            else if constexpr (std::is_same_v<T, ir::AttrPlaceholder>) proto->set_placeholder(v.name);
        },
        value.value);
}

}  // namespace wb::formats
