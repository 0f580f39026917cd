// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for our half of the Keras .h5 / .keras readers. libhdf5 runs in a sandboxed
// child (core/formats/keras_h5/isolated_read.h) whose coverage fuzz_keras_h5 cannot see, so the
// code after it is fuzzed here in-process: the input is the message that child sends
// (archive_wire.h); it is decoded, model_config / training_config are parsed and the model is
// lowered to TensorFlow ops with its weights. Seeds: corpus models encoded by
// make_keras_archive_seeds. Any crash, hang, leak or sanitizer report is a bug of ours.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/keras_h5/archive_wire.h"
#include "formats/keras_h5/keras_h5_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace wb::formats;
    auto raw = keras::wire::decode(std::string_view(reinterpret_cast<const char*>(data), size), "model.h5");
    if (!raw) return 0;
    auto archive = keras::finish_archive(std::move(*raw), "model.h5");
    if (!archive) return 0;
    auto model = keras_model_from_archive(*archive, "model.h5", "keras", false);
    (void)model;
    return 0;
}
