// SPDX-License-Identifier: Apache-2.0
// tf_graphs corpus cases prepared for TensorFlow.js (tst_tfjs_compat::tfGraphs): each case whose
// ops are all in reference/tfjs-supported-ops.txt is converted in-process, its placeholder values
// turned into a tfjs feed, its TensorFlow outputs read as the expected values; tfjs_batch.js runs
// them all in one Node process; compare_case() checks what tfjs computed.
#pragma once
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ir/tensor.h"

namespace wb::test {

struct TfGraphCase {
    std::string name;                  // relative to tf_graphs, e.g. "conv_1"
    std::filesystem::path dir;
    std::filesystem::path export_dir;  // our conversion
    nlohmann::json feed;               // tfjs_batch.js "inputs"
    std::vector<std::string> fetches;  // "node:k"
    std::vector<ir::Tensor> expected;  // TensorFlow's values, one per fetch
    std::map<std::string, ir::Tensor> placeholders;  // the reference inputs, as TensorFlow was fed
    std::string error;                 // why it could not be prepared or converted ("" = ready)
    bool random = false;               // draws random numbers: tfjs's generator is not TensorFlow's
};

// Tolerances per reference dtype, from data/tfjs_tf_graphs_tolerances.tsv.
struct Tolerance {
    double atol = 0, rtol = 0;
};
std::map<std::string, Tolerance> read_tolerances(const std::filesystem::path& tsv);
// case<TAB>ours<TAB>reason lines of the expected-failures TSV ('#' comments); `ours` says whether our
// runtime reproduces TensorFlow on the same export ("match": the export is right, tfjs is not).
struct ExpectedFailure {
    bool ours_match = false;
    std::string reason;
};
std::map<std::string, ExpectedFailure> read_expected_failures(const std::filesystem::path& tsv);
// The op names of reference/tfjs-supported-ops.txt.
std::set<std::string> tfjs_op_list(const std::filesystem::path& txt);

// Reads and checks one case; false when some op is not in `tfjs_ops` (not a TensorFlow.js case).
// Otherwise converts it into `out` (passes on or off) and fills everything, or `error`.
bool prepare_tf_graph_case(const std::filesystem::path& dir, const std::string& name, const std::set<std::string>& tfjs_ops,
                           const std::filesystem::path& out, bool run_passes, TfGraphCase& c);

// What tfjs_batch.js wrote for one case against the expected values: "" when every output
// matches within the tolerance of its reference dtype, else the first difference.
std::string compare_case(const TfGraphCase& c, const nlohmann::json& result, const std::filesystem::path& results_dir,
                         const std::map<std::string, Tolerance>& tolerances);
// The same check of `got` (tfjs's or ours, `who`) against TensorFlow's `want`.
std::string match_tensor(const std::string& fetch, const ir::Tensor& got, const ir::Tensor& want,
                         const std::map<std::string, Tolerance>& tolerances, const char* who);
// Our runtime on the export (read back through the tfjs reader) with the same feeds: "" when it
// reproduces TensorFlow. For a case TensorFlow.js fails, this tells the export from tfjs's kernels.
std::string ours_on_export(const TfGraphCase& c, const std::map<std::string, Tolerance>& tolerances);

}  // namespace wb::test
