// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "ir/model.h"
#include "runtime/session.h"
#include "util/error.h"

namespace wb::analysis {

// One set of feeds for a run: the model's inputs, named as the Session expects them.
using Sample = std::vector<runtime::NamedTensor>;

// What to feed: the model's signature inputs, or its Placeholder nodes when it has none.
struct InputSpec {
    std::string feed_name;  // tensor name ("x:0") or node name
    std::string key;        // signature key, for matching user files
    ir::DType dtype = ir::DType::Float32;
    ir::Shape shape = ir::Shape::unknown();
};
std::vector<InputSpec> model_inputs(const ir::Model& model);

// Synthetic inputs, as the tfjs reference runner makes them (tools/tfjs-reference, --fill
// random): floats uniform in [low, high) (default [0, 1), image-like), integers uniform in
// [int_low, int_high), bools fair coins. A -1 batch dim becomes `batch`, other unknown dims
// `dynamic_dim` (the runner's --dyn default, 224). With `auto_range`, a float input that the
// graph first multiplies by ≤ 1/100 or divides by ≥ 100 is taken for pixels: [0, 255).
struct RandomInputOptions {
    uint32_t seed = 42;
    double low = 0.0, high = 1.0;
    bool auto_range = true;
    int64_t int_low = 0, int_high = 10;
    int64_t batch = 1;
    int64_t dynamic_dim = 224;
};
// The [low, high) range random_samples uses for one float input.
std::pair<double, double> float_input_range(const ir::Model& model, const InputSpec& input,
                                            const RandomInputOptions& options);
Expected<std::vector<Sample>> random_samples(const ir::Model& model, int count, const RandomInputOptions& options);

// Samples from user files. Each spec is one of
//   inputs.json            {name: {shape, dtype, data | file}} with raw little-endian .bin files
//                          relative to the JSON (the tfjs reference runner's layout);
//   [name=]array.npy       a NumPy array for one input (name optional for single-input models);
//   [name=]image.png|.jpg  an image for one NHWC input, resized bilinearly to its H×W and
//                          scaled to its plausible range (float_input_range), see image_input.h.
// An array whose first dim N > 1 where the model's batch dim is -1 gives N samples of batch 1.
// float64 / int64 data are narrowed to the model's float32 / int32 inputs.
Expected<std::vector<Sample>> load_samples(const ir::Model& model, const std::vector<std::string>& specs);

// A NumPy .npy file (format 1.0–3.0, little-endian, C order).
Expected<ir::Tensor> read_npy(const std::filesystem::path& path);

}  // namespace wb::analysis
