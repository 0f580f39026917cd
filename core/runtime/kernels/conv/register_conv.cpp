// SPDX-License-Identifier: Apache-2.0
#include "runtime/kernels/conv/conv_backprop_input.h"
#include "runtime/kernels/conv/conv_kernel.h"

namespace wb::runtime {

void register_conv_kernels(KernelRegistry& registry) {
    using conv::ConvKernel;
    using Kind = ConvKernel::Kind;
    auto conv = [](Kind kind, int spatial) {
        return [kind, spatial](const ir::Node& node) -> std::unique_ptr<Kernel> {
            return std::make_unique<ConvKernel>(node, kind, spatial);
        };
    };
    registry.add("Conv2D", conv(Kind::Regular, 2));
    registry.add("_FusedConv2D", conv(Kind::Regular, 2));
    registry.add("Conv3D", conv(Kind::Regular, 3));
    registry.add("DepthwiseConv2dNative", conv(Kind::Depthwise, 2));
    registry.add("FusedDepthwiseConv2dNative", conv(Kind::Depthwise, 2));
    registry.add("Conv2DBackpropInput", simple_kernel(conv::conv2d_backprop_input));
    registry.add("Prelu", simple_kernel(conv::prelu));
}

}  // namespace wb::runtime
