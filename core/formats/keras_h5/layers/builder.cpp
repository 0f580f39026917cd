// SPDX-License-Identifier: Apache-2.0
#include "formats/keras_h5/layers/builder.h"

namespace wb::formats::keras {

using ir::AttrList;
using ir::AttrMap;
using ir::DType;

std::string Builder::unique(const std::string& name) {
    if (!model_.graph.find(name)) return name;
    for (int i = 1;; ++i) {
        std::string n = name + "_" + std::to_string(i);
        if (!model_.graph.find(n)) return n;
    }
}

std::string Builder::add(const std::string& name, const std::string& op, std::vector<std::string> inputs,
                         AttrMap attrs, bool set_t) {
    ir::Node n;
    n.name = unique(name);
    n.op = op;
    n.inputs = std::move(inputs);
    if (set_t && !attrs.count("T")) attrs["T"] = DType::Float32;
    n.attrs = std::move(attrs);
    std::string out = n.name;
    model_.graph.add(std::move(n));
    return out;
}

std::string Builder::constant(const std::string& name, ir::Tensor value) {
    AttrMap a;
    a["dtype"] = value.dtype();
    a["value"] = value;
    return add(name, "Const", {}, std::move(a), false);
}

std::string Builder::weight(const std::string& name, ir::Tensor value, const std::string& layer) {
    ir::WeightInfo w;
    w.dtype = value.dtype();
    w.shape = value.shape();
    w.stored_bytes = value.byte_size();
    w.group = layer;
    std::string n = constant(name, std::move(value));
    w.name = n;
    model_.weights.push_back(std::move(w));
    return n;
}

std::string Builder::ints(const std::string& name, const std::vector<int32_t>& values) {
    return constant(name, ir::Tensor::from_vector<int32_t>(DType::Int32, ir::Shape{int64_t(values.size())}, values));
}

std::string Builder::scalar(const std::string& name, float value) {
    return constant(name, ir::Tensor::scalar<float>(DType::Float32, value));
}

std::string Builder::unary(const std::string& name, const std::string& op, const std::string& x) {
    return add(name, op, {x});
}

std::string Builder::binary(const std::string& name, const std::string& op, const std::string& a,
                            const std::string& b) {
    return add(name, op, {a, b});
}

std::string Builder::reshape(const std::string& name, const std::string& x, const std::vector<int64_t>& dims) {
    std::vector<int32_t> d(dims.begin(), dims.end());
    std::string shape = ints(name + "/shape", d);
    AttrMap a;
    a["Tshape"] = DType::Int32;
    return add(name, "Reshape", {x, shape}, std::move(a));
}

std::string Builder::transpose(const std::string& name, const std::string& x, const std::vector<int32_t>& perm) {
    std::string p = ints(name + "/perm", perm);
    AttrMap a;
    a["Tperm"] = DType::Int32;
    return add(name, "Transpose", {x, p}, std::move(a));
}

std::string Builder::matmul(const std::string& name, const std::string& a, const std::string& b) {
    AttrMap at;
    at["transpose_a"] = false;
    at["transpose_b"] = false;
    return add(name, "MatMul", {a, b}, std::move(at));
}

std::string Builder::bias_add(const std::string& name, const std::string& x, const std::string& bias) {
    AttrMap a;
    a["data_format"] = std::string("NHWC");
    return add(name, "BiasAdd", {x, bias}, std::move(a));
}

std::string Builder::concat(const std::string& name, const std::vector<std::string>& xs, int axis) {
    if (xs.size() == 1) return add(name, "Identity", {xs[0]});
    std::vector<std::string> in = xs;
    in.push_back(constant(name + "/axis", ir::Tensor::scalar<int32_t>(DType::Int32, axis)));
    AttrMap a;
    a["N"] = int64_t(xs.size());
    a["Tidx"] = DType::Int32;
    return add(name, "ConcatV2", std::move(in), std::move(a));
}

std::string Builder::pad(const std::string& name, const std::string& x, const std::vector<int32_t>& pairs) {
    std::string p = constant(name + "/paddings",
                             ir::Tensor::from_vector<int32_t>(DType::Int32, ir::Shape{int64_t(pairs.size() / 2), 2}, pairs));
    AttrMap a;
    a["Tpaddings"] = DType::Int32;
    return add(name, "Pad", {x, p}, std::move(a));
}

std::string Builder::tile(const std::string& name, const std::string& x, const std::vector<int32_t>& multiples) {
    std::string m = ints(name + "/multiples", multiples);
    AttrMap a;
    a["Tmultiples"] = DType::Int32;
    return add(name, "Tile", {x, m}, std::move(a));
}

std::string Builder::slice_axis(const std::string& name, const std::string& x, int rank, int axis, int64_t begin,
                                int64_t end, bool shrink) {
    std::vector<int32_t> b(size_t(rank), 0), e(size_t(rank), 0), s(size_t(rank), 1);
    b[size_t(axis)] = int32_t(begin);
    e[size_t(axis)] = int32_t(end);
    int64_t all_but_axis = ((1 << rank) - 1) & ~(1 << axis);
    AttrMap a;
    a["Index"] = DType::Int32;
    a["begin_mask"] = all_but_axis;
    a["end_mask"] = all_but_axis;
    a["ellipsis_mask"] = int64_t(0);
    a["new_axis_mask"] = int64_t(0);
    a["shrink_axis_mask"] = shrink ? int64_t(1) << axis : int64_t(0);
    std::string bn = ints(name + "/begin", b), en = ints(name + "/end", e), sn = ints(name + "/strides", s);
    return add(name, "StridedSlice", {x, bn, en, sn}, std::move(a));
}

std::string Builder::reduce(const std::string& name, const std::string& op, const std::string& x,
                            const std::vector<int32_t>& axes, bool keep_dims) {
    std::string ax = ints(name + "/reduction_indices", axes);
    AttrMap a;
    a["Tidx"] = DType::Int32;
    a["keep_dims"] = keep_dims;
    return add(name, op, {x, ax}, std::move(a));
}

std::string Builder::pack(const std::string& name, const std::vector<std::string>& xs, int axis) {
    AttrMap a;
    a["N"] = int64_t(xs.size());
    a["axis"] = int64_t(axis);
    return add(name, "Pack", xs, std::move(a));
}

}  // namespace wb::formats::keras
