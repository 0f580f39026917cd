// SPDX-License-Identifier: Apache-2.0
#include "analysis/quant_report_inputs.h"

#include <cstring>
#include <fstream>
#include <optional>
#include <map>
#include <random>

#include <nlohmann/json.hpp>

#include "analysis/image_input.h"

namespace wb::analysis {
namespace {

namespace fs = std::filesystem;

Error file_error(const fs::path& file, std::string item, std::string message) {
    return Error{file.string(), std::move(item), std::move(message)};
}

Expected<std::vector<char>> read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return file_error(path, {}, "cannot open file");
    return std::vector<char>(std::istreambuf_iterator<char>(in), {});
}

ir::Shape concrete_shape(const ir::Shape& shape, const RandomInputOptions& o) {
    if (shape.unknown_rank) return ir::Shape{o.batch};
    ir::Shape s = shape;
    for (std::size_t i = 0; i < s.dims.size(); ++i)
        if (s.dims[i] < 0) s.dims[i] = i == 0 ? o.batch : o.dynamic_dim;
    return s;
}

// Narrows float64/int64 data to the model's float32/int32 input; other mismatches are errors.
Expected<ir::Tensor> to_input_dtype(const ir::Tensor& t, ir::DType want, const fs::path& file, const std::string& item) {
    if (t.dtype() == want) return t;
    const bool narrow_float = t.dtype() == ir::DType::Float64 && want == ir::DType::Float32;
    const bool narrow_int = t.dtype() == ir::DType::Int64 && want == ir::DType::Int32;
    if (!narrow_float && !narrow_int)
        return file_error(file, item, "dtype " + std::string(ir::dtype_name(t.dtype())) + " does not match the input's " +
                                          std::string(ir::dtype_name(want)));
    ir::Tensor out(want, t.shape());
    for (int64_t i = 0; i < t.num_elements(); ++i) {
        if (narrow_float) out.data<float>()[i] = static_cast<float>(t.data<double>()[i]);
        else out.data<int32_t>()[i] = static_cast<int32_t>(t.data<int64_t>()[i]);
    }
    return out;
}

bool shape_fits(const ir::Shape& want, const ir::Shape& got, bool skip_batch) {
    if (want.unknown_rank) return true;
    if (want.rank() != got.rank()) return false;
    for (int i = skip_batch ? 1 : 0; i < want.rank(); ++i)
        if (want.dims[i] >= 0 && want.dims[i] != got.dims[i]) return false;
    return true;
}

// One file's tensors (input index → tensor) → samples, split along a -1 batch dim.
Expected<std::vector<Sample>> to_samples(const std::vector<InputSpec>& inputs, std::map<std::size_t, ir::Tensor> given,
                                         const fs::path& file) {
    int64_t split = 0;  // 0 = no split
    for (auto& [i, t] : given) {
        auto conv = to_input_dtype(t, inputs[i].dtype, file, "input '" + inputs[i].key + "'");
        if (!conv) return conv.error();
        t = *conv;
        const auto& want = inputs[i].shape;
        if (!shape_fits(want, t.shape(), false))
            return file_error(file, "input '" + inputs[i].key + "'",
                              "shape " + t.shape().to_string() + " does not fit the model's " + want.to_string());
        int64_t n = t.shape().rank() > 0 && !want.unknown_rank && want.rank() > 0 && want.dims[0] < 0 ? t.shape().dims[0] : 1;
        if (split == 0) split = n;
        else if (split != n) split = 1;
    }
    std::vector<Sample> samples;
    if (split <= 1) {
        Sample s;
        for (const auto& [i, t] : given) s.push_back({inputs[i].feed_name, t});
        samples.push_back(std::move(s));
        return samples;
    }
    for (int64_t k = 0; k < split; ++k) {
        Sample s;
        for (const auto& [i, t] : given) {
            ir::Shape one = t.shape();
            one.dims[0] = 1;
            const std::size_t bytes = t.byte_size() / static_cast<std::size_t>(split);
            s.push_back({inputs[i].feed_name, ir::Tensor::from_bytes(t.dtype(), one, t.bytes().subspan(k * bytes, bytes))});
        }
        samples.push_back(std::move(s));
    }
    return samples;
}

std::optional<std::size_t> find_input(const std::vector<InputSpec>& inputs, const std::string& name) {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const auto& f = inputs[i].feed_name;
        if (name == inputs[i].key || name == f || (f.size() > 2 && f.ends_with(":0") && name == f.substr(0, f.size() - 2)))
            return i;
    }
    return std::nullopt;
}

