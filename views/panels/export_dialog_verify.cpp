// SPDX-License-Identifier: Apache-2.0
#include "views/panels/export_dialog_verify.h"

#include <algorithm>
#include <cmath>

#include "runtime/tensor_io.h"

namespace wb::views {
namespace {

std::string node_of(const std::string& name) { return ir::parse_input(name).node; }

// The source entry matching an export entry: same key, else same node, else same position.
int match(const std::vector<ir::TensorInfo>& source, const ir::TensorInfo& wanted, std::size_t position) {
    for (std::size_t i = 0; i < source.size(); ++i)
        if (!wanted.key.empty() && source[i].key == wanted.key) return static_cast<int>(i);
    for (std::size_t i = 0; i < source.size(); ++i)
        if (node_of(source[i].name) == node_of(wanted.name)) return static_cast<int>(i);
    return position < source.size() ? static_cast<int>(position) : -1;
}

std::string feed_name(const ir::TensorInfo& t) { return t.key.empty() ? t.name : t.key; }

Expected<OutputDiff> compare(const std::string& name, const ir::Tensor& expected, const ir::Tensor& got) {
    if (expected.shape() != got.shape())
        return Error{{}, name, "shapes differ: source " + expected.shape().to_string() + ", export " + got.shape().to_string()};
    OutputDiff d{name, got.shape().to_string()};
    if (expected.dtype() != ir::DType::Float32 || got.dtype() != ir::DType::Float32) {
        // Integer and bool outputs compare byte for byte.
        const bool same = expected.dtype() == got.dtype() && expected.byte_size() == got.byte_size() &&
                          std::equal(expected.data<char>(), expected.data<char>() + expected.byte_size(), got.data<char>());
        d.max_abs = d.max_rel = same ? 0.0 : INFINITY;
        return d;
    }
    const float *a = expected.data<float>(), *b = got.data<float>();
    double peak = 0;
    for (int64_t i = 0; i < expected.num_elements(); ++i) {
        const double diff = std::abs(static_cast<double>(b[i]) - a[i]);
        d.max_abs = std::isnan(diff) ? INFINITY : std::max(d.max_abs, diff);
        peak = std::max(peak, std::abs(static_cast<double>(a[i])));
    }
    d.max_rel = peak > 0 ? d.max_abs / peak : d.max_abs;
    return d;
}

}  // namespace

double VerifyResult::worst_abs() const {
    double worst = 0;
    for (const auto& o : outputs) worst = std::max(worst, o.max_abs);
    return worst;
}

Expected<VerifyResult> verify_export(const std::filesystem::path& source, const std::string& reader_name,
                                     const formats::ReadOptions& options, const std::filesystem::path& exported,
                                     const Progress& progress) {
    const formats::Reader* reader = formats::find_reader(reader_name);
    if (!reader) return Error{source.string(), {}, "no reader for input format '" + reader_name + "'"};
    progress.report(0.05, "reading the source model");
    auto src = reader->read(source, options, {});
    if (!src) return src.error();
    progress.report(0.25, "reading the export");
    auto out = formats::read_model(exported / "model.json");
    if (!out) return out.error();
    if (progress.cancelled()) return Error{exported.string(), {}, "cancelled"};

    runtime::InputSpec spec;  // tfjs-wb run's defaults: --fill random --seed 42
    auto inputs = runtime::make_inputs(*out, spec);
    if (!inputs) return inputs.error();
    VerifyResult result;
    result.inputs = *inputs;
    std::vector<runtime::NamedTensor> src_feeds;
    const auto& exported_inputs = out->inputs;
    for (std::size_t i = 0; i < inputs->size(); ++i) {
        ir::TensorInfo wanted{(*inputs)[i].first, (*inputs)[i].first};
        for (const auto& e : exported_inputs)
            if (feed_name(e) == (*inputs)[i].first) wanted = e;
        const int k = match(src->inputs, wanted, i);
        src_feeds.emplace_back(k >= 0 ? feed_name(src->inputs[static_cast<std::size_t>(k)]) : wanted.name, (*inputs)[i].second);
    }

    // Fetch pairs: every export output with its source counterpart. A graph model written from a
    // frozen graph declares no signature: its outputs are the source's output nodes.
    std::vector<ir::TensorInfo> targets = out->outputs;
    if (targets.empty())
        for (const auto& s : src->outputs) targets.push_back({node_of(s.name), s.name});
    std::vector<std::string> out_fetches, src_fetches, names;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const int k = match(src->outputs, targets[i], i);
        if (k < 0) continue;
        names.push_back(feed_name(targets[i]));
        out_fetches.push_back(targets[i].name.empty() ? targets[i].key : targets[i].name);
        const auto& s = src->outputs[static_cast<std::size_t>(k)];
        src_fetches.push_back(s.name.empty() ? s.key : s.name);
    }
    if (names.empty()) return Error{exported.string(), {}, "the export and the source share no output to compare"};

    auto run = [&](ir::Model model, const std::vector<runtime::NamedTensor>& feeds,
                   const std::vector<std::string>& fetches) -> Expected<std::vector<ir::Tensor>> {
        auto session = runtime::Session::create(std::make_shared<const ir::Model>(std::move(model)), {});
        if (!session) return session.error();
        return (*session)->run(feeds, fetches);
    };
    progress.report(0.4, "running the source model");
    auto expected = run(std::move(*src), src_feeds, src_fetches);
    if (!expected) return expected.error();
    if (progress.cancelled()) return Error{exported.string(), {}, "cancelled"};
    progress.report(0.7, "running the export");
    auto got = run(std::move(*out), *inputs, out_fetches);
    if (!got) return got.error();
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto d = compare(names[i], (*expected)[i], (*got)[i]);
        if (!d) return Error{exported.string(), d.error().item, d.error().message};
        result.outputs.push_back(std::move(*d));
        result.expected.emplace_back(names[i], (*expected)[i]);
    }
    progress.report(1.0, "verified");
    return result;
}

}  // namespace wb::views
