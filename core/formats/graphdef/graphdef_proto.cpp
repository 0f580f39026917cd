// SPDX-License-Identifier: Apache-2.0
#include "formats/graphdef/graphdef_proto.h"

#include "formats/graphdef/attr_value_proto.h"

namespace wb::formats {

namespace {

Expected<ir::ArgDef> arg_from_proto(const tensorflow::OpDef::ArgDef& p, const std::string& item) {
    ir::ArgDef arg;
    arg.name = p.name();
    auto dtype = dtype_from_proto(p.type());
    if (!dtype) return Error{{}, item, "argument '" + p.name() + "' has unknown dtype " + std::to_string(p.type())};
    arg.type = *dtype;
    arg.type_attr = p.type_attr();
    arg.number_attr = p.number_attr();
    arg.type_list_attr = p.type_list_attr();
    arg.is_ref = p.is_ref() || p.type() > 100;
    return arg;
}

void arg_to_proto(const ir::ArgDef& arg, tensorflow::OpDef::ArgDef* p) {
    p->set_name(arg.name);
    p->set_type(static_cast<tensorflow::DataType>(arg.type));
    p->set_type_attr(arg.type_attr);
    p->set_number_attr(arg.number_attr);
    p->set_type_list_attr(arg.type_list_attr);
    p->set_is_ref(arg.is_ref);
}

}  // namespace

Expected<ir::Node> node_from_proto(const tensorflow::NodeDef& proto, const std::string& owner) {
    ir::Node node;
    node.name = proto.name();
    node.op = proto.op();
    node.inputs.assign(proto.input().begin(), proto.input().end());
    node.device = proto.device();
    const std::string item = owner + "node '" + proto.name() + "'";
    if (auto st = attrs_from_proto(proto.attr(), node.attrs, item); !st) return st.error();
    if (proto.has_experimental_debug_info()) {
        const auto& names = proto.experimental_debug_info().original_node_names();
        node.original_node_names.assign(names.begin(), names.end());
    }
    return node;
}

void node_to_proto(const ir::Node& node, tensorflow::NodeDef* proto) {
    proto->set_name(node.name);
    proto->set_op(node.op);
    for (const auto& in : node.inputs) proto->add_input(in);
    proto->set_device(node.device);
    attrs_to_proto(node.attrs, proto->mutable_attr());
    if (!node.original_node_names.empty()) {
        auto* info = proto->mutable_experimental_debug_info();
        for (const auto& n : node.original_node_names) info->add_original_node_names(n);
    }
}

Expected<ir::Function> function_from_proto(const tensorflow::FunctionDef& proto) {
    const auto& sig = proto.signature();
    ir::Function fn;
    fn.name = sig.name();
    const std::string item = "function '" + fn.name + "'";
    for (const auto& a : sig.input_arg()) {
        auto arg = arg_from_proto(a, item);
        if (!arg) return arg.error();
        fn.inputs.push_back(std::move(*arg));
    }
    for (const auto& a : sig.output_arg()) {
        auto arg = arg_from_proto(a, item);
        if (!arg) return arg.error();
        fn.outputs.push_back(std::move(*arg));
    }
    fn.control_outputs.assign(sig.control_output().begin(), sig.control_output().end());
    for (const auto& a : sig.attr()) fn.signature_attrs.emplace_back(a.name(), a.type());
    fn.is_stateful = sig.is_stateful();
    if (auto st = attrs_from_proto(proto.attr(), fn.attrs, item); !st) return st.error();
    fn.nodes.reserve(proto.node_def_size());
    for (const auto& n : proto.node_def()) {
        auto node = node_from_proto(n, item + " ");
        if (!node) return node.error();
        fn.nodes.push_back(std::move(*node));
    }
    fn.ret.insert(proto.ret().begin(), proto.ret().end());
    fn.control_ret.insert(proto.control_ret().begin(), proto.control_ret().end());
    return fn;
}

void function_to_proto(const ir::Function& fn, tensorflow::FunctionDef* proto) {
    auto* sig = proto->mutable_signature();
    sig->set_name(fn.name);
    for (const auto& a : fn.inputs) arg_to_proto(a, sig->add_input_arg());
    for (const auto& a : fn.outputs) arg_to_proto(a, sig->add_output_arg());
    for (const auto& c : fn.control_outputs) sig->add_control_output(c);
    for (const auto& [name, type] : fn.signature_attrs) {
        auto* a = sig->add_attr();
        a->set_name(name);
        a->set_type(type);
    }
    sig->set_is_stateful(fn.is_stateful);
    attrs_to_proto(fn.attrs, proto->mutable_attr());
    for (const auto& n : fn.nodes) node_to_proto(n, proto->add_node_def());
    for (const auto& [k, v] : fn.ret) (*proto->mutable_ret())[k] = v;
    for (const auto& [k, v] : fn.control_ret) (*proto->mutable_control_ret())[k] = v;
}

Expected<ir::Graph> graph_from_proto(const tensorflow::GraphDef& proto) {
    ir::Graph graph;
    graph.nodes().reserve(proto.node_size());
    for (const auto& n : proto.node()) {
        auto node = node_from_proto(n);
        if (!node) return node.error();
        graph.nodes().push_back(std::move(*node));
    }
    graph.reindex();
    for (const auto& f : proto.library().function()) {
        auto fn = function_from_proto(f);
        if (!fn) return fn.error();
        graph.functions.push_back(std::move(*fn));
    }
    graph.has_versions = proto.has_versions();
    graph.producer = proto.versions().producer();
    graph.min_consumer = proto.versions().min_consumer();
    return graph;
}

void graph_to_proto(const ir::Graph& graph, tensorflow::GraphDef* proto) {
    proto->Clear();
    for (const auto& n : graph.nodes()) node_to_proto(n, proto->add_node());
    for (const auto& fn : graph.functions) function_to_proto(fn, proto->mutable_library()->add_function());
    if (graph.has_versions) {
        proto->mutable_versions()->set_producer(graph.producer);
        proto->mutable_versions()->set_min_consumer(graph.min_consumer);
    }
}

}  // namespace wb::formats
