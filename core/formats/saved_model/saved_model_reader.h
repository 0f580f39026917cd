// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "formats/registry.h"

namespace wb::formats {

// What to take out of a SavedModel folder.
struct SavedModelRequest {
    std::filesystem::path dir;       // folder holding saved_model.pb and variables/
    std::string tags = "serve";      // comma-separated; "" = the empty tag set
    std::string signature;           // "" = default_signature
    std::string default_signature = "serving_default";
    bool keys_are_tensor_names = false;  // TF-Hub v1 (spec §2.5): signature keys = tensor names
    std::string reader_name = "tf_saved_model";
    bool lower_control_flow = true;      // While/If → TF1 control flow unless --control_flow_v2
};

// Loads one signature of a SavedModel as a frozen inference graph: picks the MetaGraph by tag
// set and the SignatureDef by key, prunes to the signature outputs, inlines function calls,
// freezes variables from the checkpoint into Consts. Unknown tag sets or signatures are errors
// listing the ones that exist.
Expected<ir::Model> load_saved_model(const SavedModelRequest& request, const Progress& progress);

// The folder a path names: the path itself, or the folder of a saved_model.pb file.
std::filesystem::path saved_model_dir(const std::filesystem::path& path);

// Reader "tf_saved_model".
std::unique_ptr<Reader> make_saved_model_reader();

}  // namespace wb::formats
