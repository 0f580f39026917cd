// SPDX-License-Identifier: Apache-2.0
#include "version.h"

namespace wb {

std::string version() { return WB_VERSION; }
std::string converted_by() { return std::string("tfjs-workbench v") + WB_VERSION; }

}  // namespace wb
