// SPDX-License-Identifier: Apache-2.0
#include "passes/op_traits.h"

#include <array>
#include <cstring>

namespace wb::passes {

bool is_stateful(std::string_view op) {
    static constexpr std::array<std::string_view, 22> kMarks = {
        "Random", "Variable", "Placeholder", "Assign", "Queue", "Stack", "TensorArray", "Iterator",
        "Save", "Restore", "Print", "Assert", "HashTable", "Lookup", "Multinomial", "Shuffle",
        "TruncatedNormal", "Stateful", "Stateless", "Summary", "ReadFile", "WriteFile"};
    for (auto mark : kMarks)
        if (op.find(mark) != std::string_view::npos) return true;
    return op == "NoOp" || op == "ResourceGather" || op == "VarHandleOp" || op == "ReadVariableOp" ||
           op == "PartitionedCall" || op == "StatefulPartitionedCall" || op == "If" || op == "While" ||
           op == "StatelessIf" || op == "StatelessWhile" || op == "Timestamp" || op == "UniqueV2" ||
           op == "_Arg" || op == "_Retval" || op == "CheckNumerics";
}

bool is_control_flow(std::string_view op) {
    return op == "Switch" || op == "RefSwitch" || op == "_SwitchN" || op == "Merge" || op == "RefMerge" ||
           op == "Enter" || op == "RefEnter" || op == "Exit" || op == "RefExit" || op == "NextIteration" ||
           op == "RefNextIteration" || op == "LoopCond" || op == "ControlTrigger";
}

const ir::Tensor* const_value(const ir::Node& node) {
    if (!node.is_const()) return nullptr;
    const ir::Tensor* t = ir::attr_tensor(node.attrs, "value");
    return t && t->valid() ? t : nullptr;
}

ir::Node make_const(const std::string& name, const ir::Tensor& value, const std::string& device) {
    ir::Node n;
    n.name = name;
    n.op = "Const";
    n.device = device;
    n.attrs["dtype"] = value.dtype();
    n.attrs["value"] = value;
    return n;
}

bool all_elements_equal(const ir::Tensor& t, double v) {
    if (!t.valid() || t.dtype() == ir::DType::String || ir::dtype_size(t.dtype()) == 0) return false;
    if (t.dtype() == ir::DType::Complex64 || t.dtype() == ir::DType::Complex128) return false;
    for (int64_t i = 0; i < t.num_elements(); ++i)
        if (t.value_as_double(i) != v) return false;
    return t.num_elements() > 0;
}

std::optional<ir::Shape> known_shape(const ir::Node& node, int k) {
    if (const ir::Tensor* t = const_value(node)) return k == 0 ? std::optional(t->shape()) : std::nullopt;
    if (node.op == "Placeholder" && k == 0) {
        const ir::Shape* s = ir::attr_shape(node.attrs, "shape");
        if (s && s->fully_defined()) return *s;
    }
    auto it = node.attrs.find("_output_shapes");
    if (it != node.attrs.end()) {
        if (const auto* list = it->second.get_if<ir::AttrList>())
            if (k < static_cast<int>(list->shape.size()) && list->shape[k].fully_defined()) return list->shape[k];
    }
    return std::nullopt;
}

namespace {

void fingerprint_tensor(const ir::Tensor& t, std::string& out) {
    out += std::to_string(static_cast<int>(t.dtype())) + t.shape().to_string();
    if (t.dtype() == ir::DType::String) {
        for (const auto& s : t.strings()) out += std::to_string(s.size()) + ":" + s;
    } else {
        auto bytes = t.bytes();
        out.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    }
}

}  // namespace

std::string attrs_fingerprint(const ir::AttrMap& attrs) {
    std::string out;
    for (const auto& [key, value] : attrs) {
        if (key == "_output_shapes") continue;  // shape hints, not semantics
        out += key;
        out += '=';
        if (const auto* t = value.get_if<ir::Tensor>()) fingerprint_tensor(*t, out);
        else if (const auto* l = value.get_if<ir::AttrList>(); l && !l->tensor.empty())
            for (const auto& t : l->tensor) fingerprint_tensor(t, out);
        else out += value.to_string();
        out += ';';
    }
    return out;
}

}  // namespace wb::passes
