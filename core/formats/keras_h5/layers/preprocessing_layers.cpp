// SPDX-License-Identifier: Apache-2.0
// Preprocessing layers that are plain arithmetic at inference: Rescaling (x * scale + offset).
#include "formats/keras_h5/layers/layer_context.h"

namespace wb::formats::keras {
namespace {

Expected<std::vector<KTensor>> rescaling(LayerContext& ctx, const std::vector<KTensor>& in) {
    if (in.size() != 1) return ctx.fail("expects one input");
    for (const char* k : {"scale", "offset"})
        if (ctx.cfg.contains(k) && !ctx.cfg[k].is_number()) return ctx.fail(std::string("per-channel '") + k + "' is not supported");
    const double scale = ctx.get_float("scale", 1.0), offset = ctx.get_float("offset", 0.0);
    std::string y = ctx.b.binary(ctx.node("mul"), "Mul", in[0].ref, ctx.b.scalar(ctx.node("scale"), float(scale)));
    y = ctx.b.binary(ctx.node("add"), "AddV2", y, ctx.b.scalar(ctx.node("offset"), float(offset)));
    return std::vector<KTensor>{{y, in[0].shape}};
}

}  // namespace

void register_preprocessing_layers(LayerTable& t) { t.emplace_back("Rescaling", rescaling); }

}  // namespace wb::formats::keras
