// SPDX-License-Identifier: Apache-2.0
// Bench helper (not a product feature): writes a model as a frozen TensorFlow GraphDef (.pb)
// that OpenCV DNN's readNetFromTensorflow loads, so compare_runtimes.sh can time OpenCV on the
// same network and weights. OpenCV 4.6 does not know the grappler fused ops the tfjs converter
// emits, so each is written back as the plain op chain it stands for:
//   _FusedConv2D / FusedDepthwiseConv2dNative → Conv2D / DepthwiseConv2dNative → BiasAdd → act
//   _FusedMatMul → MatMul → BiasAdd → act
// and an EXPLICIT conv padding (our fold_pad_into_conv) becomes the Pad it came from, which
// OpenCV's importer reads (it asserts on explicit_paddings).
//     export_frozen_pb MODEL OUT.pb
#include <cstdio>
#include <fstream>
#include <set>

#include "core/proto/graph.pb.h"
#include "formats/graphdef/graphdef_proto.h"
#include "formats/registry.h"
#include "ir/graph.h"

namespace {

using wb::ir::AttrMap;
using wb::ir::Node;

const std::set<std::string> kActivations = {"Relu", "Relu6", "Elu", "Tanh", "Sigmoid"};

// The plain ops behind one fused node, the last one keeping the fused node's name so that its
// consumers need no rewiring. Unsupported fused_ops combinations are an error, never dropped.
bool unfuse(const Node& fused, const std::string& base_op, std::vector<Node>& out, std::string& error) {
    const auto ops = wb::ir::attr_strings(fused.attrs, "fused_ops");
    const auto data = fused.data_inputs();
    if (ops.empty() || ops[0] != "BiasAdd" || ops.size() > 2 || (ops.size() == 2 && !kActivations.count(ops[1])) ||
        data.size() != 3) {
        std::string list;
        for (const auto& op : ops) list += (list.empty() ? "" : ",") + op;
        error = "node '" + fused.name + "': fused_ops [" + list + "] with " + std::to_string(data.size()) +
                " inputs has no plain equivalent here";
        return false;
    }
    const AttrMap& a = fused.attrs;
    Node base{fused.name + "/base", base_op, {fused.inputs[0], fused.inputs[1]}, {}, {}, {}};
    base.attrs["T"] = a.at("T");
    const char* keep_conv[] = {"strides", "padding", "data_format", "dilations", "explicit_paddings"};
    const char* keep_matmul[] = {"transpose_a", "transpose_b"};
    if (base_op == "MatMul") {
        for (const char* k : keep_matmul) if (a.count(k)) base.attrs[k] = a.at(k);
    } else {
        for (const char* k : keep_conv) if (a.count(k)) base.attrs[k] = a.at(k);
        const auto pads = wb::ir::attr_ints(a, "explicit_paddings");
        if (wb::ir::attr_string(a, "padding") == "EXPLICIT" && pads.size() == 8) {
            std::vector<int32_t> values(pads.begin(), pads.end());
            Node amounts{fused.name + "/paddings", "Const", {}, {}, {}, {}};
            amounts.attrs["dtype"] = wb::ir::DType::Int32;
            amounts.attrs["value"] = wb::ir::Tensor::from_vector<int32_t>(wb::ir::DType::Int32, wb::ir::Shape{4, 2}, values);
            Node pad{fused.name + "/pad", "Pad", {fused.inputs[0], amounts.name}, {}, {}, {}};
            pad.attrs["T"] = a.at("T");
            pad.attrs["Tpaddings"] = wb::ir::DType::Int32;
            base.inputs[0] = pad.name;
            base.attrs["padding"] = std::string("VALID");
            out.push_back(std::move(amounts));
            out.push_back(std::move(pad));
        }
        base.attrs.erase("explicit_paddings");
    }
    const bool has_act = ops.size() == 2;
    Node bias{has_act ? fused.name + "/bias" : fused.name, "BiasAdd", {base.name, fused.inputs[2]}, {}, {}, {}};
    bias.attrs["T"] = a.at("T");
    if (base_op != "MatMul" && a.count("data_format")) bias.attrs["data_format"] = a.at("data_format");
    out.push_back(std::move(base));
    out.push_back(std::move(bias));
    if (has_act) {
        Node act{fused.name, ops[1], {out.back().name}, {}, {}, {}};
        act.attrs["T"] = a.at("T");
        out.push_back(std::move(act));
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: export_frozen_pb MODEL OUT.pb\n");
        return 2;
    }
    auto model = wb::formats::read_model(argv[1]);
    if (!model) {
        std::fprintf(stderr, "error: %s\n", model.error().what().c_str());
        return 1;
    }
    wb::ir::Graph plain;
    plain.producer = model->graph.producer;
    plain.min_consumer = model->graph.min_consumer;
    plain.has_versions = model->graph.has_versions;
    for (const Node& n : model->graph.nodes()) {
        const std::string base = n.op == "_FusedConv2D"                  ? "Conv2D"
                                 : n.op == "FusedDepthwiseConv2dNative" ? "DepthwiseConv2dNative"
                                 : n.op == "_FusedMatMul"               ? "MatMul"
                                                                        : "";
        if (base.empty()) {
            plain.add(n);
            continue;
        }
        std::vector<Node> chain;
        std::string error;
        if (!unfuse(n, base, chain, error)) {
            std::fprintf(stderr, "error: %s: %s\n", argv[1], error.c_str());
            return 1;
        }
        for (auto& c : chain) plain.add(std::move(c));
    }
    tensorflow::GraphDef gd;
    wb::formats::graph_to_proto(plain, &gd);
    std::ofstream out(argv[2], std::ios::binary);
    if (!out || !gd.SerializeToOstream(&out)) {
        std::fprintf(stderr, "error: cannot write %s\n", argv[2]);
        return 1;
    }
    std::printf("%s: %zu nodes (%zu in the model)\n", argv[2], plain.size(), model->graph.size());
    return 0;
}
