// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

#include "core/proto/attr_value.pb.h"
#include "ir/attr_value.h"
#include "util/error.h"

namespace wb::formats {

// tensorflow::AttrValue ⇄ ir::AttrValue for every kind (s, i, f, b, type, shape, tensor, list,
// func, placeholder, unset). Reference dtypes (DT_FLOAT_REF...) fold to their base type.
// `item` names the attribute in errors, e.g. "node 'conv1' attr 'value'".
Expected<ir::AttrValue> attr_from_proto(const tensorflow::AttrValue& proto, const std::string& item);
void attr_to_proto(const ir::AttrValue& value, tensorflow::AttrValue* proto);

// map<string, AttrValue> ⇄ ir::AttrMap; `owner` prefixes the item ("node 'x'").
template <class ProtoMap>
Status attrs_from_proto(const ProtoMap& proto, ir::AttrMap& out, const std::string& owner) {
    for (const auto& [key, value] : proto) {
        auto attr = attr_from_proto(value, owner + " attr '" + key + "'");
        if (!attr) return attr.error();
        out.emplace(key, std::move(*attr));
    }
    return Ok{};
}
template <class ProtoMap>
void attrs_to_proto(const ir::AttrMap& attrs, ProtoMap* proto) {
    for (const auto& [key, value] : attrs) attr_to_proto(value, &(*proto)[key]);
}

// DataType enum number → ir::DType with _REF folded; nullopt for types the IR lacks.
std::optional<ir::DType> dtype_from_proto(int value);

}  // namespace wb::formats
