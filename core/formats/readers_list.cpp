// SPDX-License-Identifier: Apache-2.0
// The one list of readers (STYLE: one reader per format, registered in one list).
#include "formats/registry.h"

namespace wb::formats {

std::vector<std::unique_ptr<Reader>> make_readers() {
    std::vector<std::unique_ptr<Reader>> list;
    return list;
}

}  // namespace wb::formats
