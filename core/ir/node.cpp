// SPDX-License-Identifier: Apache-2.0
#include "ir/node.h"

#include <charconv>

namespace wb::ir {

InputRef parse_input(std::string_view input) {
    InputRef ref;
    if (!input.empty() && input.front() == '^') {
        ref.control = true;
        ref.node = std::string(input.substr(1));
        return ref;
    }
    // The index is the text after the last ':' when it is all digits.
    auto colon = input.rfind(':');
    if (colon != std::string_view::npos) {
        std::string_view tail = input.substr(colon + 1);
        int value = 0;
        auto [ptr, ec] = std::from_chars(tail.data(), tail.data() + tail.size(), value);
        if (!tail.empty() && ec == std::errc() && ptr == tail.data() + tail.size()) {
            ref.index = value;
            std::string_view head = input.substr(0, colon);
            auto second = head.rfind(':');
            if (second != std::string_view::npos) {  // function body form node:out_arg:index
                ref.port = std::string(head.substr(second + 1));
                head = head.substr(0, second);
            }
            ref.node = std::string(head);
            return ref;
        }
    }
    ref.node = std::string(input);
    return ref;
}

std::string format_input(const InputRef& ref) {
    if (ref.control) return "^" + ref.node;
    std::string out = ref.node;
    if (!ref.port.empty()) return out + ":" + ref.port + ":" + std::to_string(ref.index);
    if (ref.index != 0) out += ":" + std::to_string(ref.index);
    return out;
}

std::string tensor_name(std::string_view node, int index) {
    return std::string(node) + ":" + std::to_string(index);
}

std::vector<InputRef> Node::data_inputs() const {
    std::vector<InputRef> out;
    out.reserve(inputs.size());
    for (const auto& in : inputs) {
        if (!in.empty() && in.front() == '^') continue;
        out.push_back(parse_input(in));
    }
    return out;
}

std::vector<std::string> Node::control_inputs() const {
    std::vector<std::string> out;
    for (const auto& in : inputs)
        if (!in.empty() && in.front() == '^') out.push_back(in.substr(1));
    return out;
}

}  // namespace wb::ir
