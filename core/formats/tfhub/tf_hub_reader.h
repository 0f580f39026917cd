// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>

#include "formats/registry.h"

namespace wb::formats {

// Reader "tf_hub": a local TF-Hub module folder. TF1 modules (tfhub_module.pb beside
// saved_model.pb) load with the empty tag set and signature "default"; anything else is read as a
// TF2 SavedModel with the --saved_model_tags / --signature_name defaults. No network access.
std::unique_ptr<Reader> make_tf_hub_reader();

}  // namespace wb::formats
