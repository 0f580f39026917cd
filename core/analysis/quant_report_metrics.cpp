// SPDX-License-Identifier: Apache-2.0
#include "analysis/quant_report_metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace wb::analysis {
namespace {

bool is_float(ir::DType t) {
    return t == ir::DType::Float32 || t == ir::DType::Float64 || t == ir::DType::Float16 ||
           t == ir::DType::BFloat16;
}

// The values as float32 (shared storage when already float32).
std::vector<float> as_floats(const ir::Tensor& t) {
    std::vector<float> out(static_cast<std::size_t>(t.num_elements()));
    for (int64_t i = 0; i < t.num_elements(); ++i) out[static_cast<std::size_t>(i)] = static_cast<float>(t.value_as_double(i));
    return out;
}

// Indices of the k largest scores, best first (ties: lower index first, as tf.topk).
std::vector<int64_t> top_k(const float* row, int64_t classes, int64_t k) {
    std::vector<int64_t> idx(static_cast<std::size_t>(classes));
    for (int64_t c = 0; c < classes; ++c) idx[static_cast<std::size_t>(c)] = c;
    k = std::min(k, classes);
    std::partial_sort(idx.begin(), idx.begin() + k, idx.end(), [row](int64_t a, int64_t b) {
        return row[a] > row[b] || (row[a] == row[b] && a < b);
    });
    idx.resize(static_cast<std::size_t>(k));
    return idx;
}

}  // namespace

bool is_class_vector(const ir::Tensor& t) {
    const auto& dims = t.shape().dims;
    return is_float(t.dtype()) && (dims.size() == 1 || dims.size() == 2) && !dims.empty() && dims.back() >= 2;
}

void ErrorAccumulator::add(const ir::Tensor& reference, const ir::Tensor& test, bool class_vector) {
    if (!is_float(reference.dtype()) || !is_float(test.dtype())) return;
    if (reference.num_elements() != test.num_elements()) return;
    const int64_t n = reference.num_elements();
    std::vector<float> ref_copy, test_copy;
    const float* r = reference.dtype() == ir::DType::Float32 ? reference.data<float>()
                                                            : (ref_copy = as_floats(reference)).data();
    const float* q = test.dtype() == ir::DType::Float32 ? test.data<float>() : (test_copy = as_floats(test)).data();
    add_values(r, q, n);
    if (class_vector && is_class_vector(reference) && n > 0) {
        const int64_t classes = reference.shape().dims.back();
        add_rows(r, q, n / classes, classes);
    }
}

void ErrorAccumulator::add_values(const float* ref, const float* test, int64_t n) {
    // Per-call partial sums keep the double accumulators few and the loop vectorizable.
    double max_abs = max_abs_, sum_abs = 0, sum_sq_err = 0, sum_sq_ref = 0, sum_sq_test = 0, dot = 0;
    bool nan = std::isnan(max_abs_);
    for (int64_t i = 0; i < n; ++i) {
        const double a = ref[i], b = test[i], e = b - a, ae = std::fabs(e);
        if (ae > max_abs) max_abs = ae;
        nan |= std::isnan(ae);
        sum_abs += ae;
        sum_sq_err += e * e;
        sum_sq_ref += a * a;
        sum_sq_test += b * b;
        dot += a * b;
    }
    max_abs_ = nan ? std::numeric_limits<double>::quiet_NaN() : max_abs;
    sum_abs_ += sum_abs;
    sum_sq_err_ += sum_sq_err;
    sum_sq_ref_ += sum_sq_ref;
    sum_sq_test_ += sum_sq_test;
    dot_ += dot;
    count_ += n;
}

void ErrorAccumulator::add_rows(const float* ref, const float* test, int64_t rows, int64_t classes) {
    for (int64_t row = 0; row < rows; ++row) {
        const float* a = ref + row * classes;
        const float* b = test + row * classes;
        const int64_t ref_top = top_k(a, classes, 1)[0];
        const auto test_top = top_k(b, classes, 5);
        top1_ += test_top[0] == ref_top ? 1 : 0;
        if (classes >= 5) {
            has_top5_ = true;
            top5_ += std::find(test_top.begin(), test_top.end(), ref_top) != test_top.end() ? 1 : 0;
        }
        ++rows_;
    }
}

ErrorMetrics ErrorAccumulator::result() const {
    ErrorMetrics m;
    m.count = count_;
    if (count_ == 0) return m;
    const double n = static_cast<double>(count_);
    m.max_abs = max_abs_;
    m.mean_abs = sum_abs_ / n;
    m.rmse = std::sqrt(sum_sq_err_ / n);
    m.snr_db = sum_sq_err_ == 0.0 ? std::numeric_limits<double>::infinity()
                                  : 10.0 * std::log10(sum_sq_ref_ / sum_sq_err_);
    const double norms = std::sqrt(sum_sq_ref_) * std::sqrt(sum_sq_test_);
    m.cosine = norms == 0.0 ? (sum_sq_ref_ == sum_sq_test_ ? 1.0 : 0.0) : dot_ / norms;
    if (rows_ > 0) {
        m.top1_agreement = static_cast<double>(top1_) / static_cast<double>(rows_);
        if (has_top5_) m.top5_agreement = static_cast<double>(top5_) / static_cast<double>(rows_);
    }
    return m;
}

}  // namespace wb::analysis
