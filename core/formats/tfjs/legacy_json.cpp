// SPDX-License-Identifier: Apache-2.0
// tfjs-converter 0.x wrote GraphDef bytes fields as arrays of char codes ("s": [78, 72, 87, 67]
// for "NHWC") instead of protobuf JSON's base64; the tfjs runtime accepts both (its op mapper
// decodes either form), so we rewrite the old form to base64 before protobuf parses it.
#include "formats/tfjs/tfjs_readers.h"

namespace wb::formats::tfjs {

namespace {

std::string base64(const std::vector<uint8_t>& bytes) {
    static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        uint32_t v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
        for (int k = 18; k >= 0; k -= 6) out += table[(v >> k) & 63];
    }
    if (i + 1 == bytes.size()) {
        uint32_t v = bytes[i] << 16;
        out += table[(v >> 18) & 63];
        out += table[(v >> 12) & 63];
        out += "==";
    } else if (i + 2 == bytes.size()) {
        uint32_t v = (bytes[i] << 16) | (bytes[i + 1] << 8);
        out += table[(v >> 18) & 63];
        out += table[(v >> 12) & 63];
        out += table[(v >> 6) & 63];
        out += '=';
    }
    return out;
}

bool is_char_codes(const nlohmann::ordered_json& v) {
    if (!v.is_array()) return false;
    for (const auto& c : v)
        if (!c.is_number_integer() || c.get<int64_t>() < 0 || c.get<int64_t>() > 255) return false;
    return true;
}

std::string codes_to_base64(const nlohmann::ordered_json& v) {
    std::vector<uint8_t> bytes;
    for (const auto& c : v) bytes.push_back(static_cast<uint8_t>(c.get<int>()));
    return base64(bytes);
}

}  // namespace

void rewrite_legacy_bytes(nlohmann::ordered_json& value) {
    if (value.is_array()) {
        for (auto& v : value) rewrite_legacy_bytes(v);
        return;
    }
    if (!value.is_object()) return;
    for (auto& [key, v] : value.items()) {
        if (key == "s" && is_char_codes(v) && !v.empty()) {
            v = codes_to_base64(v);  // AttrValue.s
        } else if (key == "s" && v.is_array()) {
            for (auto& item : v)  // ListValue.s: a list of byte strings
                if (is_char_codes(item)) item = codes_to_base64(item);
        } else {
            rewrite_legacy_bytes(v);
        }
    }
}

}  // namespace wb::formats::tfjs
