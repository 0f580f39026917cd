// SPDX-License-Identifier: Apache-2.0
#include "runtime/tensor_io.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ir/node.h"

namespace wb::runtime {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// "x:0" → "x"; other output indices and plain names stay as they are.
std::string tensor_node_name(const std::string& name) {
    const ir::InputRef ref = ir::parse_input(name);
    return ref.index == 0 && !ref.control && ref.port.empty() ? ref.node : name;
}

struct Mulberry32 {
    uint32_t a;
    double next() {
        a += 0x6D2B79F5u;
        uint32_t t = (a ^ (a >> 15)) * (1u | a);
        t = (t + ((t ^ (t >> 7)) * (61u | t))) ^ t;
        return static_cast<double>(t ^ (t >> 14)) / 4294967296.0;
    }
};

void set_from_double(ir::Tensor& t, int64_t i, double v) {
    switch (t.dtype()) {
    case ir::DType::Float32: t.data<float>()[i] = static_cast<float>(v); break;
    case ir::DType::Float64: t.data<double>()[i] = v; break;
    case ir::DType::Float16: t.data<uint16_t>()[i] = ir::float_to_half(static_cast<float>(v)); break;
    case ir::DType::BFloat16: t.data<uint16_t>()[i] = ir::float_to_bfloat16(static_cast<float>(v)); break;
    case ir::DType::Int32: t.data<int32_t>()[i] = static_cast<int32_t>(v); break;
    case ir::DType::Int64: t.data<int64_t>()[i] = static_cast<int64_t>(v); break;
    case ir::DType::Int16: t.data<int16_t>()[i] = static_cast<int16_t>(v); break;
    case ir::DType::Int8: t.data<int8_t>()[i] = static_cast<int8_t>(v); break;
    case ir::DType::UInt8: t.data<uint8_t>()[i] = static_cast<uint8_t>(v); break;
    case ir::DType::UInt16: t.data<uint16_t>()[i] = static_cast<uint16_t>(v); break;
    case ir::DType::Bool: t.data<bool>()[i] = v != 0.0; break;
    default: break;
    }
}

}  // namespace

std::string sanitize_tensor_name(const std::string& name) {
    std::string out = name;
    for (char& c : out)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-')) c = '_';
    return out;
}

Expected<std::vector<NamedTensor>> read_tensor_set(const fs::path& manifest) {
    std::ifstream in(manifest);
    if (!in) return Error{manifest.string(), {}, "cannot open"};
    json j;
    try {
        in >> j;
    } catch (const std::exception& e) {
        return Error{manifest.string(), {}, std::string("not valid JSON: ") + e.what()};
    }
    if (!j.is_object()) return Error{manifest.string(), {}, "expected an object of tensors"};
    std::vector<NamedTensor> out;
    for (auto& [name, e] : j.items()) {
        const std::string item = "tensor '" + name + "'";
        try {
            auto dtype = ir::dtype_from_name(e.value("dtype", std::string("float32")));
            if (!dtype || ir::dtype_size(*dtype) == 0) return Error{manifest.string(), item, "unsupported dtype"};
            ir::Shape shape(e.at("shape").get<std::vector<int64_t>>());
            if (!shape.fully_defined()) return Error{manifest.string(), item, "shape must be fully defined"};
            ir::Tensor t(*dtype, shape);
            if (e.contains("data")) {
                const auto& d = e.at("data");
                if (d.size() != static_cast<std::size_t>(t.num_elements()))
                    return Error{manifest.string(), item, "data has " + std::to_string(d.size()) + " values, shape needs " +
                                                              std::to_string(t.num_elements())};
                for (std::size_t i = 0; i < d.size(); ++i)
                    set_from_double(t, static_cast<int64_t>(i), d[i].is_boolean() ? (d[i].get<bool>() ? 1.0 : 0.0) : d[i].get<double>());
            } else {
                const fs::path file = manifest.parent_path() / e.at("file").get<std::string>();
                std::ifstream bin(file, std::ios::binary);
                if (!bin) return Error{file.string(), item, "cannot open"};
                bin.read(reinterpret_cast<char*>(t.raw()), static_cast<std::streamsize>(t.byte_size()));
                if (static_cast<std::size_t>(bin.gcount()) != t.byte_size())
                    return Error{file.string(), item, "file holds fewer than the " + std::to_string(t.byte_size()) + " bytes the shape needs"};
            }
            out.emplace_back(name, std::move(t));
        } catch (const std::exception& ex) {
            return Error{manifest.string(), item, ex.what()};
        }
    }
    return out;
}

