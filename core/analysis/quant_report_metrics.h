// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <optional>

#include "ir/tensor.h"

namespace wb::analysis {

// How far a tensor computed with quantized weights is from the float32 one, over every element
// of every sample seen. snr_db is +inf when the two are identical.
struct ErrorMetrics {
    int64_t count = 0;
    double max_abs = 0.0;
    double mean_abs = 0.0;
    double rmse = 0.0;
    double snr_db = 0.0;  // 10·log10(Σ ref² / Σ (test − ref)²)
    double cosine = 1.0;  // Σ ref·test / (‖ref‖·‖test‖); 1 when both are all zeros
    // Class vectors ([N, C] or [C], C ≥ 2) only: share of rows whose arg-max agrees, and share
    // of rows whose float32 top-1 class is among the quantized top-5 (C ≥ 5).
    std::optional<double> top1_agreement;
    std::optional<double> top5_agreement;
};

// Accumulates ErrorMetrics over many (reference, test) pairs, sample by sample.
class ErrorAccumulator {
public:
    // Adds one pair of equally shaped tensors (float32, float64 or float16; others ignored).
    // `class_vector` also counts top-1 / top-5 agreement per row of the last dimension.
    void add(const ir::Tensor& reference, const ir::Tensor& test, bool class_vector = false);
    ErrorMetrics result() const;
    bool empty() const { return count_ == 0; }

private:
    void add_values(const float* ref, const float* test, int64_t n);
    void add_rows(const float* ref, const float* test, int64_t rows, int64_t classes);

    int64_t count_ = 0;
    double max_abs_ = 0.0, sum_abs_ = 0.0, sum_sq_err_ = 0.0;
    double sum_sq_ref_ = 0.0, sum_sq_test_ = 0.0, dot_ = 0.0;
    int64_t rows_ = 0, top1_ = 0, top5_ = 0;
    bool has_top5_ = false;
};

// True when an output looks like class scores: floating, rank 1 or 2, last dimension ≥ 2.
bool is_class_vector(const ir::Tensor& t);

}  // namespace wb::analysis
