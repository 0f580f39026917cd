// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <utility>

#include "analysis/quant_report_inputs.h"
#include "ir/tensor.h"
#include "util/error.h"

namespace wb::analysis {

// True for the file names read_image decodes (.png, .jpg, .jpeg; any case).
bool is_image_file(const std::filesystem::path& path);

// Decodes a PNG (libpng) or JPEG (libjpeg-turbo) into uint8 [height, width, 3] RGB;
// alpha is dropped, grey and palette images are expanded. Errors name the file.
Expected<ir::Tensor> read_image(const std::filesystem::path& path);

// Bilinear resize of uint8 [h, w, 3] to [height, width, 3] floats, with half-pixel centres
// (tf.image.resize's default, TF2: src = (dst + 0.5)·in/out − 0.5, clamped at the edges).
ir::Tensor resize_bilinear(const ir::Tensor& rgb, int64_t height, int64_t width);

// The image as one sample of `input`: resized to the input's H×W (NHWC, rank 3 or 4; an
// unknown H or W keeps the image's), 1 or 3 channels (grey = ITU-R 601 luma), pixel values
// p ∈ [0, 255] mapped linearly onto `range` ([0, 1) → p/255, [0, 255) → p) for float inputs
// and kept as they are for integer inputs.
Expected<ir::Tensor> image_to_input(const ir::Tensor& rgb, const InputSpec& input, std::pair<double, double> range,
                                    const std::filesystem::path& file);

}  // namespace wb::analysis
