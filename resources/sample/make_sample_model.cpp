// SPDX-License-Identifier: Apache-2.0
// Writes the sample model of the README quick start and "Open sample": a small CNN
// (28×28×1 → 10 classes) as a frozen GraphDef, through our own protobuf classes. Weights are
// seeded random (He-style scale), so the file is identical on every build. A whitening step
// uses MatrixInverse, which TensorFlow.js cannot run, so the unsupported-op highlight shows.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/proto/graph.pb.h"

namespace {

using tensorflow::AttrValue;
using tensorflow::DataType;
using tensorflow::GraphDef;
using tensorflow::NodeDef;

std::mt19937 rng(20261125);

void set_shape(tensorflow::TensorShapeProto* shape, const std::vector<int64_t>& dims) {
    for (auto d : dims) shape->add_dim()->set_size(d);
}

NodeDef* add(GraphDef& g, const std::string& name, const std::string& op, std::vector<std::string> inputs,
             const std::vector<int64_t>& out_shape) {
    NodeDef* n = g.add_node();
    n->set_name(name);
    n->set_op(op);
    for (auto& in : inputs) n->add_input(in);
    // _output_shapes is what TensorFlow writes with add_shapes=True; the graph view labels edges with it.
    set_shape((*n->mutable_attr())["_output_shapes"].mutable_list()->add_shape(), out_shape);
    return n;
}

void set_type(NodeDef* n, const char* key, DataType t) { (*n->mutable_attr())[key].set_type(t); }

void add_const(GraphDef& g, const std::string& name, const std::vector<int64_t>& dims, float scale) {
    NodeDef* n = add(g, name, "Const", {}, dims);
    set_type(n, "dtype", tensorflow::DT_FLOAT);
    auto* t = (*n->mutable_attr())["value"].mutable_tensor();
    t->set_dtype(tensorflow::DT_FLOAT);
    set_shape(t->mutable_tensor_shape(), dims);
    int64_t count = 1;
    for (auto d : dims) count *= d;
    std::normal_distribution<float> normal(0.f, scale);
    std::vector<float> values(static_cast<std::size_t>(count));
    for (auto& v : values) v = normal(rng);
    t->set_tensor_content(std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float)));
}

// A symmetric positive definite matrix (I + A·Aᵀ/n), so MatrixInverse is well defined.
void add_spd_const(GraphDef& g, const std::string& name, int n) {
    std::normal_distribution<float> normal(0.f, 1.f);
    std::vector<float> a(static_cast<std::size_t>(n * n)), m(static_cast<std::size_t>(n * n));
    for (auto& v : a) v = normal(rng);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            float s = i == j ? 1.f : 0.f;
            for (int k = 0; k < n; ++k) s += a[i * n + k] * a[j * n + k] / static_cast<float>(n);
            m[static_cast<std::size_t>(i * n + j)] = s;
        }
    NodeDef* c = add(g, name, "Const", {}, {n, n});
    set_type(c, "dtype", tensorflow::DT_FLOAT);
    auto* t = (*c->mutable_attr())["value"].mutable_tensor();
    t->set_dtype(tensorflow::DT_FLOAT);
    set_shape(t->mutable_tensor_shape(), {n, n});
    t->set_tensor_content(std::string(reinterpret_cast<const char*>(m.data()), m.size() * sizeof(float)));
}

void conv_block(GraphDef& g, const std::string& scope, const std::string& input, int64_t in_ch, int64_t out_ch,
                int64_t size) {
    add_const(g, scope + "/weights", {3, 3, in_ch, out_ch}, std::sqrt(2.f / static_cast<float>(9 * in_ch)));
    add_const(g, scope + "/bias", {out_ch}, 0.05f);
    NodeDef* conv = add(g, scope + "/Conv2D", "Conv2D", {input, scope + "/weights"}, {1, size, size, out_ch});
    set_type(conv, "T", tensorflow::DT_FLOAT);
    auto& attrs = *conv->mutable_attr();
    for (int s : {1, 1, 1, 1}) attrs["strides"].mutable_list()->add_i(s);
    attrs["padding"].set_s("SAME");
    attrs["data_format"].set_s("NHWC");
    attrs["use_cudnn_on_gpu"].set_b(true);
    for (int d : {1, 1, 1, 1}) attrs["dilations"].mutable_list()->add_i(d);
    NodeDef* bias = add(g, scope + "/BiasAdd", "BiasAdd", {scope + "/Conv2D", scope + "/bias"}, {1, size, size, out_ch});
    set_type(bias, "T", tensorflow::DT_FLOAT);
    (*bias->mutable_attr())["data_format"].set_s("NHWC");
    set_type(add(g, scope + "/Relu", "Relu", {scope + "/BiasAdd"}, {1, size, size, out_ch}), "T", tensorflow::DT_FLOAT);
    NodeDef* pool = add(g, scope + "/MaxPool", "MaxPool", {scope + "/Relu"}, {1, size / 2, size / 2, out_ch});
    set_type(pool, "T", tensorflow::DT_FLOAT);
    auto& pattrs = *pool->mutable_attr();
    for (int k : {1, 2, 2, 1}) pattrs["ksize"].mutable_list()->add_i(k);
    for (int s : {1, 2, 2, 1}) pattrs["strides"].mutable_list()->add_i(s);
    pattrs["padding"].set_s("VALID");
    pattrs["data_format"].set_s("NHWC");
}

