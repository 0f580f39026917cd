// SPDX-License-Identifier: Apache-2.0
#include "formats/saved_model/saved_model_file.h"

#include <algorithm>
#include <set>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

#include "formats/file_util.h"

namespace wb::formats::saved_model {
namespace {

std::set<std::string> split_tags(const std::string& csv) {
    std::set<std::string> out;
    std::size_t start = 0;
    while (start <= csv.size()) {
        std::size_t end = csv.find(',', start);
        if (end == std::string::npos) end = csv.size();
        std::string tag = csv.substr(start, end - start);
        if (!tag.empty()) out.insert(tag);
        start = end + 1;
    }
    return out;
}

std::string format_tags(const std::set<std::string>& tags) {
    std::string out = "{";
    for (const auto& t : tags) out += (out.size() > 1 ? "," : "") + t;
    return out + "}";
}

}  // namespace

Expected<tensorflow::SavedModel> parse_saved_model(const std::filesystem::path& dir) {
    std::error_code ec;
    tensorflow::SavedModel model;
    const auto pb = dir / "saved_model.pb";
    if (std::filesystem::is_regular_file(pb, ec)) {
        auto bytes = read_file(pb);
        if (!bytes) return bytes.error();
        google::protobuf::io::ArrayInputStream raw(bytes->data(), static_cast<int>(bytes->size()));
        google::protobuf::io::CodedInputStream coded(&raw);
        coded.SetTotalBytesLimit(INT32_MAX);  // SavedModels may exceed protobuf's 64 MiB default
        if (!model.ParseFromCodedStream(&coded) || !coded.ConsumedEntireMessage())
            return Error{pb.string(), {}, "not a valid SavedModel protobuf"};
        return model;
    }
    const auto pbtxt = dir / "saved_model.pbtxt";
    if (std::filesystem::is_regular_file(pbtxt, ec)) {
        auto text = read_file(pbtxt);
        if (!text) return text.error();
        if (!google::protobuf::TextFormat::ParseFromString(*text, &model))
            return Error{pbtxt.string(), {}, "not a valid SavedModel in protobuf text format"};
        return model;
    }
    return Error{dir.string(), {}, "no saved_model.pb or saved_model.pbtxt in this folder"};
}

Expected<const tensorflow::MetaGraphDef*> select_meta_graph(const tensorflow::SavedModel& model,
                                                            const std::string& tags, const std::string& file) {
    const auto wanted = split_tags(tags);
    std::string available;
    for (const auto& meta : model.meta_graphs()) {
        const auto& t = meta.meta_info_def().tags();
        std::set<std::string> have(t.begin(), t.end());
        if (have == wanted) return &meta;
        available += (available.empty() ? "" : ", ") + format_tags(have);
    }
    return Error{file, "tags " + format_tags(wanted),
                 "no MetaGraph with this tag set (--saved_model_tags); available tag sets: " +
                     (available.empty() ? std::string("none") : available)};
}

Expected<const tensorflow::SignatureDef*> select_signature(const tensorflow::MetaGraphDef& meta,
                                                           const std::string& name, const std::string& file) {
    auto it = meta.signature_def().find(name);
    if (it != meta.signature_def().end()) return &it->second;
    std::vector<std::string> keys;
    for (const auto& [k, _] : meta.signature_def())
        if (k != "__saved_model_init_op" && k != "__saved_model_train_op") keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    std::string list;
    for (const auto& k : keys) list += (list.empty() ? "" : ", ") + k;
    return Error{file, "signature '" + name + "'",
                 "does not exist (--signature_name); available signatures: " + (list.empty() ? std::string("none") : list)};
}

}  // namespace wb::formats::saved_model
