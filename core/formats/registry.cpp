// SPDX-License-Identifier: Apache-2.0
#include "formats/registry.h"

#include "ir/validate.h"

namespace wb::formats {

// Each reader's factory is declared beside it; adding a format adds one line here.
std::vector<std::unique_ptr<Reader>> make_readers();

const std::vector<std::unique_ptr<Reader>>& readers() {
    static const std::vector<std::unique_ptr<Reader>> all = make_readers();
    return all;
}

const Reader* find_reader(std::string_view name) {
    for (const auto& r : readers())
        if (r->name() == name) return r.get();
    return nullptr;
}

const Reader* detect(const std::filesystem::path& path) {
    const Reader* best = nullptr;
    double best_score = 0.0;
    for (const auto& r : readers()) {
        double score = r->probe(path);
        if (score > best_score) {
            best = r.get();
            best_score = score;
        }
    }
    return best;
}

Expected<ir::Model> read_model(const std::filesystem::path& path, const ReadOptions& options,
                               const Progress& progress) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return Error{path.string(), "", "no such file or directory"};
    const Reader* reader = detect(path);
    if (!reader)
        return Error{path.string(), "", "not a model format tfjs-workbench knows (tried every reader)"};
    auto model = reader->read(path, options, progress);
    if (!model) return model;
    if (model->source_path.empty()) model->source_path = path.string();
    if (auto status = ir::validate(*model); !status) return status.error();
    return model;
}

}  // namespace wb::formats
