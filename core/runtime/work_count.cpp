// SPDX-License-Identifier: Apache-2.0
#include "runtime/work_count.h"

#include <map>
#include <set>
#include <string>

namespace wb::runtime {

namespace {

double elements(const ir::Shape& s) {
    double n = 1;
    for (int64_t d : s.dims) n *= static_cast<double>(std::max<int64_t>(d, 0));
    return n;
}

bool attr_true(const ir::Node& node, const char* name) {
    auto it = node.attrs.find(name);
    if (it == node.attrs.end()) return false;
    const bool* b = it->second.get_if<bool>();
    return b && *b;
}

const std::set<std::string>& counted_ops() {
    static const std::set<std::string> ops{
        "Conv2D", "_FusedConv2D", "Conv3D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative",
        "Conv2DBackpropInput", "Conv3DBackpropInputV2", "MatMul", "_FusedMatMul", "BatchMatMul",
        "BatchMatMulV2", "BatchMatMulV3"};
    return ops;
}

// Nodes that run inside a TF1 while loop: everything reached from an Enter before its Exit.
std::set<std::string> loop_body_nodes(const ir::Graph& graph) {
    std::map<std::string, std::vector<const ir::Node*>> consumers;
    std::vector<const ir::Node*> todo;
    for (const ir::Node& node : graph.nodes()) {
        for (const ir::InputRef& ref : node.data_inputs()) consumers[ref.node].push_back(&node);
        for (const std::string& c : node.control_inputs()) consumers[c].push_back(&node);
        if (node.op == "Enter" || node.op == "RefEnter") todo.push_back(&node);
    }
    std::set<std::string> inside;
    while (!todo.empty()) {
        const ir::Node* n = todo.back();
        todo.pop_back();
        if (!inside.insert(n->name).second || n->op == "Exit" || n->op == "RefExit") continue;
        for (const ir::Node* c : consumers[n->name]) todo.push_back(c);
    }
    return inside;
}

}  // namespace

bool is_counted_op(const std::string& op) { return counted_ops().count(op) > 0; }

double node_flops(const ir::Node& node, const std::vector<ir::Shape>& in, const ir::Shape& out) {
    const std::string& op = node.op;
    if (!is_counted_op(op) || in.size() < 2) return 0;
    if (op == "Conv2DBackpropInput" || op == "Conv3DBackpropInputV2") {
        // Inputs (sizes, filter [..., in_channels, out_channels], dy): every dy element meets
        // a whole filter slice of spatial size x in_channels.
        const ir::Shape& filter = in[1];
        if (in.size() < 3 || filter.rank() < 3) return 0;
        return 2.0 * elements(in[2]) * elements(filter) / std::max<int64_t>(1, filter.dims.back());
    }
    if (op == "DepthwiseConv2dNative" || op == "FusedDepthwiseConv2dNative") {
        const ir::Shape& filter = in[1];  // [KH, KW, C, multiplier]: each output reads KH x KW inputs
        if (filter.rank() != 4) return 0;
        return 2.0 * elements(out) * static_cast<double>(filter.dims[0] * filter.dims[1]);
    }
    if (op == "Conv2D" || op == "_FusedConv2D" || op == "Conv3D") {
        const ir::Shape& filter = in[1];  // [..spatial.., in_channels, out_channels]
        if (filter.rank() < 3 || filter.dims.back() <= 0) return 0;
        return 2.0 * elements(out) * elements(filter) / static_cast<double>(filter.dims.back());
    }
    // Matrix products: every output element is a dot product over the contracted dimension of a.
    const ir::Shape& a = in[0];
    if (a.rank() < 2) return 0;
    const bool a_transposed = op == "MatMul" || op == "_FusedMatMul" ? attr_true(node, "transpose_a")
                                                                      : attr_true(node, "adj_x");
    const int64_t k = a.dims[a.rank() - (a_transposed ? 2 : 1)];
    return 2.0 * elements(out) * static_cast<double>(std::max<int64_t>(k, 0));
}

double count_run_flops(const ir::Model& model, Session& session, const std::vector<NamedTensor>& feeds) {
    struct Counted {
        const ir::Node* node;
        std::size_t first_fetch;
        std::size_t inputs;
    };
    std::vector<Counted> counted;
    std::vector<std::string> fetches;
    const std::set<std::string> in_loops = loop_body_nodes(model.graph);
    for (const ir::Node& node : model.graph.nodes()) {
        if (!is_counted_op(node.op) || in_loops.count(node.name)) continue;
        const auto inputs = node.data_inputs();
        counted.push_back({&node, fetches.size(), inputs.size()});
        for (const ir::InputRef& ref : inputs) fetches.push_back(ir::tensor_name(ref.node, ref.index));
        fetches.push_back(ir::tensor_name(node.name, 0));
    }
    if (counted.empty()) return 0;
    auto values = session.run(feeds, fetches);
    if (!values || values->size() != fetches.size()) return 0;
    double flops = 0;
    for (const Counted& c : counted) {
        std::vector<ir::Shape> shapes;
        for (std::size_t i = 0; i < c.inputs; ++i) shapes.push_back((*values)[c.first_fetch + i].shape());
        flops += node_flops(*c.node, shapes, (*values)[c.first_fetch + c.inputs].shape());
    }
    return flops;
}

}  // namespace wb::runtime
