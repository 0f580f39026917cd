// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/proto/op_def.pb.h"
#include "ir/graph.h"
#include "util/error.h"

namespace wb::formats::saved_model {

// Output-argument layout of ops, for turning FunctionDef tensor references ("mul:z:0",
// "split:output:2") into graph references ("mul", "split:2"). Built from the MetaGraph's
// stripped_op_list (every op the graph uses), the library's function signatures, and a small
// built-in table for the multi-output ops when a SavedModel carries no op list.
class OpOutputs {
public:
    OpOutputs(const tensorflow::OpList& ops, const std::vector<ir::Function>& functions);
    // Flat output index of `arg`[k] on `node`; error when the op or argument is unknown.
    Expected<int> index(const ir::Node& node, const std::string& arg, int k) const;

private:
    struct Arg {
        std::string name, number_attr, type_list_attr;
    };
    std::map<std::string, std::vector<Arg>> ops_;
};

// A function body copied into a graph: its output tensors and control outputs ("^node").
struct ExpandedBody {
    std::vector<std::string> outputs;
    std::vector<std::string> control_outputs;
};

// Appends fn's body to `out` as "<prefix><node>", arguments wired to the graph tensors `args`.
// Body nodes without inputs get a control input from `anchor` (when not empty), so they run in
// the caller's loop frame or branch, as TensorFlow's inliner does.
Expected<ExpandedBody> expand_function_body(const ir::Function& fn, const std::vector<std::string>& args,
                                            const std::string& prefix, const std::string& anchor,
                                            const OpOutputs& outputs, std::vector<ir::Node>& out);

// Replaces every PartitionedCall / StatefulPartitionedCall (and direct calls of library
// functions) by the callee's body, recursively, the TensorFlow way: body nodes are named
// "<call>/<body node>", arguments are wired to the call's inputs, and the call itself becomes an
// Identity (one output) or IdentityN named like the call, so "call:k" keeps resolving.
// While/If and their Stateless forms are left functional (their bodies stay in the library).
Status inline_function_calls(ir::Graph& graph, const OpOutputs& outputs, const std::string& file);

// Drops library functions that no node (directly or through other functions) references.
void prune_library(ir::Graph& graph);

}  // namespace wb::formats::saved_model
