// SPDX-License-Identifier: Apache-2.0
// Keras activation functions by name, as TensorFlow ops.
#include <cmath>

#include "formats/keras_h5/layers/layer_context.h"

namespace wb::formats::keras {

Expected<std::string> apply_activation(LayerContext& ctx, const std::string& x, const std::string& activation,
                                       const std::string& suffix) {
    Builder& b = ctx.b;
    const std::string n = ctx.node(suffix);
    const std::string& a = activation;
    if (a.empty() || a == "linear" || a == "None") return x;
    if (a == "relu") return b.unary(n, "Relu", x);
    if (a == "relu6") return b.unary(n, "Relu6", x);
    if (a == "elu") return b.unary(n, "Elu", x);
    if (a == "selu") return b.unary(n, "Selu", x);
    if (a == "sigmoid") return b.unary(n, "Sigmoid", x);
    if (a == "tanh") return b.unary(n, "Tanh", x);
    if (a == "softplus") return b.unary(n, "Softplus", x);
    if (a == "softsign") return b.unary(n, "Softsign", x);
    if (a == "exponential") return b.unary(n, "Exp", x);
    if (a == "softmax") return b.unary(n, "Softmax", x);  // Keras' default axis -1 = TF Softmax
    if (a == "swish" || a == "silu") return b.binary(n, "Mul", x, b.unary(n + "/sigmoid", "Sigmoid", x));
    if (a == "hard_sigmoid") {
        // Keras 1/2: clip(0.2 x + 0.5, 0, 1). Keras 3: relu6(x + 3) / 6, i.e. slope 1/6.
        float slope = ctx.keras_major >= 3 ? 1.f / 6.f : 0.2f;
        std::string y = b.binary(n + "/mul", "Mul", x, b.scalar(n + "/slope", slope));
        y = b.binary(n + "/add", "AddV2", y, b.scalar(n + "/half", 0.5f));
        y = b.binary(n + "/max", "Maximum", y, b.scalar(n + "/zero", 0.f));
        return b.binary(n, "Minimum", y, b.scalar(n + "/one", 1.f));
    }
    if (a == "gelu") {
        // Exact form (approximate=False, the Keras default): 0.5 x (1 + erf(x / sqrt 2)).
        std::string t = b.binary(n + "/scaled", "Mul", x, b.scalar(n + "/rsqrt2", float(1.0 / std::sqrt(2.0))));
        t = b.unary(n + "/erf", "Erf", t);
        t = b.binary(n + "/one_plus", "AddV2", t, b.scalar(n + "/one", 1.f));
        std::string half_x = b.binary(n + "/half_x", "Mul", x, b.scalar(n + "/half", 0.5f));
        return b.binary(n, "Mul", half_x, t);
    }
    if (a == "leaky_relu") {
        ir::AttrMap at;
        at["alpha"] = 0.2f;
        return b.add(n, "LeakyRelu", {x}, std::move(at));
    }
    return ctx.fail("activation '" + a + "' is not supported");
}

}  // namespace wb::formats::keras
