// SPDX-License-Identifier: Apache-2.0
#include "corpus_case.h"

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace wb::test {

namespace fs = std::filesystem;

namespace {

std::string restore_slashes(std::string s) {
    for (std::size_t p; (p = s.find("____")) != std::string::npos;) s.replace(p, 4, "/");
    return s;
}

std::map<std::string, std::string> read_dtypes(const fs::path& dir) {
    std::map<std::string, std::string> out;
    std::ifstream in(dir / "dtypes");
    std::string line;
    while (std::getline(in, line)) {
        auto sp = line.rfind(' ');
        if (sp == std::string::npos) continue;
        out[restore_slashes(line.substr(0, sp))] = line.substr(sp + 1);
    }
    return out;
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

CorpusCase scan_case(const fs::path& dir, bool (*node_exists)(const void*, const std::string&),
                     const void* graph) {
    CorpusCase c;
    c.dir = dir;
    const auto dtypes = read_dtypes(dir);
    auto dtype_of = [&](const std::string& key) {
        auto it = dtypes.find(key);
        return it == dtypes.end() ? std::string() : it->second;
    };
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
        if (!it->is_regular_file()) continue;
        // Nested folders hold nodes whose names contain '/'.
        std::string rel = restore_slashes(fs::relative(it->path(), dir).generic_string());
        RefTensor ref;
        ref.csv = it->path();
        if (ends_with(rel, ".placeholder.csv")) {
            ref.node = rel.substr(0, rel.size() - 16);
            ref.dtype_name = dtype_of(ref.node);
            c.placeholders.push_back(ref);
        } else if (ends_with(rel, ".prediction_inbw.csv")) {
            std::string base = rel.substr(0, rel.size() - 20);
            auto dot = base.rfind('.');
            ref.node = base.substr(0, dot);
            ref.index = std::stoi(base.substr(dot + 1));
            ref.dtype_name = dtype_of(base);
            c.intermediates.push_back(ref);
        } else if (ends_with(rel, ".prediction.csv")) {
            std::string base = rel.substr(0, rel.size() - 15);
            ref.node = base;
            auto dot = base.rfind('.');
            if (!node_exists(graph, base) && dot != std::string::npos &&
                base.find_first_not_of("0123456789", dot + 1) == std::string::npos && dot + 1 < base.size()) {
                ref.node = base.substr(0, dot);
                ref.index = std::stoi(base.substr(dot + 1));
            }
            ref.dtype_name = dtype_of(ref.node + "." + std::to_string(ref.index));
            c.predictions.push_back(ref);
        }
    }
    return c;
}

bool read_ref(const RefTensor& ref, ir::Tensor& out, std::string& error) {
    fs::path shape_path = ref.csv;
    shape_path.replace_extension(".shape");
    std::vector<int64_t> dims;
    {
        std::ifstream in(shape_path);
        std::string line;
        while (std::getline(in, line))
            if (!line.empty()) dims.push_back(std::stoll(line));
    }
    std::vector<std::string> values;
    {
        std::ifstream in(ref.csv);
        std::string line;
        while (std::getline(in, line)) {
            while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
            std::size_t start = line.find_first_not_of(' ');
            values.push_back(start == std::string::npos ? std::string() : line.substr(start));
        }
        if (!values.empty() && values.back().empty() && ref.dtype_name != "string") values.pop_back();
    }
    ir::Shape shape(dims);
    if (dims.size() == 1 && dims[0] == 0 && values.size() == 1) shape = ir::Shape{};  // scalar
    auto dtype = ir::dtype_from_name(ref.dtype_name);
    if (!dtype || *dtype == ir::DType::Resource) {
        error = "unsupported reference dtype '" + ref.dtype_name + "'";
        return false;
    }
    auto n = shape.num_elements();
    if (!n || static_cast<std::size_t>(*n) != values.size()) {
        error = ref.csv.filename().string() + ": " + std::to_string(values.size()) + " values for shape " +
                shape.to_string();
        return false;
    }
    if (*dtype == ir::DType::String) {
        out = ir::Tensor::from_strings(shape, values);
        return true;
    }
    out = ir::Tensor(*dtype, shape);
    for (int64_t i = 0; i < *n; ++i) {
        const std::string& v = values[i];
        double d = v == "True" || v == "true" ? 1.0 : v == "False" || v == "false" ? 0.0 : std::strtod(v.c_str(), nullptr);
        long long ll = std::strtoll(v.c_str(), nullptr, 10);
        unsigned long long ull = std::strtoull(v.c_str(), nullptr, 10);
        switch (*dtype) {
        case ir::DType::Float32: out.data<float>()[i] = static_cast<float>(d); break;
        case ir::DType::Float64: out.data<double>()[i] = d; break;
        case ir::DType::Float16: out.data<uint16_t>()[i] = ir::float_to_half(static_cast<float>(d)); break;
        case ir::DType::BFloat16: out.data<uint16_t>()[i] = ir::float_to_bfloat16(static_cast<float>(d)); break;
        case ir::DType::Bool: out.data<bool>()[i] = d != 0.0; break;
        case ir::DType::Int8: out.data<int8_t>()[i] = static_cast<int8_t>(ll); break;
        case ir::DType::Int16: out.data<int16_t>()[i] = static_cast<int16_t>(ll); break;
        case ir::DType::Int32: out.data<int32_t>()[i] = static_cast<int32_t>(ll); break;
        case ir::DType::Int64: out.data<int64_t>()[i] = static_cast<int64_t>(ll); break;
        case ir::DType::UInt8: out.data<uint8_t>()[i] = static_cast<uint8_t>(ull); break;
        case ir::DType::UInt16: out.data<uint16_t>()[i] = static_cast<uint16_t>(ull); break;
        case ir::DType::UInt32: out.data<uint32_t>()[i] = static_cast<uint32_t>(ull); break;
        case ir::DType::UInt64: out.data<uint64_t>()[i] = static_cast<uint64_t>(ull); break;
        default: error = "unsupported reference dtype '" + ref.dtype_name + "'"; return false;
        }
    }
    return true;
}

bool tensors_match(const ir::Tensor& got, const ir::Tensor& want, std::string& detail) {
    if (got.num_elements() != want.num_elements() ||
        (got.shape() != want.shape() && !(got.num_elements() == 1 && want.num_elements() == 1))) {
        detail = "shape " + got.shape().to_string() + " vs expected " + want.shape().to_string();
        return false;
    }
    if (want.dtype() == ir::DType::String) {
        if (got.dtype() != ir::DType::String || got.strings() != want.strings()) {
            detail = "string values differ";
            return false;
        }
        return true;
    }
    if (got.dtype() != want.dtype()) {
        detail = "dtype " + std::string(ir::dtype_name(got.dtype())) + " vs expected " +
                 std::string(ir::dtype_name(want.dtype()));
        return false;
    }
    double atol = 0, rtol = 0;
    switch (want.dtype()) {
    case ir::DType::Float32: case ir::DType::Float64: atol = 1e-5; rtol = 1e-4; break;
    case ir::DType::Float16: atol = 1e-3; rtol = 2e-3; break;
    case ir::DType::BFloat16: atol = 1e-2; rtol = 1.6e-2; break;
    default: break;
    }
    for (int64_t i = 0; i < want.num_elements(); ++i) {
        const double a = got.value_as_double(i), b = want.value_as_double(i);
        if (std::isnan(a) && std::isnan(b)) continue;
        if (a == b) continue;
        if (std::isfinite(a) && std::isfinite(b) && std::abs(a - b) <= atol + rtol * std::abs(b)) continue;
        std::ostringstream os;
        os.precision(9);
        os << "element " << i << ": got " << a << ", expected " << b;
        detail = os.str();
        return false;
    }
    return true;
}

}  // namespace wb::test
