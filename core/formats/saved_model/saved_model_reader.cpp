// SPDX-License-Identifier: Apache-2.0
#include "formats/saved_model/saved_model_reader.h"

#include "formats/saved_model/saved_model_file.h"

namespace wb::formats {
namespace {

class SavedModelReader : public Reader {
public:
    std::string_view name() const override { return "tf_saved_model"; }
    std::string_view description() const override { return "TensorFlow SavedModel (folder with saved_model.pb)"; }
    std::vector<std::string> patterns() const override { return {"saved_model.pb"}; }
    double probe(const std::filesystem::path& path) const override {
        std::error_code ec;
        const auto dir = saved_model_dir(path);
        if (!std::filesystem::is_regular_file(dir / "saved_model.pb", ec)) return 0.0;
        // A TF1 Hub module is a SavedModel too, but the tf_hub reader knows its defaults.
        return std::filesystem::exists(dir / "tfhub_module.pb", ec) ? 0.5 : 0.9;
    }
    Expected<ir::Model> read(const std::filesystem::path& path, const ReadOptions& options,
                             const Progress& progress) const override {
        SavedModelRequest request;
        request.dir = saved_model_dir(path);
        request.tags = options.saved_model_tags;
        request.signature = options.signature_name;
        request.lower_control_flow = !options.control_flow_v2;
        return load_saved_model(request, progress);
    }
};

}  // namespace

std::filesystem::path saved_model_dir(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec) && path.filename() == "saved_model.pb") return path.parent_path();
    return path;
}

std::unique_ptr<Reader> make_saved_model_reader() { return std::make_unique<SavedModelReader>(); }

}  // namespace wb::formats
