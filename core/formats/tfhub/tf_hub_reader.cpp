// SPDX-License-Identifier: Apache-2.0
#include "formats/tfhub/tf_hub_reader.h"

#include "core/proto/module_def.pb.h"
#include "formats/file_util.h"
#include "formats/saved_model/saved_model_reader.h"

namespace wb::formats {
namespace {

// Spec §6.1: hub.resolve() then "TF1 module if tfhub_module.pb exists, else a TF2 SavedModel".
class TfHubReader : public Reader {
public:
    std::string_view name() const override { return "tf_hub"; }
    std::string_view description() const override { return "TensorFlow Hub module (local folder)"; }
    std::vector<std::string> patterns() const override { return {"tfhub_module.pb"}; }
    double probe(const std::filesystem::path& path) const override {
        std::error_code ec;
        auto dir = path;
        if (std::filesystem::is_regular_file(path, ec)) dir = path.parent_path();
        return std::filesystem::is_regular_file(dir / "tfhub_module.pb", ec) ? 0.95 : 0.0;
    }
    Expected<ir::Model> read(const std::filesystem::path& path, const ReadOptions& options,
                             const Progress& progress) const override {
        std::error_code ec;
        auto dir = path;
        if (std::filesystem::is_regular_file(path, ec)) dir = path.parent_path();
        if (path.string().starts_with("http://") || path.string().starts_with("https://"))
            return Error{path.string(), {}, "TF-Hub URLs are not fetched; download the module and pass its folder"};
        SavedModelRequest request;
        request.dir = dir;
        request.reader_name = "tf_hub";
        request.signature = options.signature_name;
        request.lower_control_flow = !options.control_flow_v2;
        const auto module_pb = dir / "tfhub_module.pb";
        if (std::filesystem::is_regular_file(module_pb, ec)) {
            auto bytes = read_file(module_pb, 1 << 20);
            if (!bytes) return bytes.error();
            tensorflow::ModuleDef def;
            if (!def.ParseFromString(*bytes)) return Error{module_pb.string(), {}, "not a valid ModuleDef"};
            if (def.format() != tensorflow::ModuleDef::FORMAT_V3)
                return Error{module_pb.string(), {}, "unsupported Hub module format " + std::to_string(def.format()) +
                                                          " (only FORMAT_V3 modules exist)"};
            if (def.required_features_size() > 0)
                return Error{module_pb.string(), {}, "the module requires Hub features this reader does not know"};
            request.tags = "";  // TF1 modules keep their default graph under the empty tag set
            request.default_signature = "default";
            request.keys_are_tensor_names = true;
        } else {
            request.tags = options.saved_model_tags;
        }
        return load_saved_model(request, progress);
    }
};

}  // namespace

std::unique_ptr<Reader> make_tf_hub_reader() { return std::make_unique<TfHubReader>(); }

}  // namespace wb::formats
