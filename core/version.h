// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

namespace wb {

// "0.1.0"
std::string version();
// "tfjs-workbench v0.1.0", written as convertedBy into exported model.json files.
std::string converted_by();

}  // namespace wb