Expected<std::vector<Sample>> load_inputs_json(const std::vector<InputSpec>& inputs, const fs::path& path) {
    auto text = read_all(path);
    if (!text) return text.error();
    nlohmann::json doc = nlohmann::json::parse(text->begin(), text->end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return file_error(path, {}, "not a JSON object of named tensors");
    std::map<std::size_t, ir::Tensor> given;
    for (const auto& [name, spec] : doc.items()) {
        auto index = find_input(inputs, name);
        if (!index) return file_error(path, "tensor '" + name + "'", "the model has no input of that name");
        try {
            auto dtype = ir::dtype_from_name(spec.value("dtype", std::string(ir::dtype_name(inputs[*index].dtype))));
            if (!dtype || ir::dtype_size(*dtype) == 0) return file_error(path, "tensor '" + name + "'", "unsupported dtype");
            ir::Tensor t(*dtype, ir::Shape(spec.at("shape").get<std::vector<int64_t>>()));
            if (spec.contains("file")) {
                auto bytes = read_all(path.parent_path() / spec["file"].get<std::string>());
                if (!bytes) return bytes.error();
                if (bytes->size() != t.byte_size())
                    return file_error(path, "tensor '" + name + "'", "file holds " + std::to_string(bytes->size()) +
                                                                       " bytes, shape needs " + std::to_string(t.byte_size()));
                std::memcpy(t.raw(), bytes->data(), bytes->size());
            } else {
                const auto& data = spec.at("data");
                if (!data.is_array() || static_cast<int64_t>(data.size()) != t.num_elements())
                    return file_error(path, "tensor '" + name + "'", "data does not match the shape");
                for (int64_t i = 0; i < t.num_elements(); ++i) {
                    double v = data[static_cast<std::size_t>(i)].get<double>();
                    switch (*dtype) {
                    case ir::DType::Float32: t.data<float>()[i] = static_cast<float>(v); break;
                    case ir::DType::Int32: t.data<int32_t>()[i] = static_cast<int32_t>(v); break;
                    case ir::DType::Bool: t.data<uint8_t>()[i] = v != 0; break;
                    default: return file_error(path, "tensor '" + name + "'", "inline data only for float32/int32/bool");
                    }
                }
            }
            given[*index] = std::move(t);
        } catch (const std::exception& e) {
            return file_error(path, "tensor '" + name + "'", std::string("malformed entry: ") + e.what());
        }
    }
    if (given.size() != inputs.size()) return file_error(path, {}, "does not give every model input");
    return to_samples(inputs, std::move(given), path);
}

// The scalar value of a Const node, if `name` is one.
std::optional<double> scalar_const(const ir::Model& model, const std::string& name) {
    const ir::Node* n = model.graph.find(ir::parse_input(name).node);
    if (!n || !n->is_const()) return std::nullopt;
    const ir::Tensor* t = ir::attr_tensor(n->attrs, "value");
    if (!t || t->num_elements() != 1) return std::nullopt;
    return t->value_as_double(0);
}

}  // namespace

std::pair<double, double> float_input_range(const ir::Model& model, const InputSpec& input,
                                            const RandomInputOptions& o) {
    if (!o.auto_range) return {o.low, o.high};
    const std::string node = ir::parse_input(input.feed_name).node;
    for (const auto& n : model.graph.nodes()) {
        const auto in = n.data_inputs();
        if (in.size() != 2 || (in[0].node != node && in[1].node != node)) continue;
        const std::string other = in[0].node == node ? n.inputs[1] : n.inputs[0];
        auto c = scalar_const(model, other);
        if (!c) continue;
        const bool pixels_mul = n.op == "Mul" && *c > 0 && *c <= 0.01;
        const bool pixels_div = (n.op == "RealDiv" || n.op == "Div") && in[0].node == node && *c >= 100;
        if (pixels_mul || pixels_div) return {0.0, 255.0};
    }
    return {o.low, o.high};
}

