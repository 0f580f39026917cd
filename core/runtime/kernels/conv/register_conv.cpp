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
    registry.add("DepthwiseConv2d", conv(Kind::Depthwise, 2));  // tfjs' alias
    registry.add("Conv2DBackpropInput", simple_kernel([](KernelContext& c) { return conv::conv_backprop_input(c, 2); }));
    registry.add("Conv3DBackpropInputV2", simple_kernel([](KernelContext& c) { return conv::conv_backprop_input(c, 3); }));
    registry.add("Dilation2D", simple_kernel(conv::dilation2d));
    registry.add("Prelu", simple_kernel(conv::prelu));
}

}  // namespace wb::runtime
