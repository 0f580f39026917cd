// SPDX-License-Identifier: Apache-2.0
// PNG / JPEG sample inputs for the quantization report: decode, resize, scale.
#include "analysis/image_input.h"

#include <png.h>
#include <csetjmp>
#include <cstdio>
// jpeglib.h needs FILE and size_t declared first.
#include <jpeglib.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <vector>

namespace wb::analysis {
namespace fs = std::filesystem;

namespace {

Error image_error(const fs::path& file, std::string message) { return Error{file.string(), {}, std::move(message)}; }

std::string lower_extension(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

Expected<ir::Tensor> read_png(const fs::path& path) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str()))
        return image_error(path, std::string("not a readable PNG: ") + image.message);
    image.format = PNG_FORMAT_RGB;  // libpng expands grey/palette and composites alpha away
    ir::Tensor out(ir::DType::UInt8, ir::Shape{int64_t(image.height), int64_t(image.width), 3});
    if (!png_image_finish_read(&image, nullptr, out.data<uint8_t>(), 0, nullptr)) {
        std::string why = image.message;
        png_image_free(&image);
        return image_error(path, "corrupt PNG: " + why);
    }
    return out;
}

// libjpeg reports errors through a callback that must not return: jump back to read_jpeg.
struct JpegError {
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

void jpeg_fail(j_common_ptr cinfo) {
    auto* err = reinterpret_cast<JpegError*>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, err->message);
    std::longjmp(err->jump, 1);
}

// Decodes into caller-owned storage: nothing local to this frame changes between setjmp and
// a longjmp from libjpeg, so nothing is left indeterminate (C11 7.13.2.1).
bool decode_jpeg(FILE* file, std::vector<uint8_t>& pixels, std::size_t& height, std::size_t& width,
                 JpegError& err) {
    jpeg_decompress_struct cinfo{};
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpeg_fail;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return false;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_stdio_src(&cinfo, file);
    jpeg_read_header(&cinfo, TRUE);
    cinfo.out_color_space = JCS_RGB;  // grey and YCbCr alike
    jpeg_start_decompress(&cinfo);
    height = cinfo.output_height;
    width = cinfo.output_width;
    pixels.resize(height * width * 3);
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = pixels.data() + std::size_t(cinfo.output_scanline) * width * 3;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return true;
}

Expected<ir::Tensor> read_jpeg(const fs::path& path) {
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) return image_error(path, "cannot open file");
    std::vector<uint8_t> pixels;
    std::size_t height = 0, width = 0;
    JpegError err{};
    if (!decode_jpeg(file.get(), pixels, height, width, err))
        return image_error(path, std::string("not a readable JPEG: ") + err.message);
    return ir::Tensor::from_vector(ir::DType::UInt8, ir::Shape{int64_t(height), int64_t(width), 3}, pixels);
}

}  // namespace

bool is_image_file(const fs::path& path) {
    const std::string ext = lower_extension(path);
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

Expected<ir::Tensor> read_image(const fs::path& path) {
    if (!fs::exists(path)) return image_error(path, "cannot open file");
    return lower_extension(path) == ".png" ? read_png(path) : read_jpeg(path);
}

ir::Tensor resize_bilinear(const ir::Tensor& rgb, int64_t height, int64_t width) {
    const int64_t in_h = rgb.shape().dims[0], in_w = rgb.shape().dims[1];
    const uint8_t* src = rgb.data<uint8_t>();
    ir::Tensor out(ir::DType::Float32, ir::Shape{height, width, 3});
    float* dst = out.data<float>();
    // One source coordinate per output coordinate: the two neighbours and the weight of the second.
    auto axis = [](int64_t in, int64_t n) {
        std::vector<std::pair<int64_t, double>> at(n);
        for (int64_t i = 0; i < n; ++i) {
            double s = std::clamp((i + 0.5) * double(in) / double(n) - 0.5, 0.0, double(in - 1));
            at[i] = {int64_t(std::floor(s)), s - std::floor(s)};
        }
        return at;
    };
    const auto ys = axis(in_h, height), xs = axis(in_w, width);
    auto px = [&](int64_t y, int64_t x, int c) { return double(src[(y * in_w + x) * 3 + c]); };
    for (int64_t y = 0; y < height; ++y) {
        const auto [y0, fy] = ys[y];
        const int64_t y1 = std::min(y0 + 1, in_h - 1);
        for (int64_t x = 0; x < width; ++x) {
            const auto [x0, fx] = xs[x];
            const int64_t x1 = std::min(x0 + 1, in_w - 1);
            for (int c = 0; c < 3; ++c) {
                const double top = px(y0, x0, c) + (px(y0, x1, c) - px(y0, x0, c)) * fx;
                const double bottom = px(y1, x0, c) + (px(y1, x1, c) - px(y1, x0, c)) * fx;
                dst[(y * width + x) * 3 + c] = float(top + (bottom - top) * fy);
            }
        }
    }
    return out;
}

Expected<ir::Tensor> image_to_input(const ir::Tensor& rgb, const InputSpec& input, std::pair<double, double> range,
                                    const fs::path& file) {
    const ir::Shape& want = input.shape;
    const Error bad = Error{file.string(), "input '" + input.key + "'",
                            "an image fits only an NHWC input with 1 or 3 channels; the model's is " + want.to_string()};
    if (want.unknown_rank || (want.rank() != 3 && want.rank() != 4)) return bad;
    const int offset = want.rank() - 3;
    const int64_t channels = want.dims[offset + 2];
    if (channels != 1 && channels != 3) return bad;
    const int64_t h = want.dims[offset] > 0 ? want.dims[offset] : rgb.shape().dims[0];
    const int64_t w = want.dims[offset + 1] > 0 ? want.dims[offset + 1] : rgb.shape().dims[1];
    const ir::Tensor resized = resize_bilinear(rgb, h, w);
    ir::Shape shape = want.rank() == 4 ? ir::Shape{1, h, w, channels} : ir::Shape{h, w, channels};
    ir::Tensor out(input.dtype, shape);
    const bool floating = input.dtype == ir::DType::Float32 || input.dtype == ir::DType::Float64;
    if (!floating && input.dtype != ir::DType::Int32 && input.dtype != ir::DType::UInt8)
        return Error{file.string(), "input '" + input.key + "'",
                     "an image cannot feed a " + std::string(ir::dtype_name(input.dtype)) + " input"};
    const double scale = (range.second - range.first) / 255.0;
    const float* src = resized.data<float>();
    for (int64_t i = 0; i < h * w; ++i)
        for (int64_t c = 0; c < channels; ++c) {
            const float* p = src + i * 3;
            const double v = channels == 1 ? 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2] : p[c];
            const int64_t at = i * channels + c;
            if (input.dtype == ir::DType::Float32) out.data<float>()[at] = float(range.first + v * scale);
            else if (input.dtype == ir::DType::Float64) out.data<double>()[at] = range.first + v * scale;
            else if (input.dtype == ir::DType::Int32) out.data<int32_t>()[at] = int32_t(std::lround(v));
            else out.data<uint8_t>()[at] = uint8_t(std::lround(v));
        }
    return out;
}

}  // namespace wb::analysis
