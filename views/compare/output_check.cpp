// SPDX-License-Identifier: Apache-2.0
#include "views/compare/output_check.h"

#include <algorithm>
#include <cmath>

#include "runtime/session.h"
#include "runtime/tensor_io.h"

namespace wb::views {

namespace {

Expected<std::vector<ir::Tensor>> run(std::shared_ptr<const ir::Model> model, const std::vector<runtime::NamedTensor>& feeds,
                                      const std::vector<std::string>& fetches, const char* which) {
    auto session = runtime::Session::create(std::move(model));
    if (!session) return Error{{}, std::string(which) + " graph", session.error().what()};
    auto out = (*session)->run(feeds, fetches);
    if (!out) return Error{{}, std::string(which) + " graph", out.error().what()};
    return std::move(*out);
}

}  // namespace

Expected<std::vector<OutputDifference>> compare_outputs(std::shared_ptr<const ir::Model> original,
                                                        std::shared_ptr<const ir::Model> optimized) {
    auto feeds = runtime::make_inputs(*original, runtime::InputSpec{});
    if (!feeds) return feeds.error();
    std::vector<std::string> fetches;
    for (const auto& o : original->outputs) fetches.push_back(o.name);
    auto a = run(original, *feeds, fetches, "original");
    if (!a) return a.error();
    auto b = run(optimized, *feeds, fetches, "optimized");
    if (!b) return b.error();
    std::vector<OutputDifference> diffs;
    for (std::size_t i = 0; i < a->size() && i < b->size(); ++i) {
        const ir::Tensor& x = (*a)[i];
        const ir::Tensor& y = (*b)[i];
        OutputDifference d;
        d.output = i < fetches.size() ? fetches[i] : "output " + std::to_string(i);
        d.shape = x.shape().to_string();
        if (x.shape() != y.shape() || x.dtype() != y.dtype())
            return Error{{}, "output '" + d.output + "'", "the optimized graph gives " + std::string(ir::dtype_name(y.dtype())) + " " +
                         y.shape().to_string() + ", the original " + std::string(ir::dtype_name(x.dtype())) + " " + d.shape};
        if (x.dtype() == ir::DType::String) { diffs.push_back(d); continue; }
        double range = 0;
        for (int64_t k = 0; k < x.num_elements(); ++k) {
            const double u = x.value_as_double(k), v = y.value_as_double(k);
            range = std::max(range, std::abs(u));
            const double delta = std::isnan(u) != std::isnan(v) ? INFINITY : (std::isnan(u) ? 0.0 : std::abs(u - v));
            d.max_abs = std::max(d.max_abs, delta);
        }
        d.max_rel = range > 0 ? d.max_abs / range : d.max_abs;
        diffs.push_back(std::move(d));
    }
    if (a->size() != b->size())
        return Error{{}, {}, "the optimized graph gives " + std::to_string(b->size()) + " outputs, the original " + std::to_string(a->size())};
    return diffs;
}

}  // namespace wb::views