void dense(GraphDef& g, const std::string& scope, const std::string& input, int64_t in, int64_t out, const char* act) {
    add_const(g, scope + "/kernel", {in, out}, std::sqrt(2.f / static_cast<float>(in)));
    add_const(g, scope + "/bias", {out}, 0.05f);
    NodeDef* mm = add(g, scope + "/MatMul", "MatMul", {input, scope + "/kernel"}, {1, out});
    set_type(mm, "T", tensorflow::DT_FLOAT);
    (*mm->mutable_attr())["transpose_a"].set_b(false);
    (*mm->mutable_attr())["transpose_b"].set_b(false);
    set_type(add(g, scope + "/BiasAdd", "BiasAdd", {scope + "/MatMul", scope + "/bias"}, {1, out}), "T", tensorflow::DT_FLOAT);
    if (act) set_type(add(g, scope + "/" + act, act, {scope + "/BiasAdd"}, {1, out}), "T", tensorflow::DT_FLOAT);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: wb_make_sample OUTPUT.pb\n");
        return 2;
    }
    GraphDef g;
    NodeDef* input = add(g, "input", "Placeholder", {}, {1, 28, 28, 1});
    set_type(input, "dtype", tensorflow::DT_FLOAT);
    set_shape((*input->mutable_attr())["shape"].mutable_shape(), {1, 28, 28, 1});
    conv_block(g, "conv1", "input", 1, 8, 28);
    conv_block(g, "conv2", "conv1/MaxPool", 8, 16, 14);
    NodeDef* shape = add(g, "flatten/shape", "Const", {}, {2});
    set_type(shape, "dtype", tensorflow::DT_INT32);
    auto* st = (*shape->mutable_attr())["value"].mutable_tensor();
    st->set_dtype(tensorflow::DT_INT32);
    set_shape(st->mutable_tensor_shape(), {2});
    st->add_int_val(-1);
    st->add_int_val(7 * 7 * 16);
    NodeDef* reshape = add(g, "flatten/Reshape", "Reshape", {"conv2/MaxPool", "flatten/shape"}, {1, 784});
    set_type(reshape, "T", tensorflow::DT_FLOAT);
    set_type(reshape, "Tshape", tensorflow::DT_INT32);
    dense(g, "dense", "flatten/Reshape", 784, 32, "Relu");
    // Whitening with a learned covariance: x · C⁻¹. TensorFlow.js has no MatrixInverse.
    add_spd_const(g, "whiten/covariance", 32);
    set_type(add(g, "whiten/MatrixInverse", "MatrixInverse", {"whiten/covariance"}, {32, 32}), "T", tensorflow::DT_FLOAT);
    (*g.mutable_node(g.node_size() - 1)->mutable_attr())["adjoint"].set_b(false);
    NodeDef* mm = add(g, "whiten/MatMul", "MatMul", {"dense/Relu", "whiten/MatrixInverse"}, {1, 32});
    set_type(mm, "T", tensorflow::DT_FLOAT);
    (*mm->mutable_attr())["transpose_a"].set_b(false);
    (*mm->mutable_attr())["transpose_b"].set_b(false);
    dense(g, "logits", "whiten/MatMul", 32, 10, nullptr);
    set_type(add(g, "probabilities", "Softmax", {"logits/BiasAdd"}, {1, 10}), "T", tensorflow::DT_FLOAT);
    g.mutable_versions()->set_producer(1205);  // a TF 2.x-era producer; readers must not care

    std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
    if (!out || !g.SerializeToOstream(&out)) {
        std::fprintf(stderr, "wb_make_sample: cannot write %s\n", argv[1]);
        return 1;
    }
    return 0;
}
