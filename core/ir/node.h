// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "ir/attr_value.h"

namespace wb::ir {

// One input of a node as TensorFlow writes it: "name", "name:1" or "^name" (control edge).
// Function bodies also use "name:out_arg:index"; `port` then holds the middle part.
struct InputRef {
    std::string node;
    int index = 0;
    bool control = false;
    std::string port;  // output arg name inside FunctionDef bodies, else empty
};

InputRef parse_input(std::string_view input);
// "node" for index 0, "node:k" otherwise, "^node" for control edges.
std::string format_input(const InputRef& ref);
// "node:0" style tensor name, always with the index (signatures, run fetches).
std::string tensor_name(std::string_view node, int index);

// A TensorFlow NodeDef in our IR: op name and attrs exactly as read.
struct Node {
    std::string name;
    std::string op;
    std::vector<std::string> inputs;  // TensorFlow form, control inputs ("^x") last
    std::string device;
    AttrMap attrs;
    std::vector<std::string> original_node_names;  // experimental_debug_info, kept for provenance

    bool is_const() const { return op == "Const"; }
    // Data inputs only (control edges skipped), parsed.
    std::vector<InputRef> data_inputs() const;
    std::vector<std::string> control_inputs() const;
};

}  // namespace wb::ir
