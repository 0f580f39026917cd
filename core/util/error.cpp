// SPDX-License-Identifier: Apache-2.0
#include "util/error.h"

namespace wb {

std::string Error::what() const {
    std::string out;
    for (const std::string* part : {&file, &item}) {
        if (part->empty()) continue;
        out += *part;
        out += ": ";
    }
    out += message;
    return out;
}

}  // namespace wb
