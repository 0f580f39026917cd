// SPDX-License-Identifier: Apache-2.0
// The one list of kernel families: adding a family adds its file and one line here.
// (Explicit calls, because static-initializer registration is dropped by the linker when the
// core is a static library.)
#include "runtime/kernel.h"

namespace wb::runtime {

void register_all_kernels(KernelRegistry& registry) {
    (void)registry;
}

}  // namespace wb::runtime
