// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ir/tensor.h"
#include "util/error.h"

namespace wb::views {

// Summary statistics of a numeric tensor, computed in one pass plus one histogram pass.
struct WeightStats {
    int64_t count = 0;
    double min = 0, max = 0, mean = 0, stddev = 0;
    double sparsity = 0;            // fraction of exact zeros
    int64_t non_finite = 0;         // NaN / Inf values (left out of the other figures)
    std::vector<int64_t> histogram;  // `bins` equal-width bins over [min, max]
};

// Empty `count` for non-numeric tensors (strings, resources).
WeightStats compute_weight_stats(const ir::Tensor& tensor, int bins = 40);

// Writes the tensor as a NumPy .npy file (format 1.0, little-endian, C order).
Status write_npy(const ir::Tensor& tensor, const std::string& path);

}  // namespace wb::views
