// SPDX-License-Identifier: Apache-2.0
// One tf_graphs corpus case (format in ../shared/corpus/README.md): placeholder values, final
// predictions and every intermediate tensor TensorFlow computed, read from CSV + .shape files.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "ir/tensor.h"

namespace wb::test {

struct RefTensor {
    std::string node;  // node name with '/' restored
    int index = 0;
    std::string dtype_name;  // as the dtypes file says
    std::filesystem::path csv;
};

struct CorpusCase {
    std::filesystem::path dir;
    std::vector<RefTensor> placeholders;
    std::vector<RefTensor> predictions;
    std::vector<RefTensor> intermediates;
};

// Lists the reference files of a case. `node_exists` resolves "split.1" (node "split",
// output 1) against a real node named "split.1".
CorpusCase scan_case(const std::filesystem::path& dir, bool (*node_exists)(const void*, const std::string&),
                     const void* graph);
// Reads a reference tensor; false + message when unreadable or of an unknown dtype.
bool read_ref(const RefTensor& ref, ir::Tensor& out, std::string& error);

// |a-b| <= atol + rtol*|b| per dtype (exact for integers/bools, NaN == NaN); on mismatch
// `detail` names the first differing element.
bool tensors_match(const ir::Tensor& got, const ir::Tensor& want, std::string& detail);

}  // namespace wb::test
