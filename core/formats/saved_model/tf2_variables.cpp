// SPDX-License-Identifier: Apache-2.0
#include "formats/saved_model/tf2_variables.h"

#include <deque>

#include "core/proto/trackable_object_graph.pb.h"

namespace wb::formats::saved_model {
namespace {

// saved object id → checkpoint object id, by walking both graphs from the root along equal names.
std::map<int, int> match_objects(const tensorflow::SavedObjectGraph& saved, const tensorflow::TrackableObjectGraph& ckpt) {
    std::map<int, int> out;
    if (saved.nodes_size() == 0 || ckpt.nodes_size() == 0) return out;
    std::deque<std::pair<int, int>> todo{{0, 0}};
    while (!todo.empty()) {
        auto [s, c] = todo.front();
        todo.pop_front();
        if (out.count(s)) continue;
        out[s] = c;
        for (const auto& sc : saved.nodes(s).children()) {
            if (sc.node_id() < 0 || sc.node_id() >= saved.nodes_size()) continue;
            for (const auto& cc : ckpt.nodes(c).children())
                if (cc.local_name() == sc.local_name() && cc.node_id() >= 0 && cc.node_id() < ckpt.nodes_size()) {
                    todo.emplace_back(sc.node_id(), cc.node_id());
                    break;
                }
        }
    }
    return out;
}

}  // namespace

Expected<std::map<std::string, std::string>> tf2_variable_keys(const tensorflow::MetaGraphDef& meta,
                                                               const checkpoint::TensorBundle& bundle,
                                                               const ir::Graph& graph) {
    std::map<std::string, std::string> keys;
    const auto& saved = meta.object_graph_def();
    if (saved.nodes_size() == 0 || !bundle.contains(checkpoint::TensorBundle::kObjectGraphKey)) return keys;
    auto blob = bundle.read(checkpoint::TensorBundle::kObjectGraphKey);
    if (!blob) return blob.error();
    tensorflow::TrackableObjectGraph ckpt;
    if (blob->strings().empty() || !ckpt.ParseFromString(blob->strings()[0]))
        return Error{bundle.prefix().string() + ".index", checkpoint::TensorBundle::kObjectGraphKey,
                     "cannot parse the TrackableObjectGraph"};
    const auto ids = match_objects(saved, ckpt);

    for (const auto& n : graph.nodes()) {
        if (n.op != "PartitionedCall" && n.op != "StatefulPartitionedCall") continue;
        auto fattr = n.attrs.find("f");
        const auto* f = fattr == n.attrs.end() ? nullptr : fattr->second.get_if<ir::NameAttrList>();
        if (!f) continue;
        auto cf = saved.concrete_functions().find(f->name);
        if (cf == saved.concrete_functions().end()) continue;
        const auto data = n.data_inputs();
        const auto& bound = cf->second.bound_inputs();
        if (static_cast<std::size_t>(bound.size()) > data.size()) continue;
        const std::size_t first = data.size() - bound.size();
        for (int i = 0; i < bound.size(); ++i) {
            const int sid = bound[i];
            if (sid < 0 || sid >= saved.nodes_size() || !saved.nodes(sid).has_variable()) continue;
            auto cid = ids.find(sid);
            if (cid == ids.end()) continue;
            for (const auto& attr : ckpt.nodes(cid->second).attributes())
                if (attr.name() == "VARIABLE_VALUE") keys[data[first + i].node] = attr.checkpoint_key();
        }
    }
    return keys;
}

}  // namespace wb::formats::saved_model