Status write_tensor_set(const fs::path& dir, const std::string& manifest_name, const std::vector<NamedTensor>& tensors) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Error{dir.string(), {}, "cannot create directory: " + ec.message()};
    json manifest = json::object();
    for (const auto& [name, t] : tensors) {
        if (t.dtype() == ir::DType::String) return Error{dir.string(), "tensor '" + name + "'", "string tensors cannot be written as .bin"};
        const std::string file = sanitize_tensor_name(name) + ".bin";
        std::ofstream out(dir / file, std::ios::binary);
        out.write(reinterpret_cast<const char*>(t.raw()), static_cast<std::streamsize>(t.byte_size()));
        if (!out) return Error{(dir / file).string(), {}, "write failed"};
        manifest[name] = {{"shape", t.shape().dims}, {"dtype", std::string(ir::dtype_name(t.dtype()))}, {"file", file}};
    }
    std::ofstream out(dir / manifest_name);
    out << manifest.dump(1) << "\n";
    if (!out) return Error{(dir / manifest_name).string(), {}, "write failed"};
    return Ok{};
}

Expected<std::vector<NamedTensor>> make_inputs(const ir::Model& model, const InputSpec& spec) {
    std::vector<ir::TensorInfo> specs = model.inputs;
    if (specs.empty())
        for (const auto& n : model.graph.nodes())
            if (n.op == "Placeholder") {
                ir::TensorInfo info;
                info.key = info.name = n.name;
                info.dtype = ir::attr_type(n.attrs, "dtype", ir::DType::Float32);
                if (const ir::Shape* s = ir::attr_shape(n.attrs, "shape")) info.shape = *s;
                specs.push_back(info);
            }
    std::map<std::string, ir::Tensor> from_file;
    if (!spec.input_json.empty()) {
        auto set = read_tensor_set(spec.input_json);
        if (!set) return set.error();
        for (auto& [name, t] : *set) from_file[name] = t;
    }
    std::vector<NamedTensor> out;
    Mulberry32 rng{spec.seed};
    for (const auto& info : specs) {
        const std::string key = info.key.empty() ? info.name : info.key;
        // tfjs-reference names inputs by node ("input"), signatures by tensor ("input:0"): accept both.
        for (const std::string& n : {key, info.name, tensor_node_name(key), tensor_node_name(info.name)}) {
            auto it = from_file.find(n);
            if (it != from_file.end()) {
                out.emplace_back(key, it->second);
                break;
            }
        }
        if (!out.empty() && out.back().first == key) continue;
        if (!spec.input_json.empty())
            return Error{spec.input_json.string(), "input '" + key + "'", "not in the input file"};
        std::vector<int64_t> dims = info.shape.dims;
        for (const std::string& n : {key, info.name})
            if (auto s = spec.shapes.find(n); s != spec.shapes.end()) dims = s->second;
        if (info.shape.unknown_rank && !spec.shapes.count(key) && !spec.shapes.count(info.name))
            return Error{model.source_path, "input '" + key + "'", "has an unknown rank; pass --shape " + key + "=d0,d1,.."};
        for (std::size_t k = 0; k < dims.size(); ++k)
            if (dims[k] < 0) {
                if (k != 0) return Error{model.source_path, "input '" + key + "'", "has unknown dimension " + std::to_string(k) + "; pass --shape " + key + "=d0,d1,.."};
                dims[k] = 1;
            }
        const ir::DType dtype = info.dtype == ir::DType::Invalid ? ir::DType::Float32 : info.dtype;
        if (ir::dtype_size(dtype) == 0) return Error{model.source_path, "input '" + key + "'", "cannot synthesise this dtype"};
        ir::Tensor t(dtype, ir::Shape(dims));
        for (int64_t i = 0; i < t.num_elements(); ++i) {
            double v = spec.fill == "ones" ? 1.0 : 0.0;
            if (spec.fill == "random") {
                v = spec.lo + (spec.hi - spec.lo) * rng.next();
                if (!ir::is_floating(dtype)) v = std::floor(v);
            }
            set_from_double(t, i, v);
        }
        out.emplace_back(key, std::move(t));
    }
    return out;
}

}  // namespace wb::runtime