std::vector<InputSpec> model_inputs(const ir::Model& model) {
    std::vector<InputSpec> out;
    for (const auto& info : model.inputs)
        out.push_back({info.name.empty() ? info.key : info.name, info.key.empty() ? info.name : info.key, info.dtype, info.shape});
    if (!out.empty()) return out;
    for (const auto& node : model.graph.nodes()) {
        if (node.op != "Placeholder") continue;
        const ir::Shape* shape = ir::attr_shape(node.attrs, "shape");
        out.push_back({node.name, node.name, ir::attr_type(node.attrs, "dtype", ir::DType::Float32),
                       shape ? *shape : ir::Shape::unknown()});
    }
    return out;
}

Expected<std::vector<Sample>> random_samples(const ir::Model& model, int count, const RandomInputOptions& o) {
    const auto inputs = model_inputs(model);
    std::mt19937 rng(o.seed);
    std::vector<std::uniform_real_distribution<double>> real;
    for (const auto& in : inputs) {
        auto [low, high] = float_input_range(model, in, o);
        real.emplace_back(low, high);
    }
    std::uniform_int_distribution<int64_t> integer(o.int_low, std::max(o.int_low, o.int_high - 1));
    std::vector<Sample> samples;
    for (int s = 0; s < count; ++s) {
        Sample sample;
        for (std::size_t k = 0; k < inputs.size(); ++k) {
            const InputSpec& in = inputs[k];
            ir::Tensor t(in.dtype, concrete_shape(in.shape, o));
            for (int64_t i = 0; i < t.num_elements(); ++i) {
                switch (in.dtype) {
                case ir::DType::Float32: t.data<float>()[i] = static_cast<float>(real[k](rng)); break;
                case ir::DType::Float64: t.data<double>()[i] = real[k](rng); break;
                case ir::DType::Int32: t.data<int32_t>()[i] = static_cast<int32_t>(integer(rng)); break;
                case ir::DType::Int64: t.data<int64_t>()[i] = integer(rng); break;
                case ir::DType::Bool: t.data<uint8_t>()[i] = static_cast<uint8_t>(rng() & 1u); break;
                default:
                    return Error{model.source_path, "input '" + in.key + "'",
                                 "cannot make random " + std::string(ir::dtype_name(in.dtype)) + " data; pass --input files"};
                }
            }
            sample.push_back({in.feed_name, std::move(t)});
        }
        samples.push_back(std::move(sample));
    }
    return samples;
}

Expected<std::vector<Sample>> load_samples(const ir::Model& model, const std::vector<std::string>& specs) {
    const auto inputs = model_inputs(model);
    std::vector<Sample> samples;
    for (const auto& spec : specs) {
        Expected<std::vector<Sample>> loaded = std::vector<Sample>{};
        auto eq = spec.find('=');
        fs::path path = eq == std::string::npos ? spec : spec.substr(eq + 1);
        if (path.extension() == ".json" && eq == std::string::npos) {
            loaded = load_inputs_json(inputs, path);
        } else if (path.extension() == ".npy" || is_image_file(path)) {
            std::optional<std::size_t> index;
            if (eq != std::string::npos) index = find_input(inputs, spec.substr(0, eq));
            else if (inputs.size() == 1) index = 0;
            if (!index)
                return file_error(path, {}, eq == std::string::npos ? "the model has several inputs: write NAME=FILE.npy"
                                                                    : "the model has no input '" + spec.substr(0, eq) + "'");
            if (inputs.size() != 1)
                return file_error(path, {}, "a .npy or image gives one input; use inputs.json for multi-input models");
            auto t = is_image_file(path) ? read_image(path) : read_npy(path);
            if (t && is_image_file(path))
                t = image_to_input(*t, inputs[*index], float_input_range(model, inputs[*index], {}), path);
            if (!t) return t.error();
            loaded = to_samples(inputs, {{*index, *t}}, path);
        } else {
            return file_error(path, {}, "unsupported input file: expected inputs.json, .npy, .png or .jpg");
        }
        if (!loaded) return loaded.error();
        for (auto& s : *loaded) samples.push_back(std::move(s));
    }
    return samples;
}

}  // namespace wb::analysis
